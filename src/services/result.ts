import { AppError, type ErrorCode } from '../domain/errors';
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
