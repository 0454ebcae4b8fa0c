import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { CardAttachment } from '../cards';
import type { ErrorCode } from '../domain/errors';

/** What a card action or command produced: a card to show, or a refusal to explain. */
export type Answer =
  { card: CardAttachment } | { refusal: { code: ErrorCode | 'bad-request'; message: string } };

/**
 * The invoke status of every refusal, total over the catalog so that no code becomes a 500 by
 * omission: a bad click 400, an unknown id 404, a refused person 403, a state or race 409, and
 * Graph's troubles as a gateway would report them.
 */
const STATUS: Record<ErrorCode | 'bad-request', number> = {
  'bad-request': 400,
  'unknown-verb': 400,
  'invalid-request': 400,
  'unknown-request': 404,
  'not-found': 404,
  'not-approver': 403,
  'self-approval': 403,
  'not-requester': 403,
  'requester-not-allowed': 403,
  'foreign-tenant': 403,
  conflict: 409,
  'invalid-state': 409,
  'policy-set': 409,
  'target-conflict': 409,
  'empty-set': 409,
  'not-published': 409,
  'filters-would-be-lost': 409,
  'settings-would-be-lost': 409,
  'assignments-changed': 409,
  'intune-approval-ended': 409,
  'graph-failed': 502,
  'graph-auth': 502,
  'write-unconfirmed': 502,
  'assignment-missing': 502,
  'lock-lost': 503,
  'lock-unavailable': 503,
  'storage-in-use': 503,
  'graph-throttled': 503,
  'graph-unavailable': 503,
  'graph-timeout': 504,
  'intune-approval-timeout': 504,
};

/** The `adaptiveCard/action` invoke response for an answer (Teams replaces the card with it). */
export function invokeResponse(answer: Answer): AdaptiveCardInvokeResponse {
  if ('card' in answer) {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: answer.card.content,
    };
  }
  const { code, message } = answer.refusal;
  return {
    statusCode: STATUS[code],
    type: 'application/vnd.microsoft.error',
    value: { code, message } as unknown as Record<string, unknown>,
  };
}
