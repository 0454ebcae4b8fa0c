import type { ServerResponse } from 'node:http';
import type { PlaygroundEvent } from './store';

/**
 * Server-Sent Events to the open pages: every change of the playground's conversations and of the
 * simulated tenant's writes. A page that reconnects reloads its state, so nothing is replayed.
 */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly bootId: string) {
    // A comment line now and then keeps proxies and idle timeouts from closing the stream.
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), 15_000);
    this.heartbeat.unref();
  }

  /** Turns a response into an event stream; the first event names this server's boot. */
  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
    });
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ boot: this.bootId })}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  publish(event: PlaygroundEvent): void {
    this.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  /** Ends every stream (a server cannot close while they are open). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }
}
