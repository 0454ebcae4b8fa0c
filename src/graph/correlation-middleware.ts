import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../logger';
import { callInfoOf } from './call-info';
import type { GraphTokenProvider } from './credential';

const KEPT_HEADERS = ['request-id', 'client-request-id', 'retry-after', 'x-msft-approval-code'];

/**
 * First link of the Graph middleware chain: adds the bearer token and a fresh
 * `client-request-id`, then records and logs Graph's `request-id` and status. The library's own
 * authentication and telemetry handlers only act on `https://` Graph hosts, so this one does their
 * job for every base URL, the simulator's included.
 */
export class CorrelationMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly tokens: GraphTokenProvider,
    private readonly logger: Logger,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const info = callInfoOf(context);
    let token: string;
    try {
      token = await (info.options.as ?? this.tokens).getToken();
    } catch (error) {
      info.tokenError = error instanceof Error ? error : new Error(String(error));
      throw info.tokenError;
    }
    context.options = context.options ?? {};
    context.options.headers = {
      ...(context.options.headers as Record<string, string> | undefined),
      Authorization: `Bearer ${token}`,
      'client-request-id': info.clientRequestId,
    };
    await this.next?.execute(context);
    const response = context.response;
    if (response) {
      info.status = response.status;
      info.requestId = response.headers.get('request-id') ?? undefined;
      for (const name of KEPT_HEADERS) {
        const value = response.headers.get(name);
        if (value !== null) info.headers[name] = value;
      }
    }
    this.logger.debug(
      {
        method: info.method,
        url: info.url,
        status: info.status,
        attempts: info.attempts + 1,
        ms: Date.now() - info.startedAt,
        clientRequestId: info.clientRequestId,
        requestId: info.requestId,
      },
      'graph call',
    );
  }
}
