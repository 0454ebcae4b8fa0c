import { isLoopbackHost } from '../config';

const isText = (value: unknown) => typeof value === 'string' && value.length > 0;

/**
 * Why a body is not an activity the bot can answer, or undefined when it is: a JSON object with a
 * type, a service URL, a conversation and a sender. Checked before any bot code runs.
 */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'The body must be a JSON activity.';
  }
  const activity = body as Record<string, unknown>;
  const conversation = activity.conversation as { id?: unknown } | undefined;
  const from = activity.from as { id?: unknown } | undefined;
  if (!isText(activity.type)) return 'The activity has no type.';
  if (!isText(activity.serviceUrl)) return 'The activity has no serviceUrl.';
  if (!isText(conversation?.id)) return 'The activity has no conversation id.';
  if (!isText(from?.id)) return 'The activity has no sender (from.id).';
  return undefined;
}

/**
 * Why an activity's `serviceUrl` may not be called, or undefined when it may. The bot stores it
 * (to message people later) and sends its replies there, so it is checked before either: a URL
 * without credentials, `https:` in production mode; in local mode `https:`, or `http:` to a
 * loopback host (the fake connectors of the playground and the tests).
 */
export function serviceUrlProblem(serviceUrl: string, production: boolean): string | undefined {
  if (!URL.canParse(serviceUrl)) return 'The activity serviceUrl is not a URL.';
  const url = new URL(serviceUrl);
  if (url.username !== '' || url.password !== '') {
    return 'The activity serviceUrl must not carry a user name or password.';
  }
  if (url.protocol === 'https:') return undefined;
  if (production) return 'The activity serviceUrl must be an https URL.';
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return 'The activity serviceUrl must be an https URL (or http on loopback in local mode).';
}
