import { escapeHtml, h } from './dom.js';

/*
 * Block Kit as Slack draws it, for the Slack view: section (text, fields, a button accessory),
 * header, context, divider, actions with buttons, and the texts' mrkdwn. Every text is escaped
 * first; only the markup made here is HTML.
 */

const EMOJI = {
  white_check_mark: '✅',
  x: '❌',
  warning: '⚠️',
  hourglass_flowing_sand: '⏳',
  heavy_check_mark: '✔️',
  no_entry: '⛔',
  information_source: 'ℹ️',
};

/** Slack's own escapes (`&amp;`, `&lt;`, `&gt;`) shown as the characters they stand for. */
const unslack = (html) => html.replace(/&amp;(amp|lt|gt);/g, '&$1;');

/** A Slack date token's time, in the reader's own locale and zone, as Slack shows it. */
const localTime = (seconds) =>
  new Date(Number(seconds) * 1000).toLocaleString(undefined, {
    dateStyle: 'short',
    timeStyle: 'short',
  });

/**
 * One line run of mrkdwn, already HTML-escaped: links, date tokens, code, bold, italics, strike,
 * emoji. Slack's markup is written with real brackets (`&lt;` here); brackets the sender escaped
 * for Slack (`&amp;lt;` here) are text, and become characters only afterwards, in `unslack`.
 */
function inline(html) {
  return html
    .replace(
      /&lt;(https?:\/\/[^|\s]+?)(?:\|(.+?))?&gt;/g,
      (_, url, label) => `<a href="${url}" target="_blank" rel="noopener">${label || url}</a>`,
    )
    .replace(
      /&lt;!date\^(\d{1,12})\^[^|]*\|(.+?)&gt;/g,
      (_, seconds, fallback) => `<time title="${fallback}">${localTime(seconds)}</time>`,
    )
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1<b>$2</b>')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1<i>$2</i>')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, '$1<s>$2</s>')
    .replace(/:([a-z_]+):/g, (whole, name) => EMOJI[name] || whole);
}

/** Slack's mrkdwn as HTML: a safe subset (```pre```, `code`, *bold*, _italic_, ~strike~, links). */
export function mrkdwnHtml(text) {
  return String(text)
    .split('```')
    .map((part, i) => {
      const html = escapeHtml(part);
      return i % 2 === 1
        ? `<pre>${unslack(html)}</pre>`
        : unslack(inline(html)).replace(/\n/g, '<br>');
    })
    .join('');
}

/** A text object: plain text as text, mrkdwn through `mrkdwnHtml`. */
export function textNode(text, tag = 'span', cls = '') {
  const node = h(tag, { class: cls });
  if (!text) return node;
  if (text.type === 'mrkdwn') node.innerHTML = mrkdwnHtml(text.text);
  else node.textContent = text.text;
  return node;
}

/** A button; `onClick(element)` is called with the button's element. */
function button(element, onClick) {
  const node = h('button', {
    class: `sk-button ${element.style || ''}`.trim(),
    type: 'button',
    'data-action-id': element.action_id,
    text: (element.text && element.text.text) || '',
  });
  node.addEventListener('click', () => onClick(element, node));
  return node;
}

function element(el, onClick) {
  if (el.type === 'button') return button(el, onClick);
  if (el.type === 'image')
    return h('img', { class: 'sk-image', src: el.image_url, alt: el.alt_text });
  return h('span', { class: 'sk-unsupported', text: `[${el.type}]` });
}

/**
 * The blocks of a message or a view's non-input blocks. `onClick(element, node)` is given the
 * clicked button; `input(block)` draws an input block (modals only).
 */
export function renderBlocks(blocks, { onClick, input } = {}) {
  const click = onClick || (() => undefined);
  return (blocks || []).map((block) => {
    switch (block.type) {
      case 'header':
        return textNode(block.text, 'div', 'sk-header');
      case 'divider':
        return h('hr', { class: 'sk-divider' });
      case 'context':
        return h(
          'div',
          { class: 'sk-context' },
          (block.elements || []).map((e) =>
            e.type === 'image' ? element(e, click) : textNode(e, 'span'),
          ),
        );
      case 'section':
        return h('div', { class: 'sk-section' }, [
          h('div', { class: 'sk-section-main' }, [
            block.text && textNode(block.text, 'div', 'sk-text'),
            block.fields &&
              h(
                'div',
                { class: 'sk-fields' },
                block.fields.map((f) => textNode(f, 'div', 'sk-field')),
              ),
          ]),
          block.accessory && element(block.accessory, click),
        ]);
      case 'actions':
        return h(
          'div',
          { class: 'sk-actions', 'data-block-id': block.block_id || '' },
          (block.elements || []).map((e) => element(e, click)),
        );
      case 'input':
        return input ? input(block) : '';
      default:
        return h('div', { class: 'sk-unsupported', text: `[${block.type} block]` });
    }
  });
}
