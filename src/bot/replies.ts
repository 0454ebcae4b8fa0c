import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { CardAttachment } from '../cards';
import type { ErrorCode } from '../domain/errors';

/** What a card action or command produced: a card to show, or a refusal to explain. */
export type Answer =
  { card: CardAttachment } | { refusal: { code: ErrorCode | 'bad-request'; message: string } };

const STATUS: Partial<Record<string, number>> = {
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
    statusCode: STATUS[code] ?? 500,
    type: 'application/vnd.microsoft.error',
    value: { code, message } as unknown as Record<string, unknown>,
  };
}
