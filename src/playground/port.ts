import { createServer } from 'node:net';

/** Thrown when the playground's port is taken, most often by a playground already running. */
export class PortInUse extends Error {
  readonly code = 'port-in-use';
  constructor(readonly port: number) {
    super(
      `Port ${port} is in use: is the playground already running? Stop it, or choose another port with PORT=<number> npm start.`,
    );
    this.name = 'PortInUse';
  }
}

/**
 * Checks that `port` is free before anything is started or deleted (the playground empties its
 * database at start, which must never happen under a running playground). `0` is always free.
 */
export async function ensurePortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUse(port) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
