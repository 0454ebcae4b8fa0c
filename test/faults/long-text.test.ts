import { parseCommand } from '../../src/bot/commands';
import { botHarness, type BotHarness } from '../support/bot-harness';
import { personalChat } from '../support/e2e';

describe('a long message is answered at once and blocks nobody', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await botHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.connector.clear());

  const replies = () =>
    h.connector.calls
      .filter((c) => c.conversationId === personalChat(h.users.requester))
      .map((c) => c.body.text);

  // jest's default 5 s is the guard: a quadratic parse of these texts takes far longer.
  test.each([
    ['120,000 `<`', '<'.repeat(120_000), '120,000'],
    ['a text near the 256 KB body limit', '<a'.repeat(127_000), '254,000'],
  ])(
    '%s gets a short notice, while /healthz answers',
    async (_name, text, shown) => {
      const sent = h.teams.say(h.users.requester, text);
      const health = fetch(`${h.teams.options.botUrl}/healthz`);
      const [answer, alive] = await Promise.all([sent, health]);

      expect(answer.status).toBe(200);
      expect(alive.status).toBe(200);
      expect(replies()).toEqual([
        `That message is ${shown} characters long; commands are short. Type help to see them.`,
      ]);
      expect(await h.app.store.list({})).toEqual([]);
    },
    5_000,
  );

  test.each([
    ['entities without a type', { text: 'help', entities: [{}] }],
    ['a mention without `mentioned`', { text: 'help', entities: [{ type: 'mention' }] }],
    ['entities that are not a list', { text: 'help', entities: 'mention' }],
    ['a text that is a number', { text: 42 }],
    ['a text that is an object', { text: { toString: 'x' } }],
    [
      'a mention of the bot with no text',
      { entities: [{ type: 'mention', mentioned: { id: '28:bot-id' }, text: '<at>Bot</at>' }] },
    ],
  ])('a forged message with %s gets the help card, not an error', async (_name, fields) => {
    const answer = await h.teams.post(
      h.teams.activity(h.users.requester, { type: 'message', ...fields }),
    );
    expect(answer.status).toBe(200);
    const [reply] = h.connector.calls.filter(
      (c) => c.conversationId === personalChat(h.users.requester),
    );
    expect(JSON.stringify(reply?.body)).toContain('assign');
    expect(h.logs.filter((l) => l.msg === 'turn failed')).toEqual([]);
    expect(await h.app.store.list({})).toEqual([]);
  });

  test('commands still read through tags, and a long text is not a command', () => {
    expect(parseCommand('<p>pending</p>')).toEqual({ name: 'pending' });
    expect(parseCommand('<p>status <b>REQ-1042</b></p>')).toEqual({
      name: 'status',
      id: 'req-1042',
    });
    expect(parseCommand(`assign${' '.repeat(2000)}`)).toEqual({ name: 'help' });
    expect(parseCommand('<'.repeat(1000))).toEqual({ name: 'help' });
  });
});
