import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { botHarness, type BotHarness } from '../support/bot-harness';
import { postRaw, warnLinesSince, watchStderr } from './fault-checks';

describe('a serviceUrl is checked before it is stored or called (local mode)', () => {
  const printed = watchStderr();
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness();
  });
  afterAll(() => h.close());

  test.each([
    ['not a URL', 'not a url', 'The activity serviceUrl is not a URL.'],
    [
      'http to another host',
      'http://203.0.113.7/',
      'The activity serviceUrl must be an https URL (or http on loopback in local mode).',
    ],
    [
      'a file URL',
      'file:///etc/passwd',
      'The activity serviceUrl must be an https URL (or http on loopback in local mode).',
    ],
    [
      'a URL with credentials',
      'https://user:secret@smba.trafficmanager.net/amer/',
      'The activity serviceUrl must not carry a user name or password.',
    ],
  ])(
    '%s gets 400 saying why, and nothing is stored or sent',
    async (_name, serviceUrl, message) => {
      const from = h.logs.length;
      const activity = h.teams.activity(h.users.approver1, { type: 'message', text: 'pending' });
      const answer = await postRaw(
        h.teams.options.botUrl,
        JSON.stringify({ ...activity, serviceUrl }),
        { 'content-type': 'application/json' },
      );
      await h.settle();

      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toEqual({ error: { code: 'BadRequest', message } });
      expect(await h.app.users.all()).toEqual([]);
      expect(h.connector.calls).toEqual([]);
      expect(warnLinesSince(h.logs, from)).toEqual([
        expect.objectContaining({ reason: 'bad-activity' }),
      ]);
    },
  );

  test('a Bot Connector that refuses every reply gets a 500 without internal detail, logged once', async () => {
    const refusing = createServer((_req, res) => {
      res.statusCode = 403;
      res.end('connector detail 7f3a');
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const serviceUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/`;
    const from = h.logs.length;
    const mark = printed().length;
    const activity = h.teams.activity(h.users.requester, { type: 'message', text: 'help' });
    const answer = await postRaw(
      h.teams.options.botUrl,
      JSON.stringify({ ...activity, serviceUrl }),
      {
        'content-type': 'application/json',
      },
    );
    await new Promise((resolve) => refusing.close(resolve));

    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toEqual({
      error: { code: 'InternalError', message: 'The activity failed.' },
    });
    expect(h.logs.slice(from).filter((l) => l.msg === 'activity failed')).toHaveLength(1);
    expect(printed().slice(mark)).toEqual([]);
  });
});
