import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';

/** A raw HTTP answer: status, body text and headers. */
export interface RawAnswer {
  status: number;
  text: string;
  headers: Headers;
}

/** POSTs any body with any headers to the bot's `/api/messages`. */
export async function postRaw(
  botUrl: string,
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const response = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** A multipart upload of one file of `bytes`, as a browser form sends it. */
export function upload(bytes: number): FormData {
  const form = new FormData();
  form.append('file', new Blob([Buffer.alloc(bytes, 0x41)]), 'big.bin');
  return form;
}

/** A gzip body of a JSON activity whose text inflates to `bytes` (a few KB on the wire). */
export function gzipBomb(
  activity: Record<string, unknown>,
  bytes: number,
): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(gzipSync(JSON.stringify({ ...activity, text: ' '.repeat(bytes) })));
}

/** A body streamed in 64 KB chunks without a Content-Length, `bytes` long in all. */
export function streamed(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(0x20);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

/** Streams `streamed(bytes)` as application/json; fetch needs `duplex` for a stream body. */
export async function postStreamed(botUrl: string, bytes: number, headers = {}) {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: streamed(bytes),
    duplex: 'half',
  };
  const response = await fetch(`${botUrl}/api/messages`, init as RequestInit);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/**
 * The `upload_*` files in `os.tmpdir()` (where restify's multipart parser wrote uploads) that were
 * not there when this was called: `created()` lists them. (Only the real directory works: jest's
 * `process.env` is a copy, so a TMPDIR set in a test never reaches `os.tmpdir()`.)
 */
export function watchUploads(): { created(): string[] } {
  const list = () => readdirSync(tmpdir()).filter((name) => name.startsWith('upload_'));
  const before = new Set(list());
  return { created: () => list().filter((name) => !before.has(name)) };
}

/**
 * Records what this file's tests print on stderr, directly or through `console.error` and
 * `console.warn` (still printed too). Call it before the app starts, so that anything the app puts
 * in front of `console.error` stays in front of the recording.
 */
export function watchStderr(): () => string[] {
  const printed: string[] = [];
  const spies: jest.SpyInstance[] = [];
  beforeAll(() => {
    const write = process.stderr.write.bind(process.stderr);
    spies.push(
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => {
        printed.push(String(chunk));
        return write(chunk, ...(rest as []));
      }),
    );
    for (const method of ['error', 'warn'] as const) {
      const print = console[method].bind(console);
      spies.push(
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          printed.push(args.map(String).join(' '));
          print(...args);
        }),
      );
    }
  });
  afterAll(() => spies.forEach((spy) => spy.mockRestore()));
  return () => printed;
}

/** The `warn` lines (pino level 40) logged after the first `from` lines. */
export const warnLinesSince = (logs: Record<string, unknown>[], from: number) =>
  logs.slice(from).filter((line) => line.level === 40);
