import 'dotenv/config';
import { ConfigError } from '../config';
import { PlaygroundRefused } from './guard';
import { PLAYGROUND_DB, startPlayground } from './playground';
import { PortInUse } from './port';

/**
 * `npm start`: the playground. Starts the simulated tenant, the bot and the chat page, prints the
 * URL, and stops cleanly on Ctrl-C or SIGTERM. Refuses to run with production settings (from the
 * environment or `.env`), since it is for the simulated tenant only.
 */
async function main(): Promise<void> {
  const playground = await startPlayground();
  const port = new URL(playground.url).port;
  const seconds = process.uptime().toFixed(1);
  console.log(`Playground: http://localhost:${port}/`);
  console.log(
    `Started in ${seconds} s: the bot, a simulated Intune tenant and ${PLAYGROUND_DB} (emptied at each start). Ctrl-C stops it.`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Playground: ${signal} received, stopping.`);
    // In-flight turns finish first; a stuck one must not keep the terminal forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    playground.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Playground: failed to stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (
    error instanceof PlaygroundRefused ||
    error instanceof ConfigError ||
    error instanceof PortInUse
  ) {
    console.error(error.message);
  } else {
    console.error('Playground: failed to start:', error);
  }
  process.exit(1);
});
