import type { PlaygroundEvent } from '../../src/playground/store';

/** A page's event stream, read in the test: every event, and a way to wait for one. */
export interface EventsClient {
  events: PlaygroundEvent[];
  next(match: (event: PlaygroundEvent) => boolean, timeoutMs?: number): Promise<PlaygroundEvent>;
  close(): void;
}

/** Opens `/playground/api/events` with fetch and parses the `data:` lines as they come. */
export async function openEvents(url: string): Promise<EventsClient> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  if (!response.body) throw new Error('The event stream has no body.');
  const events: PlaygroundEvent[] = [];
  const waiters: {
    match: (e: PlaygroundEvent) => boolean;
    resolve: (e: PlaygroundEvent) => void;
  }[] = [];
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (!data || block.includes('event: hello')) continue;
        const event = JSON.parse(data.slice(6)) as PlaygroundEvent;
        events.push(event);
        for (const waiter of [...waiters]) {
          if (waiter.match(event)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
        }
      }
    }
  };
  let failure = '';
  pump().catch((error: unknown) => {
    // Aborting is how the test closes the stream; anything else is reported by next().
    if (!abort.signal.aborted) failure = ` The stream failed: ${String(error)}`;
  });
  return {
    events,
    next(match, timeoutMs = 5000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`No such event arrived.${failure}`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
      });
    },
    close: () => abort.abort(),
  };
}
