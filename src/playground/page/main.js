/* global document, location, history, EventSource, console */
import { createChannel } from './channel.js';
import { createChat } from './chat.js';
import { api, COLORS, h, initials } from './dom.js';
import { createSlack } from './slack.js';
import { loadWrites } from './writes.js';

/*
 * The playground page: a Teams-like frame with a persona switcher, the persona's chat with the bot
 * (Web Chat), the approvals channel and the Graph writes, kept in step by Server-Sent Events.
 * The Slack view shows the same run in a Slack look-alike instead of the chat and the channel.
 */

const state = { setup: null, persona: null, chats: new Map(), channel: null, slack: null };
const slackView = () => document.body.classList.contains('view-slack');
const writesNode = document.getElementById('writes');

function refreshWrites() {
  loadWrites(writesNode).catch((error) => console.error('Could not load the Graph writes', error));
}

function choose(persona) {
  state.persona = persona;
  if (location.hash !== `#${persona.key}`) history.replaceState(null, '', `#${persona.key}`);
  for (const button of document.querySelectorAll('.persona')) {
    const selected = button.dataset.persona === persona.key;
    button.classList.toggle('selected', selected);
    button.setAttribute('aria-selected', String(selected));
  }
  if (!state.chats.has(persona.key))
    state.chats.set(persona.key, createChat(persona, document.getElementById('webchat')));
  for (const [key, chat] of state.chats) chat.host.hidden = key !== persona.key;
  document.getElementById('chat-subtitle').textContent = `Chat · ${persona.name}`;
  state.channel.load().catch((error) => console.error('Could not load the channel', error));
  if (slackView()) state.slack.schedule();
}

/** Switches between the Teams look-alike and the Slack one; the Graph writes stay. */
function showView(view) {
  const slack = view === 'slack';
  document.body.classList.toggle('view-slack', slack);
  document.getElementById('slack').hidden = !slack;
  document.querySelector('.brand-name').textContent = slack ? 'Slack' : 'Microsoft Teams';
  for (const tab of document.querySelectorAll('.view-tab')) {
    tab.classList.toggle('selected', tab.dataset.view === view);
    tab.setAttribute('aria-selected', String(tab.dataset.view === view));
  }
  if (slack) state.slack.schedule();
}

function personaButton(persona) {
  const button = h(
    'button',
    { class: 'persona', role: 'tab', 'data-persona': persona.key, title: persona.jobTitle },
    [
      h('span', {
        class: 'avatar small',
        style: `background:${COLORS[persona.key]}`,
        text: initials(persona.name),
      }),
      h('span', { class: 'persona-text' }, [
        h('span', { class: 'persona-name', text: persona.name }),
        h('span', { class: 'persona-role', text: persona.role }),
      ]),
    ],
  );
  button.addEventListener('click', () => choose(persona));
  return button;
}

function onEvent(event) {
  if (event.type === 'graph-writes') refreshWrites();
  if (event.type === 'slack' && slackView()) state.slack.schedule();
  if (event.type !== 'activity') return;
  // A persona's own view of a card goes to that persona only.
  if (event.kind === 'thread') {
    if (!event.persona || event.persona === state.persona.key)
      state.channel.receive(event.conversationId, event.activity);
    return;
  }
  for (const [key, chat] of state.chats) {
    if (chat.conversationId === event.conversationId && (!event.persona || event.persona === key))
      chat.receive(event.activity);
  }
}

function listen() {
  const source = new EventSource('/playground/api/events');
  source.addEventListener('hello', (message) => {
    // A restarted server has new conversations: start over.
    if (JSON.parse(message.data).boot !== state.setup.boot) location.reload();
  });
  source.onmessage = (message) => onEvent(JSON.parse(message.data));
}

async function start() {
  state.setup = await api('setup');
  const { channel, personas } = state.setup;
  document.getElementById('channel-title').textContent = channel.channelName;
  document.getElementById('channel-subtitle').textContent =
    `${channel.teamName} team · the approvals channel`;
  state.channel = createChannel(
    document.getElementById('threads'),
    state.setup,
    () => state.persona,
  );
  state.slack = createSlack(document.getElementById('slack'), () => state.persona);
  for (const tab of document.querySelectorAll('.view-tab'))
    tab.addEventListener('click', () => showView(tab.dataset.view));
  document.getElementById('personas').append(...personas.map(personaButton));
  listen();
  choose(personas.find((p) => `#${p.key}` === location.hash) || personas[0]);
  refreshWrites();
}

start().catch((error) => {
  document.body.prepend(
    h('div', { class: 'fatal', text: `The playground could not start: ${error.message}` }),
  );
});
