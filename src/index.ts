import 'dotenv/config';
import { createApp } from './app';
import { ConfigError, listenHost, loadConfig } from './config';
import { AppError } from './domain/errors';
import { createLogger } from './logger';

/**
 * The bot's production entry point (`npm run build && node dist/src/index.js`, or `npm run
 * serve`): configuration from the environment, then the composition root. Problems with the
 * configuration are listed all at once and the process exits non-zero without listening; that
 * includes local mode (no `MicrosoftAppId`) anywhere but on loopback against the simulated tenant,
 * and a SQLite file that another bot process holds.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  const app = createApp({ config, logger });
  const url = await app.start(config.PORT, listenHost(config));
  logger.info({ url: `${url}/api/messages` }, 'bot listening');
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping: finishing in-flight work');
    // Whatever happens, the process is gone within ten seconds of the signal.
    setTimeout(() => {
      logger.error('in-flight work did not finish within 9.5 s; exiting anyway');
      process.exit(1);
    }, 9_500).unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // A store that refuses to start (another process holds the SQLite file) says why in a sentence.
  if (error instanceof AppError && error.code === 'storage-in-use') console.error(error.message);
  else console.error(error);
  process.exit(1);
});
