import { api, CARD, cardOf, meta } from './dom.js';

/*
 * Universal Actions as the Teams client does them: an Action.Execute click becomes an
 * `adaptiveCard/action` invoke (verb, and data with the inputs); the server keeps the answer's
 * card as the clicking persona's view of the message and tells the page. A card whose
 * `refresh.userIds` holds the persona is refreshed for them the same way (trigger automatic).
 */

const ERROR = 'application/vnd.microsoft.error';
const LOGIN = 'application/vnd.microsoft.activity.loginRequest';
const refreshed = new Set();

/**
 * Sends an Action.Execute of `persona` on message `messageId` as an invoke. Resolves with the
 * error to show on the card (the bot's `application/vnd.microsoft.error` message), if any.
 */
export async function execute({ persona, conversationId, messageId, verb, data, trigger }) {
  try {
    const answer = await api('activities', {
      persona: persona.key,
      conversationId,
      activity: { type: 'invoke', replyToId: messageId, verb, data, trigger },
    });
    const body = answer.body || {};
    if (answer.status === 200 && body.type !== ERROR) return undefined;
    const value = body.value || {};
    // A sign-in request the playground could not answer silently (consent missing): its button.
    const button = (value.buttons || [])[0];
    if (body.type === LOGIN && button) return `${value.text} [Sign in](${button.value})`;
    return value.message || `The bot answered ${answer.status}.`;
  } catch (error) {
    return error.message;
  }
}

/** Refreshes a message's card once per version for `persona` when its `refresh.userIds` names them. */
export async function refreshIfListed(persona, conversationId, activity) {
  const card = cardOf(activity);
  const refresh = card && card.refresh;
  const { view, version } = meta(activity);
  if (!refresh || view || !(refresh.userIds || []).includes(persona.mri)) return undefined;
  const key = `${persona.key}|${activity.id}|${version}`;
  if (refreshed.has(key)) return undefined;
  refreshed.add(key);
  const action = refresh.action || {};
  return execute({
    persona,
    conversationId,
    messageId: activity.id,
    verb: action.verb,
    data: action.data || {},
    trigger: 'automatic',
  });
}

/** The message with a warning line under its card, as Teams shows a refused action. */
export function withError(activity, message) {
  const card = cardOf(activity);
  if (!card) return activity;
  const note = { type: 'TextBlock', text: `⚠ ${message}`, color: 'Attention', wrap: true };
  const content = { ...card, body: [...(card.body || []), note] };
  return { ...activity, attachments: [{ contentType: CARD, content }] };
}
