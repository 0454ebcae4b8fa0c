import { randomUUID } from 'node:crypto';
import { GraphError } from '../errors';
import type { GraphRequest } from '../http-types';

/**
 * Intune's 403: Graph's `Forbidden` whose `message` is Intune's own error object as a JSON
 * string, the text ending with the operation id, the activity id (Graph's request id) and the
 * URL, as Intune writes them.
 */
export function intuneForbidden(text: string, req: GraphRequest): GraphError {
  const url = `${req.baseUrl}/${req.versionSegment}${req.path}`;
  const message = JSON.stringify({
    _version: 3,
    Message: `${text} - Operation ID (for customer support): ${randomUUID()} - Activity ID: ${req.requestId} - Url: ${url}`,
    CustomApiErrorPhrase: '',
    RetryAfter: null,
    ErrorSourceService: '',
    HttpHeaders: '{}',
  });
  return new GraphError(403, 'Forbidden', message);
}
