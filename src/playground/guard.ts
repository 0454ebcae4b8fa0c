import { isMicrosoftGraph } from '../config';

/** Settings that only a production deployment has. */
const PRODUCTION_KEYS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
] as const;

/** The Graph URL the playground replaces with its simulator (also `.env.example`'s value). */
const DEFAULT_GRAPH = 'https://graph.microsoft.com';

const isSet = (value: string | undefined) => (value ?? '').trim() !== '';

function pointsAtMicrosoftGraph(value: string | undefined): boolean {
  if (!isSet(value)) return false;
  const url = (value ?? '').trim().replace(/\/+$/, '');
  if (url.toLowerCase() === DEFAULT_GRAPH) return false;
  try {
    return isMicrosoftGraph({ GRAPH_BASE_URL: url });
  } catch {
    // Not a URL at all: certainly not Microsoft Graph (the playground replaces it anyway).
    return false;
  }
}

/**
 * The production settings present in an environment, by name (never by value). The playground
 * runs against its simulated tenant only, so any of these means it was started in the wrong place.
 */
export function productionSettings(env: NodeJS.ProcessEnv): string[] {
  const found: string[] = PRODUCTION_KEYS.filter((key) => isSet(env[key]));
  if (pointsAtMicrosoftGraph(env.GRAPH_BASE_URL)) found.push('GRAPH_BASE_URL');
  return found;
}

/** Thrown when the playground is started with production settings. */
export class PlaygroundRefused extends Error {
  readonly code = 'playground-refused';
  constructor(readonly settings: string[]) {
    super(
      `The playground runs only against its built-in simulated tenant, but production settings ` +
        `are configured: ${settings.join(', ')}. Unset them (check .env too) to use the ` +
        `playground, or run the real bot with \`npm run serve\`.`,
    );
    this.name = 'PlaygroundRefused';
  }
}

/** Throws `PlaygroundRefused` naming every production setting found. */
export function refuseProductionSettings(env: NodeJS.ProcessEnv): void {
  const found = productionSettings(env);
  if (found.length > 0) throw new PlaygroundRefused(found);
}
