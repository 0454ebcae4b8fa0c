import 'dotenv/config';
import { ConfigError } from '../config';
import { PlaygroundRefused } from './guard';
import { instancesFrom, InstancesRefused } from './instances-option';
import { PLAYGROUND_DB, startPlayground, type Playground } from './playground';
import { PortInUse } from './port';

/** What runs, for the line after the URL. */
function describe(playground: Playground): string {
  const { apps, azurite } = playground;
  if (!azurite)
    return `the bot, a simulated Intune tenant and ${PLAYGROUND_DB} (emptied at each start)`;
  return (
    `${apps.length} bot instances taking turns (round robin), on Azure Storage emulated by ` +
    `Azurite in memory (blob ${azurite.blobUrl}, table ${azurite.tableUrl}), and a simulated ` +
    `Intune tenant`
  );
}

/**
 * `npm start`: the playground. Starts the simulated tenant, the bot and the chat page, prints the
 * URL, and stops cleanly on Ctrl-C or SIGTERM. Refuses to run with production settings (from the
 * environment or `.env`), since it is for the simulated tenant only. `npm start -- --instances 2`
 * (or `PLAYGROUND_INSTANCES=2`) runs two bot instances on Azurite behind a round-robin front.
 */
async function main(): Promise<void> {
  const instances = instancesFrom(process.argv.slice(2), process.env);
  const playground = await startPlayground({ instances });
  const port = new URL(playground.url).port;
  const seconds = process.uptime().toFixed(1);
  console.log(`Playground: http://localhost:${port}/`);
  console.log(`Started in ${seconds} s: ${describe(playground)}. Ctrl-C stops it.`);

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
    error instanceof InstancesRefused ||
    error instanceof ConfigError ||
    error instanceof PortInUse
  ) {
    console.error(error.message);
  } else {
    console.error('Playground: failed to start:', error);
  }
  process.exit(1);
});
