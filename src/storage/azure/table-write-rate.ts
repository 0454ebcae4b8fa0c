import { RestError, type TableClient } from '@azure/data-tables';
import type { WriteRate } from '../../services/ports/write-rate';
import { admit, type WindowLimit } from '../../services/sliding-window';
import { sleepFor } from '../../services/write-fences';

const PARTITION = 'rate';
const ROW = 'intune-writes';

interface RateEntity {
  partitionKey: string;
  rowKey: string;
  /** When the recent writes left, epoch ms, as JSON. */
  log: string;
}

const conflict = (error: unknown) =>
  error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412);

/**
 * Intune's write limit shared by every instance: the sliding-window log of recent writes is one
 * table entity, taken by compare-and-set on its ETag, so two instances never both take the last
 * place. The instances' clocks are assumed close (they are Azure hosts, NTP-synchronised).
 */
export class TableWriteRate implements WriteRate {
  private ready?: Promise<void>;

  constructor(
    private readonly table: TableClient,
    private readonly window: WindowLimit,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(signal?: AbortSignal, onWait?: (waitMs: number) => void): Promise<boolean> {
    this.ready ??= this.table.createTable().then(() => undefined);
    await this.ready;
    for (let told = false; ;) {
      const entity = await this.read();
      const admission = admit(
        entity ? (JSON.parse(entity.log) as number[]) : [],
        this.now(),
        this.window,
      );
      if (!admission.taken) {
        if (!told) onWait?.(admission.waitMs);
        told = true;
        if (!(await sleepFor(admission.waitMs, signal))) return false;
        continue;
      }
      const next = { partitionKey: PARTITION, rowKey: ROW, log: JSON.stringify(admission.log) };
      try {
        if (entity) await this.table.updateEntity(next, 'Replace', { etag: entity.etag });
        else await this.table.createEntity(next);
        return true;
      } catch (error) {
        if (!conflict(error)) throw error;
        // Another instance took a place first: read again.
      }
    }
  }

  private async read(): Promise<(RateEntity & { etag: string }) | undefined> {
    try {
      const entity = await this.table.getEntity<RateEntity>(PARTITION, ROW);
      return { ...entity, etag: entity.etag };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }
}
