/* global window, AdaptiveCards */
import { execute, refreshIfListed, withError } from './actions.js';
import { api, cardOf, h, instanceLabel, isNewer, markdown, time } from './dom.js';
import { HOST_CONFIG } from './host-config.js';

/*
 * The approvals channel: one thread per request, its root card rendered with the Adaptive Cards
 * library (which runs Action.Execute itself) and the bot's replies under it. It shows the channel
 * as the current persona sees it: their own view of a card where they have one.
 */

AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown(text);
  result.didProcess = true;
};

function renderCard(content, onExecute) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(HOST_CONFIG);
  card.onExecuteAction = (action) => {
    const type = action.getJsonTypeName();
    if (type === 'Action.Execute') onExecute(action.verb, action.data || {});
    else if (type === 'Action.OpenUrl') window.open(action.url, '_blank', 'noopener');
  };
  card.parse(content);
  return card.render();
}

const textCard = (activity) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: activity.text || '', wrap: true }],
});

/** The channel pane in `node`; `setup` is the server's, `persona()` the current persona. */
export function createChannel(node, setup, persona) {
  const threads = new Map(); // conversationId -> { rootId, activities: Map, node }

  const head = (activity) =>
    h('div', { class: 'post-head' }, [
      h('span', { class: 'author', text: setup.bot.name }),
      h('span', { class: 'app-tag', text: 'App' }),
      h('time', { text: time(activity.timestamp) }),
      instanceLabel(activity) &&
        h('span', { class: 'instance-tag', text: instanceLabel(activity) }),
    ]);

  async function act(conversationId, messageId, invoke) {
    const message = await invoke;
    const thread = threads.get(conversationId);
    const activity = message && thread && thread.activities.get(messageId);
    if (activity) render(conversationId, thread, withError(activity, message));
  }

  function render(conversationId, thread, rootOverride) {
    const root = rootOverride || thread.activities.get(thread.rootId);
    const replies = [...thread.activities.values()].filter((a) => a.id !== thread.rootId);
    const onExecute = (verb, data) => {
      const invoke = { persona: persona(), conversationId, messageId: thread.rootId, verb, data };
      act(conversationId, thread.rootId, execute({ ...invoke, trigger: 'manual' }));
    };
    const card = (activity) => renderCard(cardOf(activity) || textCard(activity), onExecute);
    const post = root
      ? h('div', { class: 'post' }, [
          h('div', { class: 'avatar bot', text: 'IA' }),
          h('div', { class: 'post-main' }, [
            head(root),
            h('div', { class: 'card-host' }, [card(root)]),
          ]),
        ])
      : '';
    const count = replies.length;
    thread.node.replaceChildren(
      post,
      h('div', { class: 'replies', 'data-count': String(count) }, [
        count
          ? h('div', { class: 'reply-count', text: `${count} repl${count === 1 ? 'y' : 'ies'}` })
          : '',
        ...replies.map((reply) =>
          h('div', { class: 'reply' }, [
            h('div', { class: 'avatar bot small', text: 'IA' }),
            h('div', { class: 'reply-main' }, [
              head(reply),
              cardOf(reply)
                ? h('div', { class: 'card-host' }, [card(reply)])
                : h('div', { class: 'reply-text', text: reply.text || '' }),
            ]),
          ]),
        ),
      ]),
      h('div', { class: 'reply-box', text: '↩ Reply' }),
    );
  }

  function empty() {
    const hint = node.querySelector('.empty');
    if (threads.size > 0) hint?.remove();
    else if (!hint) {
      const requester = setup.personas[0];
      node.append(
        h('div', { class: 'empty' }, [
          h('strong', { text: 'No approval requests yet.' }),
          h('p', {
            text: `As ${requester.name}, type "assign" in the chat: each request is posted here as a thread, and approvers see Approve and Reject on it.`,
          }),
        ]),
      );
    }
  }

  function receive(conversationId, activity) {
    const rootId = conversationId.split(';messageid=')[1];
    let thread = threads.get(conversationId);
    if (!thread) {
      thread = { rootId, activities: new Map(), node: h('article', { class: 'thread' }) };
      threads.set(conversationId, thread);
      node.append(thread.node);
      empty();
    }
    if (!isNewer(activity, thread.activities.get(activity.id))) return;
    thread.activities.set(activity.id, activity);
    render(conversationId, thread);
    if (activity.id === rootId)
      act(conversationId, rootId, refreshIfListed(persona(), conversationId, activity));
  }

  /**
   * Shows the channel as the current persona sees it. Cleared first, so that events arriving
   * while the snapshot loads are kept: the newer version of a message wins either way.
   */
  async function load() {
    const who = persona();
    threads.clear();
    node.replaceChildren();
    const answer = await api(`threads?persona=${who.key}`);
    if (who !== persona()) return;
    for (const thread of answer.threads) {
      for (const activity of thread.activities) receive(thread.conversationId, activity);
    }
    empty();
  }

  return { load, receive };
}
