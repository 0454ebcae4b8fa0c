import type * as restify from 'restify';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * A small HTML page the bot answers a browser with (the sign-in and consent pages): a title, a
 * sentence and, when given, one link; everything escaped, no script, never cached.
 */
export function htmlPage(
  res: restify.Response,
  status: number,
  content: { title: string; text: string; link?: { href: string; text: string } },
): void {
  const { title, text, link } = content;
  const more = link ? `<p><a href="${escape(link.href)}">${escape(link.text)}</a></p>` : '';
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:36em;margin:3em auto"><h1>${escape(title)}</h1><p>${escape(text)}</p>${more}</body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}
