/* global clearTimeout, setTimeout, console */
import { api, COLORS, h, initials } from './dom.js';
import { renderBlocks } from './slack-blocks.js';
import { createModal } from './slack-modal.js';

/*
 * The Slack view: a Slack look-alike of the same local run, as the current persona sees it. The
 * approvals channel (the bot's Block Kit messages, updated in place, with their threads), the
 * persona's DM with the bot, the messages only they see, and their open modal. The composer sends
 * `/intune-assign ...` as a slash command and DM text as a message; buttons are `block_actions`.
 */

const COMMAND = '/intune-assign';
const BOT = 'Intune Assign';

const clock = (ts) =>
  new Date(Number(ts) * 1000).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

/** The Slack view in `node`; `persona()` is the current persona. */
export function createSlack(node, persona) {
  const state = { place: 'channel', screen: null, open: new Set(), timer: null, error: '' };
  const sidebar = h('nav', { class: 'sk-sidebar', 'aria-label': 'Slack channels' });
  const head = h('header', { class: 'sk-head' });
  const list = h('div', { class: 'sk-messages', 'aria-live': 'polite' });
  const box = h('textarea', { class: 'sk-compose-input', rows: '1', 'aria-label': 'Message' });
  const note = h('div', { class: 'sk-compose-note' });
  const composer = h('form', { class: 'sk-composer' }, [
    box,
    h('button', { class: 'sk-send', type: 'submit', text: 'Send' }),
  ]);
  const layer = h('div', { class: 'sk-modal-root' });
  const modal = createModal(layer, persona);
  node.replaceChildren(
    sidebar,
    h('section', { class: 'sk-main' }, [head, list, composer, note]),
    layer,
  );

  const where = () => (state.place === 'channel' ? state.screen.channel : state.screen.dm);

  async function click(message, element, button) {
    button.disabled = true;
    const at = { persona: persona().key, channel: where().id, ts: message.ts };
    try {
      await api('slack/click', { ...at, actionId: element.action_id });
    } catch (error) {
      state.error = error.message;
      draw();
    } finally {
      button.disabled = false;
    }
  }

  function message(m, reply) {
    const author = m.author || BOT;
    const color = m.author ? COLORS[(m.author.split(' ')[0] || '').toLowerCase()] : '';
    const replies = m.replies.length;
    const open = state.open.has(m.ts);
    const body = m.blocks
      ? renderBlocks(m.blocks, { onClick: (el, button) => click(m, el, button) })
      : renderBlocks([{ type: 'section', text: { type: 'mrkdwn', text: m.text } }]);
    const toggle = h('button', {
      class: 'sk-replies',
      type: 'button',
      'aria-expanded': String(open),
      text: `${replies} repl${replies === 1 ? 'y' : 'ies'}`,
    });
    toggle.addEventListener('click', () => {
      if (open) state.open.delete(m.ts);
      else state.open.add(m.ts);
      draw();
    });
    return h(
      'article',
      { class: `sk-message${m.ephemeral ? ' ephemeral' : ''}`, 'data-ts': m.ts },
      [
        h('div', {
          class: `sk-avatar${m.author ? '' : ' bot'}`,
          style: color ? `background:${color}` : undefined,
          text: m.author ? initials(m.author) : 'IA',
        }),
        h('div', { class: 'sk-message-main' }, [
          h('div', { class: 'sk-message-head' }, [
            h('span', { class: 'sk-author', text: author }),
            m.author ? '' : h('span', { class: 'sk-app', text: 'APP' }),
            h('time', { text: clock(m.ts) }),
            m.edited ? h('span', { class: 'sk-edited', text: '(edited)' }) : '',
          ]),
          m.ephemeral ? h('div', { class: 'sk-only-you', text: 'Only visible to you' }) : '',
          h('div', { class: 'sk-blocks' }, body),
          !reply && replies ? toggle : '',
          !reply && open
            ? h(
                'div',
                { class: 'sk-thread' },
                m.replies.map((r) => message(r, true)),
              )
            : '',
        ]),
      ],
    );
  }

  function channelLink(label, place, unread) {
    const link = h('button', {
      class: `sk-channel${state.place === place ? ' selected' : ''}${unread ? ' unread' : ''}`,
      type: 'button',
      'data-place': place,
      text: label,
    });
    link.addEventListener('click', () => {
      state.place = place;
      draw();
    });
    return link;
  }

  function draw() {
    const { screen } = state;
    if (!screen) return;
    const channel = `# ${screen.channel.name}`;
    sidebar.replaceChildren(
      h('div', { class: 'sk-workspace', text: screen.workspace }),
      h('div', { class: 'sk-section-title', text: 'Channels' }),
      channelLink(channel, 'channel'),
      h('div', { class: 'sk-section-title', text: 'Apps' }),
      channelLink(BOT, 'dm'),
      h('div', { class: 'sk-me', text: `Signed in as ${screen.me.name}` }),
    );
    head.replaceChildren(
      h('span', { class: 'sk-head-title', text: state.place === 'channel' ? channel : BOT }),
      h('span', {
        class: 'sk-head-sub',
        text: state.place === 'channel' ? 'Requests to approve' : 'Your DM with the app',
      }),
    );
    box.placeholder = `Message ${state.place === 'channel' ? channel : BOT} — or ${COMMAND}`;
    const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 40;
    const messages = where().messages;
    list.replaceChildren(
      ...(messages.length
        ? messages.map((m) => message(m, false))
        : [h('div', { class: 'sk-empty', text: `Nothing here yet. Type ${COMMAND} below.` })]),
    );
    if (atEnd) list.scrollTop = list.scrollHeight;
    note.textContent = state.error;
    modal.show(screen.modal);
  }

  async function load() {
    const who = persona();
    const screen = await api(`slack?persona=${who.key}`);
    if (who !== persona()) return;
    state.screen = screen;
    draw();
  }

  /** Reloads soon: several changes in a row are drawn once. */
  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => load().catch((error) => console.error(error)), 50);
  }

  async function send(text) {
    const who = persona().key;
    if (text.startsWith('/')) {
      const [command] = text.split(/\s/, 1);
      if (command !== COMMAND) throw new Error(`${command} is not a valid command.`);
      const rest = text.slice(COMMAND.length).trim();
      return api('slack/command', { persona: who, text: rest, place: state.place });
    }
    if (state.place !== 'dm')
      throw new Error(`In the channel, type ${COMMAND}; write to the app in its DM.`);
    return api('slack/message', { persona: who, text });
  }

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = box.value.trim();
    if (!text) return;
    state.error = '';
    box.value = '';
    send(text).then(schedule, (error) => {
      state.error = error.message;
      draw();
    });
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  return { load, schedule };
}
