/* global WebChat */
import { execute, refreshIfListed, withError } from './actions.js';
import { api, CARD, COLORS, FONT, h, initials, instanceLabel, isNewer, markdown } from './dom.js';
import { HOST_CONFIG } from './host-config.js';

/*
 * A persona's 1:1 chat with the bot: Microsoft's Web Chat over a Direct Line object of our own.
 * Web Chat ignores Action.Execute, so its cards get Action.Submit buttons whose data carries the
 * invoke under MARK; a card action middleware catches those clicks and sends the invoke instead.
 */

const MARK = 'playground:execute';

function toSubmit(node, messageId) {
  if (Array.isArray(node)) return node.map((item) => toSubmit(item, messageId));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'refresh') out[key] = toSubmit(value, messageId);
  }
  if (out.type !== 'Action.Execute') return out;
  const { verb, data, ...rest } = out;
  return { ...rest, type: 'Action.Submit', data: { [MARK]: { verb, data, messageId } } };
}

/**
 * Which bot instance sent a message (several instances only), as a last line: a small TextBlock
 * under a card, a line under a text (Web Chat's activity status shows nothing for bot messages).
 */
function labelled(activity, attachments) {
  const label = instanceLabel(activity);
  if (!label) return { ...activity, attachments };
  const line = { type: 'TextBlock', text: label, size: 'Small', isSubtle: true, spacing: 'Small' };
  const withLine = (card) => ({ ...card, body: [...(card.body || []), line] });
  return {
    ...activity,
    text: activity.text && `${activity.text}\n\n${label}`,
    attachments: attachments.map((a) =>
      a.contentType === CARD ? { ...a, content: withLine(a.content) } : a,
    ),
  };
}

function forWebChat(activity) {
  const attachments = (activity.attachments || []).map((a) =>
    a.contentType === CARD ? { ...a, content: toSubmit(a.content, activity.id) } : a,
  );
  return labelled(activity, attachments);
}

/** A minimal multicast Observable that replays to late subscribers: all Web Chat needs. */
function subject(replay) {
  const observers = new Set();
  return {
    next(value) {
      for (const observer of observers) observer.next?.(value);
    },
    subscribe(observer) {
      const o = typeof observer === 'function' ? { next: observer } : observer;
      observers.add(o);
      replay(o);
      return { unsubscribe: () => observers.delete(o) };
    },
  };
}

const once = (promise) => ({
  subscribe(observer) {
    promise.then(
      (value) => {
        observer.next?.(value);
        observer.complete?.();
      },
      (error) => observer.error?.(error),
    );
    return { unsubscribe() {} };
  },
});

function webChatStyle(persona) {
  return {
    accent: '#5b5fc7',
    primaryFont: FONT,
    backgroundColor: '#f5f5f5',
    bubbleBackground: '#ffffff',
    bubbleBorderRadius: 6,
    bubbleBorderWidth: 0,
    bubbleFromUserBackground: '#e8ebfa',
    bubbleFromUserBorderRadius: 6,
    bubbleFromUserBorderWidth: 0,
    bubbleMaxWidth: 520,
    botAvatarInitials: 'IA',
    botAvatarBackgroundColor: '#5b5fc7',
    userAvatarInitials: initials(persona.name),
    userAvatarBackgroundColor: COLORS[persona.key],
    hideUploadButton: true,
    sendBoxHeight: 44,
    richCardWrapTitle: true,
    cardEmphasisBackgroundColor: '#f5f5f5',
  };
}

/** Renders `persona`'s chat into `parent`; `receive` takes the activities of its conversation. */
export function createChat(persona, parent) {
  const conversationId = persona.conversationId;
  const shown = new Map(); // id -> the activity as stored (before the Web Chat rewrite)
  const activities = subject((o) => shown.forEach((a) => o.next(forWebChat(a))));
  // Online at once: the history and everything after it arrive on activity$ as they come.
  const statuses = subject((o) => o.next(2));

  function show(activity) {
    shown.set(activity.id, activity);
    activities.next(forWebChat(activity));
  }

  async function act(invoke) {
    const error = await invoke;
    const activity = error && shown.get(error.messageId);
    if (activity) activities.next(forWebChat(withError(activity, error.message)));
  }

  const failure = (messageId) => (message) => message && { messageId, message };

  function receive(activity) {
    if (!isNewer(activity, shown.get(activity.id))) return;
    show(activity);
    act(refreshIfListed(persona, conversationId, activity).then(failure(activity.id)));
  }

  const directLine = {
    activity$: activities,
    connectionStatus$: statuses,
    end() {},
    postActivity(activity) {
      if (activity.type !== 'message' || !activity.text) {
        // Nothing else goes to the bot; echo it so that Web Chat does not wait for it.
        const id = `local-${Date.now()}`;
        show({ ...activity, id, timestamp: new Date().toISOString() });
        return once(Promise.resolve(id));
      }
      const clientActivityID = activity.channelData && activity.channelData.clientActivityID;
      const message = { type: 'message', text: activity.text, clientActivityID };
      const sent = api('activities', { persona: persona.key, conversationId, activity: message });
      return once(sent.then((answer) => answer.id));
    },
  };

  const cardActionMiddleware = () => (next) => (args) => {
    const value = args.cardAction && args.cardAction.value;
    if (args.cardAction.type !== 'postBack' || !value || !value[MARK]) return next(args);
    const { [MARK]: mark, ...inputs } = value;
    const data = { ...mark.data, ...inputs };
    const invoke = { persona, conversationId, messageId: mark.messageId, verb: mark.verb, data };
    act(execute({ ...invoke, trigger: 'manual' }).then(failure(mark.messageId)));
    return undefined;
  };

  const host = h('div', { class: 'webchat-host', 'data-persona': persona.key });
  parent.append(host);
  WebChat.renderWebChat(
    {
      directLine,
      userID: persona.mri,
      username: persona.name,
      locale: 'en-US',
      cardActionMiddleware,
      renderMarkdown: markdown,
      adaptiveCardsHostConfig: HOST_CONFIG,
      styleOptions: webChatStyle(persona),
    },
    host,
  );
  api(`conversation?persona=${persona.key}`).then(
    (answer) => answer.activities.forEach(receive),
    (error) => host.prepend(h('div', { class: 'fatal', text: error.message })),
  );
  return { conversationId, host, receive };
}
