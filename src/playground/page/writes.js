import { api, escapeHtml, h, time } from './dom.js';

/*
 * The simulated tenant's recorded Graph writes, newest first: method, path, status, Graph's
 * request id and the exact JSON body, each group id followed by the group's name.
 */

function bodyHtml(write) {
  return JSON.stringify(write.body, null, 2)
    .split('\n')
    .map((line) => {
      const indent = line.length - line.trimStart().length;
      const html = escapeHtml(line.trimStart()).replace(
        /(&quot;groupId&quot;: &quot;([0-9a-f-]{36})&quot;)/,
        (match, all, id) =>
          write.groups[id]
            ? `${all}<span class="note">  ← ${escapeHtml(write.groups[id])}</span>`
            : match,
      );
      // A long line wraps under its own start.
      return `<div class="line" style="padding-left:${indent}ch">${html}</div>`;
    })
    .join('');
}

function writeNode(write) {
  const pre = h('pre', { class: 'json' });
  pre.innerHTML = bodyHtml(write);
  const ok = write.status < 300;
  return h('div', { class: 'write' }, [
    h('div', { class: 'write-top' }, [
      h('div', { class: 'write-head' }, [
        h('span', { class: 'method', text: write.method }),
        h('span', { class: `status ${ok ? 'ok' : 'bad'}`, text: String(write.status) }),
        h('time', { text: time(write.at, true) }),
      ]),
      h('div', { class: 'write-path', text: write.path }),
      h('div', { class: 'write-meta' }, [
        'request-id ',
        h('code', { class: 'request-id', text: write.requestId }),
      ]),
      h('div', { class: 'write-meta write-as', text: `as ${write.as}` }),
    ]),
    pre,
  ]);
}

/** Shows the writes in `node`. */
export async function loadWrites(node) {
  const { writes } = await api('graph-writes');
  if (writes.length > 0) {
    node.replaceChildren(...writes.map(writeNode));
    return;
  }
  node.replaceChildren(
    h('div', {
      class: 'empty',
      text: 'No writes yet. When an approver approves a request, the exact assign request the bot sends to Microsoft Graph shows here.',
    }),
  );
}
