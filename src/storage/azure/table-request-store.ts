import { odata, type TableClient } from '@azure/data-tables';
import { AppError } from '../../domain/errors';
import type { AssignmentRequest } from '../../domain/request';
import type {
  AuditPage,
  AuditRecord,
  CardCopy,
  RequestQuery,
  RequestStore,
  SaveResult,
  WriteFence,
} from '../../services/ports/request-store';
import { FIRST_REQUEST_NUMBER } from '../memory-request-store';
import { deleteRow, rangeFilter, readRow, readRows, statusOf } from './table-access';
import { AuditSequence, auditSince } from './table-audit';
import { takeNumber } from './table-counter';
import { parseJson, valueEntity } from './table-entities';
import {
  afterPrefix,
  copiesPartition,
  FENCES,
  keyPart,
  numberKey,
  REQUESTS,
  SETTINGS,
} from './table-keys';
import { listRequests } from './table-list';
import { createRequest, readRequest, saveRequest } from './table-transitions';

/** Tries of `clearFence` when the fence changes between its read and its deletion. */
const CLEAR_ATTEMPTS = 5;

/**
 * The `RequestStore` on one Azure Storage table (`@azure/data-tables`), shared by every instance of
 * the bot. Partition `r` holds each request's row, its index rows and its audit records, so that a
 * transition is one entity-group transaction (atomic within a partition): the request replaced on
 * the ETag it was read with, its index rows moved, its audit record added, all or nothing. Of N
 * concurrent transitions of one revision exactly one wins, in one process or many. Settings
 * (`s`), write fences (`f`), card copies (`c!<request>`) and the request-number counter (`n`)
 * live in partitions of their own. The table is created on first use if it is missing.
 */
export class AzureTableRequestStore implements RequestStore {
  private created: Promise<void> | undefined;
  private readonly sequence = new AuditSequence();
  /** This instance's number requests, one at a time: they would only race each other. */
  private numbers: Promise<unknown> = Promise.resolve();

  constructor(private readonly table: TableClient) {}

  async create(request: AssignmentRequest, audit?: AuditRecord): Promise<void> {
    if (request.revision !== 1) {
      throw new AppError(
        'invalid-request',
        `A new request has revision 1, not ${request.revision}.`,
      );
    }
    await createRequest(await this.context(), request, audit);
  }

  async get(id: string): Promise<AssignmentRequest | undefined> {
    await this.ready();
    return (await readRequest(this.table, id))?.request;
  }

  async getByNumber(number: number): Promise<AssignmentRequest | undefined> {
    await this.ready();
    const row = await readRow(this.table, REQUESTS, numberKey(number));
    return row && parseJson<AssignmentRequest>(row);
  }

  async save(next: AssignmentRequest, audit?: AuditRecord): Promise<SaveResult> {
    return saveRequest(await this.context(), next, audit);
  }

  async auditSince(since: string, page?: AuditPage): Promise<AuditRecord[]> {
    await this.ready();
    return auditSince(this.table, since, page);
  }

  async list(query: RequestQuery): Promise<AssignmentRequest[]> {
    await this.ready();
    return listRequests(this.table, query);
  }

  async nextNumber(): Promise<number> {
    await this.ready();
    const taken = this.numbers.then(() => takeNumber(this.table, FIRST_REQUEST_NUMBER));
    // The chain only orders the calls; each caller gets its own outcome from `taken`.
    this.numbers = taken.catch(() => undefined);
    return taken;
  }

  async putCardCopy(requestId: string, copy: CardCopy): Promise<void> {
    await this.ready();
    const row = valueEntity(copiesPartition(requestId), keyPart(copy.key), copy);
    await this.table.upsertEntity(row, 'Replace');
  }

  async cardCopies(requestId: string): Promise<CardCopy[]> {
    await this.ready();
    const filter = odata`PartitionKey eq ${copiesPartition(requestId)}`;
    const copies = (await readRows(this.table, filter)).map((row) => parseJson<CardCopy>(row));
    return copies.sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  async getSetting(key: string): Promise<unknown> {
    await this.ready();
    const row = await readRow(this.table, SETTINGS, keyPart(key));
    return row && parseJson<{ value: unknown }>(row).value;
  }

  /** Stores a JSON value; `undefined` removes the setting. */
  async putSetting(key: string, value: unknown): Promise<void> {
    await this.ready();
    if (value === undefined) return deleteRow(this.table, SETTINGS, keyPart(key));
    await this.table.upsertEntity(valueEntity(SETTINGS, keyPart(key), { key, value }), 'Replace');
  }

  /** An insert, which the table refuses (409) when the row exists: one instance wins. */
  async addSetting(key: string, value: unknown): Promise<boolean> {
    await this.ready();
    try {
      await this.table.createEntity(valueEntity(SETTINGS, keyPart(key), { key, value }));
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  /** A key range: escaped keys start with the escaped prefix exactly when the keys start with it. */
  async settingsWithPrefix(prefix: string): Promise<{ key: string; value: unknown }[]> {
    await this.ready();
    const from = keyPart(prefix);
    const range = { partitionKey: SETTINGS, from, to: from === '' ? undefined : afterPrefix(from) };
    const rows = await readRows(this.table, rangeFilter(range));
    const settings = rows.map((row) => parseJson<{ key: string; value: unknown }>(row));
    return settings.sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  async getFence(item: string): Promise<WriteFence | undefined> {
    await this.ready();
    const row = await readRow(this.table, FENCES, keyPart(item));
    return row && parseJson<WriteFence>(row);
  }

  /** Resolves once the service has stored the fence: before the attempt it covers leaves. */
  async putFence(fence: WriteFence): Promise<void> {
    await this.ready();
    await this.table.upsertEntity(valueEntity(FENCES, keyPart(fence.item), fence), 'Replace');
  }

  /**
   * Deletes the fence on the ETag it was read with, so a fence put by another request after the
   * read stays; read again if the fence changed meanwhile.
   */
  async clearFence(item: string, requestId: string): Promise<void> {
    await this.ready();
    for (let attempt = 0; attempt < CLEAR_ATTEMPTS; attempt += 1) {
      const row = await readRow(this.table, FENCES, keyPart(item));
      if (!row || parseJson<WriteFence>(row).requestId !== requestId) return;
      try {
        return await deleteRow(this.table, FENCES, keyPart(item), row.etag);
      } catch (error) {
        if (statusOf(error) !== 412) throw error;
      }
    }
    throw new AppError('conflict', `The fence on ${item} kept changing while it was cleared.`);
  }

  async close(): Promise<void> {
    // Nothing to release: the table outlives every instance, and its client holds no connection.
  }

  /** Creates the table on first use (an existing one is fine); a failed try is tried again. */
  private ready(): Promise<void> {
    this.created ??= this.table.createTable().catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }

  private async context() {
    await this.ready();
    return { table: this.table, sequence: this.sequence };
  }
}
