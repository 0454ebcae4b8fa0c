import type { IncomingMessage } from 'node:http';

/** Why a body was refused: the HTTP status, a code for the log and a message for the caller. */
export interface BodyRefusal {
  status: 400 | 413 | 415;
  reason: 'unsupported-media-type' | 'content-encoding' | 'too-large' | 'invalid-json' | 'aborted';
  message: string;
}

export type BodyResult = { ok: true; body: unknown } | { ok: false; refusal: BodyRefusal };

const refuse = (
  status: BodyRefusal['status'],
  reason: BodyRefusal['reason'],
  message: string,
): BodyResult => ({ ok: false, refusal: { status, reason, message } });

/** True for `application/json`, with no parameter but a UTF-8 charset. */
function isJson(contentType: string | undefined): boolean {
  const [type, ...params] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** True when the request says it carries a body (a length above zero, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * Reads a JSON body of at most `maxBytes`, in memory only. Everything is checked before a byte is
 * read where it can be: the type must be `application/json`, a `Content-Encoding` is refused (no
 * inflation, so the limit holds on the bytes parsed), a declared length over the limit is refused
 * unread. Bytes are counted while reading and reading stops at the limit, leaving the rest unread
 * (the caller closes the connection). Nothing is ever written to disk.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  if (!isJson(req.headers['content-type'])) {
    return Promise.resolve(
      refuse(415, 'unsupported-media-type', 'The body must be application/json (UTF-8).'),
    );
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    return Promise.resolve(
      refuse(415, 'content-encoding', 'Compressed bodies are not accepted: send plain JSON.'),
    );
  }
  const tooLarge = refuse(413, 'too-large', `The body is larger than ${maxBytes} bytes.`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        finish(tooLarge);
      } else chunks.push(chunk);
    };
    const onEnd = () => finish(parse(Buffer.concat(chunks).toString('utf8')));
    // A caller gone before the end: nobody reads the answer, but the request is settled.
    const onError = () => finish(refuse(400, 'aborted', 'The body could not be read.'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
}

function parse(text: string): BodyResult {
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return refuse(400, 'invalid-json', 'The body is not valid JSON.');
  }
}
