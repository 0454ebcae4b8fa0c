import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * Counts the HTTP requests this process sends to the given base URLs (through `node:http`, as the
 * Azure SDK does), e.g. the storage calls a turn makes.
 */
export function httpCallCounter(baseUrls: readonly string[]): () => number {
  const hosts = new Set(baseUrls.map((url) => new URL(url).host));
  let calls = 0;
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    if (hosts.has(String(request.getHeader('host')))) calls += 1;
  });
  return () => calls;
}
