import { AppError, toldAs, type ErrorCode } from '../domain/errors';
import type { AssignmentRequest } from '../domain/request';

/**
 * What a use case answers: its value, or the refusal to show with the request as it now stands
 * (so the bot can re-render the card in its current state). Expected refusals are results, never
 * exceptions.
 */
export type Result<T> =
  { ok: true; value: T } | { ok: false; error: AppError; request?: AssignmentRequest };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/**
 * An expected refusal raised inside a use case, carrying the request as it stands. Only
 * {@link attempt} catches it: it never leaves a use case.
 */
export class Refusal extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly request?: AssignmentRequest,
  ) {
    super(code, message);
    this.name = 'Refusal';
  }
}

/**
 * Runs `work`, a step that calls ports about `request`, so that every failure comes back with
 * the request as it stands: a refusal without a request gets this one, and a port's `AppError`
 * (a Graph timeout, say) becomes a refusal with a message a person can act on (the catalog's
 * `tell` for Graph's passing troubles, else the error's message). The user then sees
 * the request's current card and why nothing changed, rather than an error.
 */
export async function aboutRequest<T>(
  request: AssignmentRequest,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal && error.request !== undefined) throw error;
    if (error instanceof AppError) {
      const message = toldAs(error.code) ?? error.message;
      throw new Refusal(error.code, message, request);
    }
    throw error;
  }
}

/**
 * Runs a use case's story and turns every refusal and every `AppError` from a port (a Graph
 * failure, say) into a failed `Result`. Anything else is a bug and is rethrown.
 */
export async function attempt<T>(story: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await story());
  } catch (error) {
    if (error instanceof Refusal) {
      return { ok: false, error: new AppError(error.code, error.message), request: error.request };
    }
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}
