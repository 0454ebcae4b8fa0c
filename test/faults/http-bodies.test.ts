import { botHarness, type BotHarness } from '../support/bot-harness';
import {
  gzipBomb,
  postRaw,
  postStreamed,
  upload,
  watchUploads,
  watchStderr,
  warnLinesSince,
  type RawAnswer,
} from './fault-checks';

const MB = 1024 * 1024;
const jsonType = { 'content-type': 'application/json' };

describe('/api/messages reads JSON only, bounded, in memory (local mode)', () => {
  const printed = watchStderr();
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness();
  });
  afterAll(() => h.close());

  const url = () => h.teams.options.botUrl;
  const assign = () => h.teams.activity(h.users.requester, { type: 'message', text: 'assign' });

  /** Sends, then checks the refusal changed nothing and was logged once, with nothing on stderr. */
  async function refused(send: () => Promise<RawAnswer>, reason: string): Promise<RawAnswer> {
    const from = h.logs.length;
    const mark = printed().length;
    const uploads = watchUploads();
    const result = await send();
    await h.settle();
    expect(h.connector.calls).toEqual([]);
    expect(await h.app.users.all()).toEqual([]);
    expect(await h.app.store.list({})).toEqual([]);
    expect(h.sim.control.writes()).toEqual([]);
    expect(uploads.created()).toEqual([]);
    expect(warnLinesSince(h.logs, from)).toEqual([
      expect.objectContaining({ reason, method: 'POST', url: '/api/messages' }),
    ]);
    expect(printed().slice(mark)).toEqual([]);
    return result;
  }

  test('three 8 MB multipart uploads get 415 and leave no file on disk', async () => {
    for (let i = 0; i < 3; i += 1) {
      const answer = await refused(() => postRaw(url(), upload(8 * MB)), 'unsupported-media-type');
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.text)).toEqual({
        error: {
          code: 'UnsupportedMediaType',
          message: 'The body must be application/json (UTF-8).',
        },
      });
    }
  });

  test('a gzip body is refused with 415 before it is inflated', async () => {
    const body = gzipBomb(assign(), 16 * MB);
    expect(body.length).toBeLessThan(64 * 1024);
    const answer = await refused(
      () =>
        postRaw(url(), body, { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
      'content-encoding',
    );
    expect(answer.status).toBe(415);
    expect(answer.text).toMatch(/Compressed bodies are not accepted/);
  });

  test('a declared length over 256 KB gets 413 without being read', async () => {
    const text = 'x'.repeat(300 * 1024);
    const answer = await refused(
      () => postRaw(url(), JSON.stringify({ ...assign(), text }), jsonType),
      'too-large',
    );
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/larger than 262144 bytes/);
    expect(answer.headers.get('connection')).toBe('close');
  });

  test('an 8 MB body sent without a length gets 413 at the limit and the connection is closed', async () => {
    const answer = await refused(() => postStreamed(url(), 8 * MB), 'too-large');
    expect(answer.status).toBe(413);
    expect(answer.headers.get('connection')).toBe('close');
  });

  test('form, text and typeless bodies get 415', async () => {
    const bodies: [BodyInit, Record<string, string>][] = [
      ['type=message&text=assign', { 'content-type': 'application/x-www-form-urlencoded' }],
      [JSON.stringify(assign()), { 'content-type': 'text/plain' }],
      [JSON.stringify(assign()), { 'content-type': 'application/json; charset=utf-16' }],
      [new TextEncoder().encode(JSON.stringify(assign())), {}],
    ];
    for (const [body, headers] of bodies) {
      const answer = await refused(() => postRaw(url(), body, headers), 'unsupported-media-type');
      expect(answer.status).toBe(415);
    }
  });

  test('invalid JSON gets 400 saying so', async () => {
    const answer = await refused(
      () => postRaw(url(), '{"type": "message"', jsonType),
      'invalid-json',
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      error: { code: 'BadRequest', message: 'The body is not valid JSON.' },
    });
  });

  test('JSON with a charset is read like any JSON', async () => {
    const answer = await postRaw(url(), JSON.stringify(assign()), {
      'content-type': 'application/json; charset=utf-8',
    });
    await h.settle();
    expect(answer.status).toBe(200);
    expect(h.connector.calls).toHaveLength(1);
  });
});
