import pino from 'pino';
import type { SeedScale } from './control-types';
import { BENCH_SCALE, DEFAULT_SCALE } from './seed';
import { startSimulator } from './server';

/**
 * `npm run simulator`: the simulated Intune tenant on its own.
 * - `SIMULATOR_PORT`: port on 127.0.0.1 (default 4000; `0` picks a free one).
 * - `SIMULATOR_SCALE`: `default` or `bench` (seed size).
 * - `SIMULATOR_LOG_REQUESTS`: `1` logs every request as a JSON line.
 * - `SIMULATOR_THROTTLING`: `on` (the default) keeps Intune's throttling limits, `off` does not.
 * The simulated Entra ID token service always starts beside it, on a free HTTPS port of 127.0.0.1
 * (`GET /_sim/entra` gives its URL, certificate and the bot's app registration).
 */

const SCALES: Record<string, SeedScale> = { default: DEFAULT_SCALE, bench: BENCH_SCALE };

function fail(message: string): never {
  console.error(`simulator: ${message}`);
  process.exit(1);
}

function readPort(value: string | undefined): number {
  const port = Number(value || '4000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`SIMULATOR_PORT must be an integer from 0 to 65535, got '${value}'.`);
  }
  return port;
}

async function main(): Promise<void> {
  const port = readPort(process.env.SIMULATOR_PORT);
  const scaleName = process.env.SIMULATOR_SCALE ?? 'default';
  const scale = SCALES[scaleName];
  if (!scale) fail(`SIMULATOR_SCALE must be 'default' or 'bench', got '${scaleName}'.`);
  const logger =
    process.env.SIMULATOR_LOG_REQUESTS === '1' ? pino({ name: 'simulator' }) : undefined;
  const throttlingName = process.env.SIMULATOR_THROTTLING || 'on';
  if (throttlingName !== 'on' && throttlingName !== 'off') {
    fail(`SIMULATOR_THROTTLING must be 'on' or 'off', got '${throttlingName}'.`);
  }
  const throttling = throttlingName === 'on';

  const handle = await startSimulator({
    scale,
    port,
    logger,
    settings: { throttling },
    entra: true,
  });
  const t = handle.control.tenant();
  const assignments = [...t.appAssignments.values()].reduce((n, list) => n + list.length, 0);
  console.log(
    `Simulated Intune tenant (Microsoft Graph) at ${handle.url}/v1.0 and ${handle.url}/beta`,
  );
  console.log(
    `${scaleName} scale: ${t.apps.length} apps (${assignments} assignments), ${t.configPolicies.length} app configuration policies, ${t.groups.length} groups, ${t.users.length} users, ${t.assignmentFilters.length} assignment filters; control API at ${handle.url}/_sim`,
  );
  const entra = handle.entra;
  if (entra) {
    console.log(
      `Simulated Entra ID token service (on-behalf-of, Teams SSO tokens) at ${entra.url}/${entra.tenantId}/v2.0, bot app ${entra.bot.clientId}; certificate and app details at ${handle.url}/_sim/entra`,
    );
  }
  console.log(
    throttling
      ? "Intune's throttling limits kept: app writes 100 per 20 s per application (200 per tenant), any request 1,000 per 20 s per application (SIMULATOR_THROTTLING=off turns them off)"
      : "Intune's throttling limits off (SIMULATOR_THROTTLING=off)",
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`simulator: ${signal} received, stopping`);
    handle.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`failed to stop cleanly: ${String(error)}`),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
