import { setTimeout as sleep } from 'node:timers/promises';
import type { TableClient } from '@azure/data-tables';
import { AppError } from '../../domain/errors';
import { readRow, statusOf } from './table-access';
import { COUNTERS } from './table-keys';

const REQUEST_NUMBER = 'request-number';

/** Tries before giving up: each lost try means another writer took a number meanwhile. */
const ATTEMPTS = 30;

/**
 * Takes the next request number: reads the counter row and writes it one higher on the ETag it
 * was read with, or creates it at `first`. A write that loses (412, or 409 for the creation) to
 * another instance reads again after a short random pause, so a number is never given twice
 * however many instances ask at once.
 */
export async function takeNumber(table: TableClient, first: number): Promise<number> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const counter = await readRow(table, COUNTERS, REQUEST_NUMBER);
    const value = counter === undefined ? first : Number(counter.value) + 1;
    const entity = { partitionKey: COUNTERS, rowKey: REQUEST_NUMBER, value };
    try {
      if (counter === undefined) await table.createEntity(entity);
      else await table.updateEntity(entity, 'Replace', { etag: counter.etag });
      return value;
    } catch (error) {
      const status = statusOf(error);
      if (status !== 409 && status !== 412) throw error;
      await sleep(Math.random() * 10 * attempt);
    }
  }
  throw new AppError(
    'conflict',
    `No request number could be taken in ${ATTEMPTS} tries: too many instances asked at once.`,
  );
}
