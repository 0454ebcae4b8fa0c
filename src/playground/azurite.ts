import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Azurite's well-known development account (public, from Azurite's README). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  /** The emulator's process (gone once `stop` resolves). */
  pid: number;
  blobUrl: string;
  tableUrl: string;
  /** A connection string for both services, as `AZURE_STORAGE_CONNECTION_STRING` takes it. */
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts the Azure Storage emulator (npm `azurite`, a development dependency) as a child process
 * on free loopback ports, in memory only (nothing on disk), and resolves once its Blob and Table
 * services listen. The playground's several instances share it; so do the Azure storage tests.
 */
export function startAzurite(): Promise<Azurite> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      require.resolve('azurite/dist/src/azurite.js'),
      '--inMemoryPersistence',
      '--loose',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      '0',
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const urls: { blob?: string; table?: string } = {};
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`Azurite did not start:\n${lines.join('\n')}`));
    }, 20_000);
    createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const match = /Azurite (Blob|Table) service is successfully listening at (\S+)/.exec(line);
      if (!match) return;
      urls[match[1] === 'Blob' ? 'blob' : 'table'] = match[2]!.replace(/\/$/, '');
      if (!urls.blob || !urls.table) return;
      clearTimeout(timer);
      const blobUrl = `${urls.blob}/${AZURITE_ACCOUNT}`;
      const tableUrl = `${urls.table}/${AZURITE_ACCOUNT}`;
      resolve({
        pid: child.pid ?? 0,
        blobUrl,
        tableUrl,
        connectionString:
          `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
          `BlobEndpoint=${blobUrl};TableEndpoint=${tableUrl};`,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited:\n${lines.join('\n')}`));
    });
  });
}
