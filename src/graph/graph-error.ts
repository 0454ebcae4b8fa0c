import { AppError, type ErrorCode } from '../domain/errors';

/** What a failed Graph call tells: Graph's own code and message and the ids to quote to Microsoft. */
export interface GraphErrorDetails {
  status: number;
  /** Graph's error code, e.g. `BadRequest`, `Request_UnsupportedQuery`, `ApprovalRequired`. */
  graphCode: string;
  requestId?: string;
  clientRequestId: string;
  /** Response headers of interest (e.g. `x-msft-approval-code`), lower-cased. */
  headers?: Record<string, string>;
}

/**
 * A Graph call that failed. `code` is the product's catalog code (`graph-failed`,
 * `graph-throttled`, `graph-unavailable`, `graph-auth`); `status`, `graphCode` and the request ids
 * are Graph's.
 */
export class GraphError extends AppError {
  readonly status: number;
  readonly graphCode: string;
  readonly requestId?: string;
  readonly clientRequestId: string;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, details: GraphErrorDetails) {
    super(code, message);
    this.name = 'GraphError';
    this.status = details.status;
    this.graphCode = details.graphCode;
    this.requestId = details.requestId;
    this.clientRequestId = details.clientRequestId;
    this.headers = details.headers ?? {};
  }
}
