/* global document, fetch */
/** Small helpers shared by the page's panes: elements, the API, text and card bits. */

export const CARD = 'application/vnd.microsoft.card.adaptive';
export const FONT =
  "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";
export const COLORS = { megan: '#ca5010', patti: '#038387', nestor: '#8764b8', joni: '#986f0b' };

/** An element with attributes (`text` sets its text, `class` its class) and children. */
export function h(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children || []) if (child) node.append(child);
  return node;
}

/** GET (or POST with a JSON body) one of the playground's API routes; throws its error message. */
export async function api(path, body) {
  const response = await fetch(`/playground/api/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error((json.error && json.error.message) || response.statusText);
  return json;
}

export const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c],
  );

/**
 * The Markdown Teams renders in the bot's texts: bold, italics, links and line breaks. Both panes
 * use it; Web Chat's own would turn the review's "+ Sales (required)" into a bulleted list. One
 * paragraph: Web Chat keeps only the elements of what this returns.
 */
export function markdown(text) {
  const html = escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|\s)_(.+?)_(?=\s|$)/g, '$1<em>$2</em>')
    .replace(
      /\[([^\]]+)\]\((https?:[^)\s]+)\)/g,
      '<a href="$2" target="_blank" rel="noopener">$1</a>',
    )
    .replace(/\n/g, '<br>');
  return `<p>${html}</p>`;
}

export const initials = (name) =>
  name
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();

export const time = (iso, seconds) =>
  new Date(iso).toLocaleTimeString([], {
    hour: 'numeric',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
  });

/** The playground's bookkeeping on an activity: its version, and whose own view it is. */
export const meta = (activity) => (activity.channelData && activity.channelData.playground) || {};

/** The bot instance that sent `activity`, when several run: "instance 2"; otherwise empty. */
export const instanceLabel = (activity) => {
  const { instance } = meta(activity);
  return instance ? `instance ${instance}` : '';
};

/** True when `activity` is a newer version than `previous` (or there is none). */
export const isNewer = (activity, previous) =>
  !previous || meta(activity).version > meta(previous).version;

export const cardOf = (activity) => {
  const attachment = (activity.attachments || []).find((a) => a.contentType === CARD);
  return attachment && attachment.content;
};
