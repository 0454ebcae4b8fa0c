import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { CardAttachment } from '../cards';
import { statusOf, type ErrorCode } from '../domain/errors';

/** What a card action or command produced: a card to show, or a refusal to explain. */
export type Answer = { card: CardAttachment } | { refusal: { code: ErrorCode; message: string } };

/**
 * The `adaptiveCard/action` invoke response for an answer (Teams replaces the card with it); a
 * refusal's status comes from the one error catalog (src/domain/errors.ts), so no code becomes a
 * 500 by omission.
 */
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
    statusCode: statusOf(code),
    type: 'application/vnd.microsoft.error',
    value: { code, message } as unknown as Record<string, unknown>,
  };
}
