import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config';
import { azureCredential } from '../graph/credential';
import type { Logger } from '../logger';
import { INTUNE_WINDOW_MS } from '../services/sliding-window';
import { WRITE_CONCURRENCY } from '../services/keyed-queue';
import { LayeredItemLock } from '../services/layered-item-lock';
import type { ItemLock } from '../services/ports/item-lock';
import type { Leases } from '../services/ports/leases';
import type { RequestStore } from '../services/ports/request-store';
import type { WriteRate } from '../services/ports/write-rate';
import { azureStorageClients } from './azure/azure-storage';
import { BlobItemLock } from './azure/blob-item-lock';
import { BlobLeases } from './azure/blob-leases';
import { AzureTableRequestStore } from './azure/table-request-store';
import { TableWriteRate } from './azure/table-write-rate';
import { MemoryRequestStore } from './memory-request-store';
import { SqliteRequestStore } from './sqlite-request-store';

/**
 * Where the bot keeps its state, and how its instances take turns. SQLite and memory serve one
 * instance, so their locks, leases and write rate are the in-process defaults (left undefined
 * here). Azure Storage is shared: the item locks and work leases are Blob leases, and Intune's
 * write limit is counted in the table, so two or more instances behave as one.
 */
export interface Storage {
  store: RequestStore;
  locks?: ItemLock;
  leases?: Leases;
  rate?: WriteRate;
  /** This instance, as locks, leases and logs name it. */
  instance: string;
}

/** `<host>-<pid>-<random>`: unique per process, readable in logs. */
export function instanceName(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export function createStorage(config: Config, logger: Logger): Storage {
  const instance = instanceName();
  if (config.STORAGE === 'memory') return { store: new MemoryRequestStore(), instance };
  if (config.STORAGE === 'sqlite') {
    return { store: new SqliteRequestStore({ path: config.SQLITE_PATH }), instance };
  }
  const credential = config.AZURE_STORAGE_ACCOUNT_URL
    ? azureCredential(config).credential
    : undefined;
  const { table, container } = azureStorageClients(config, credential);
  const lease = {
    container,
    holder: instance,
    logger: logger.child({ component: 'leases' }),
    durationSeconds: config.AZURE_LEASE_SECONDS,
  };
  return {
    store: new AzureTableRequestStore(table),
    locks: new LayeredItemLock(new BlobItemLock(lease), WRITE_CONCURRENCY),
    leases: new BlobLeases(lease),
    rate: new TableWriteRate(table, {
      limit: config.GRAPH_WRITES_PER_20S,
      windowMs: INTUNE_WINDOW_MS,
    }),
    instance,
  };
}
