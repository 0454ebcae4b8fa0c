/**
 * Graph's error envelope. Every error the simulated tenant answers with, Graph routes and control
 * routes alike, is a `GraphError` turned into `{"error":{"code","message","innerError":{...}}}`.
 */

/** An error answer: status, Graph error code, message and any extra response headers. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** Correlation ids every envelope carries in `innerError`. */
export interface Correlation {
  requestId: string;
  clientRequestId: string;
}

/** Graph writes `innerError.date` as an ISO timestamp without fraction or zone. */
export function graphDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19);
}

/** The JSON body of an error answer, in Graph's shape. */
export function errorEnvelope(error: GraphError, correlation: Correlation): object {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: graphDate(),
        'request-id': correlation.requestId,
        'client-request-id': correlation.clientRequestId,
      },
    },
  };
}

export function badRequest(message: string, code = 'BadRequest'): GraphError {
  return new GraphError(400, code, message);
}

/** Intune's 404 for an unknown entity id (`ResourceNotFound`). */
export function intuneNotFound(entity: string, id: string): GraphError {
  return new GraphError(404, 'ResourceNotFound', `The ${entity} with id '${id}' was not found.`);
}

/** Entra ID's 404 for an unknown directory object, with Graph's own wording. */
export function directoryNotFound(id: string): GraphError {
  return new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

/** Graph's answer for a path segment it cannot resolve (also used for beta-only segments on v1.0). */
export function segmentNotFound(segment: string): GraphError {
  return badRequest(`Resource not found for the segment '${segment}'.`);
}

/** Any unexpected throw becomes a 500 in the envelope, never a crash or an HTML page. */
export function toGraphError(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GraphError(500, 'InternalServerError', `Simulator error: ${message}`);
}
