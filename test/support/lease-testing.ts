import { BlobServiceClient, type BlobClient, type ContainerClient } from '@azure/storage-blob';
import {
  leaseBlobName,
  type LeaseKind,
  type LeaseLogger,
} from '../../src/storage/azure/blob-lease';
import { startAzurite, type Azurite } from './azurite';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  context: Record<string, unknown>;
  message?: string;
}

/** A pino-shaped logger that keeps every line, and asks whether one was written. */
export function recordingLogger(): {
  logger: LeaseLogger;
  lines: LogLine[];
  has(level: LogLine['level'], message: string): boolean;
} {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (context: object, message?: string): void => {
      lines.push({ level, context: context as Record<string, unknown>, message });
    };
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    lines,
    has: (level, message) => lines.some((l) => l.level === level && l.message === message),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds; rejects after `timeoutMs` (generous: not a timing assertion). */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** A promise and the function that resolves it: a gate a test opens. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A test file's Azurite, and a fresh (not yet created) container for each of its tests. */
export interface LeaseContainers {
  azurite(): Azurite;
  container(): ContainerClient;
  /** The one blob a single lock or lease name made in this test's container. */
  onlyBlob(): Promise<BlobClient>;
  /** A lease taken on `name`'s blob by a process that then dies: it is never renewed. */
  deadHolder(kind: LeaseKind, name: string): Promise<void>;
}

/** Starts Azurite once for the file (jest hooks) and names a fresh container per test. */
export function leaseContainers(prefix: string): LeaseContainers {
  let azurite: Azurite | undefined;
  let service: BlobServiceClient | undefined;
  let container: ContainerClient | undefined;
  let count = 0;
  beforeAll(async () => {
    azurite = await startAzurite();
    service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  });
  afterAll(() => azurite?.stop());
  beforeEach(() => {
    count += 1;
    // Not created here: the locks create their container on first use.
    container = service!.getContainerClient(`${prefix}-${count}`);
  });
  return {
    azurite: () => azurite!,
    container: () => container!,
    async onlyBlob() {
      const names: string[] = [];
      for await (const blob of container!.listBlobsFlat()) names.push(blob.name);
      if (names.length !== 1) throw new Error(`expected one blob, found ${names.join(', ')}`);
      return container!.getBlobClient(names[0]!);
    },
    async deadHolder(kind, name) {
      await container!.createIfNotExists();
      const blob = container!.getBlockBlobClient(leaseBlobName(kind, name));
      await blob.upload('', 0);
      await blob.getBlobLeaseClient().acquireLease(15);
    },
  };
}
