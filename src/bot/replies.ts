import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { CardAttachment } from '../cards';
import { statusOf, type ErrorCode } from '../domain/errors';

/**
 * Teams' sign-in request for an `Action.Execute` (Universal Actions single sign-on): the
 * `tokenExchangeResource` asks Teams for the user's token silently; without it (consent is
 * missing) the sign-in button is the way.
 */
export interface LoginRequest {
  text: string;
  connectionName?: string;
  tokenExchangeResource?: { id: string; uri: string };
  buttons: { type: 'signin'; title: string; text: string; value: string }[];
}

/** Why a click was not carried out: a code from the catalog, and what the user is told. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  /** Answered to Teams as its sign-in request (HTTP 401 `loginRequest`). */
  signIn?: LoginRequest;
  /** Answered as Teams' "precondition failed": the sign-on token was refused, Teams signs in again. */
  tokenRefused?: boolean;
}

/** What a card action or command produced: a card to show, or a refusal to explain. */
export type Answer = { card: CardAttachment } | { refusal: Refusal };

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
  const { code, message, signIn, tokenRefused } = answer.refusal;
  if (signIn) {
    return {
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
      value: signIn as unknown as Record<string, unknown>,
    };
  }
  if (tokenRefused) {
    return {
      statusCode: 412,
      type: 'application/vnd.microsoft.error.preconditionFailed',
      value: { code: '412', message } as unknown as Record<string, unknown>,
    };
  }
  return {
    statusCode: statusOf(code),
    type: 'application/vnd.microsoft.error',
    value: { code, message } as unknown as Record<string, unknown>,
  };
}
