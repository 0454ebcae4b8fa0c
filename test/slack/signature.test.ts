import { SlackSignatures, signSlackRequest } from '../../src/slack/signature';

const SECRET = 'test-signing-secret-0123456789abcdef';
const NOW_MS = 1_800_000_000_000;
const NOW = NOW_MS / 1000;

function signed(body: string, timestamp = NOW, secret = SECRET) {
  return {
    headers: {
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(secret, timestamp, body),
    },
    body: Buffer.from(body, 'utf8'),
  };
}

function verifier(clock: { now: number } = { now: NOW_MS }, maxRemembered?: number) {
  return new SlackSignatures({ signingSecret: SECRET, now: () => clock.now, maxRemembered });
}

describe("Slack's request signing", () => {
  test("signs Slack's published example exactly as Slack does", () => {
    // The worked example of Slack's "Verifying requests from Slack".
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(signature);
    const check = new SlackSignatures({
      signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
      now: () => 1531420618 * 1000,
    }).check(
      { 'X-Slack-Request-Timestamp': '1531420618', 'X-Slack-Signature': signature },
      Buffer.from(body),
    );
    expect(check).toEqual({ ok: true });
  });

  test('a request signed with the secret, sent now, is accepted', () => {
    const { headers, body } = signed('payload=%7B%22type%22%3A%22block_actions%22%7D');
    expect(verifier().check(headers, body)).toEqual({ ok: true });
  });

  test('a body in bytes that are not UTF-8 text is checked on its bytes as received', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const headers = {
      'x-slack-request-timestamp': String(NOW),
      'x-slack-signature': signSlackRequest(SECRET, NOW, body),
    };
    expect(verifier().check(headers, body)).toEqual({ ok: true });
  });

  test('a timestamp more than five minutes old is stale', () => {
    const { headers, body } = signed('text=old', NOW - 301);
    expect(verifier().check(headers, body)).toEqual({ ok: false, reason: 'stale' });
  });

  test('a timestamp more than five minutes ahead is stale too', () => {
    const { headers, body } = signed('text=ahead', NOW + 301);
    expect(verifier().check(headers, body)).toEqual({ ok: false, reason: 'stale' });
  });

  test('a timestamp exactly five minutes away either way is still accepted', () => {
    const check = verifier();
    const past = signed('text=past', NOW - 300);
    const future = signed('text=future', NOW + 300);
    expect(check.check(past.headers, past.body)).toEqual({ ok: true });
    expect(check.check(future.headers, future.body)).toEqual({ ok: true });
  });

  test('the tolerance can be set, in seconds', () => {
    const strict = new SlackSignatures({
      signingSecret: SECRET,
      toleranceSeconds: 10,
      now: () => NOW_MS,
    });
    const { headers, body } = signed('text=eleven', NOW - 11);
    expect(strict.check(headers, body)).toEqual({ ok: false, reason: 'stale' });
  });

  test('one byte of the body changed is a mismatch', () => {
    const { headers, body } = signed('text=assign%20zoom');
    const changed = Buffer.from(body);
    changed[changed.length - 1] = 'n'.charCodeAt(0) + 1;
    expect(verifier().check(headers, changed)).toEqual({ ok: false, reason: 'mismatch' });
  });

  test('another secret, or another timestamp than the one signed, is a mismatch', () => {
    const other = signed('text=x', NOW, 'another-secret');
    expect(verifier().check(other.headers, other.body)).toEqual({ ok: false, reason: 'mismatch' });
    const moved = signed('text=x');
    moved.headers['x-slack-request-timestamp'] = String(NOW - 1);
    expect(verifier().check(moved.headers, moved.body)).toEqual({ ok: false, reason: 'mismatch' });
  });

  test.each([
    ['no headers at all', {}],
    ['no timestamp', { 'x-slack-signature': `v0=${'a'.repeat(64)}` }],
    ['no signature', { 'x-slack-request-timestamp': String(NOW) }],
    [
      'a timestamp that is not a number',
      { 'x-slack-request-timestamp': 'yesterday', 'x-slack-signature': `v0=${'a'.repeat(64)}` },
    ],
    [
      'a signature of another version',
      { 'x-slack-request-timestamp': String(NOW), 'x-slack-signature': `v1=${'a'.repeat(64)}` },
    ],
    [
      'a signature of the wrong length',
      { 'x-slack-request-timestamp': String(NOW), 'x-slack-signature': 'v0=abc' },
    ],
    [
      'a signature header sent twice',
      {
        'x-slack-request-timestamp': String(NOW),
        'x-slack-signature': [`v0=${'a'.repeat(64)}`, `v0=${'b'.repeat(64)}`],
      },
    ],
  ])('%s is missing', (_label, headers) => {
    expect(verifier().check(headers, Buffer.from('text=x'))).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  test('the same signed request twice is a replay the second time', () => {
    const check = verifier();
    const { headers, body } = signed('{"type":"event_callback","event_id":"Ev1"}');
    expect(check.check(headers, body)).toEqual({ ok: true });
    expect(check.check(headers, body)).toEqual({ ok: false, reason: 'replayed' });
  });

  test('an options load (a read) may come twice alike, yet is still refused when forged or stale', () => {
    const clock = { now: NOW_MS };
    const check = verifier(clock);
    const { headers, body } = signed('payload=%7B%22type%22%3A%22block_suggestion%22%7D', NOW);
    expect(check.check(headers, body, true)).toEqual({ ok: true });
    expect(check.check(headers, body, true)).toEqual({ ok: true });
    expect(check.check(headers, Buffer.from(`${body.toString()}x`), true)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    clock.now += 301_000;
    expect(check.check(headers, body, true)).toEqual({ ok: false, reason: 'stale' });
  });

  test("Slack's retry of the same body, with its fresh timestamp and signature, is accepted", () => {
    const clock = { now: NOW_MS };
    const check = verifier(clock);
    const first = signed('{"event_id":"Ev1"}', NOW);
    expect(check.check(first.headers, first.body)).toEqual({ ok: true });
    clock.now += 3000;
    const retry = signed('{"event_id":"Ev1"}', NOW + 3);
    const headers = { ...retry.headers, 'x-slack-retry-num': '1' };
    expect(check.check(headers, retry.body)).toEqual({ ok: true });
  });

  test('a replay once the window has passed is refused as stale, and is no longer remembered', () => {
    const clock = { now: NOW_MS };
    const check = verifier(clock);
    const { headers, body } = signed('text=once');
    expect(check.check(headers, body)).toEqual({ ok: true });
    clock.now += 301_000;
    expect(check.check(headers, body)).toEqual({ ok: false, reason: 'stale' });
    const fresh = signed('text=later', NOW + 301);
    expect(check.check(fresh.headers, fresh.body)).toEqual({ ok: true });
    expect(check.remembered).toBe(1);
  });

  test('a forged request is never remembered, so it cannot crowd out real ones', () => {
    const check = verifier();
    for (let i = 0; i < 1000; i += 1) {
      const forged = signed(`text=${i}`, NOW, 'not-the-secret');
      expect(check.check(forged.headers, forged.body)).toEqual({ ok: false, reason: 'mismatch' });
    }
    expect(check.remembered).toBe(0);
  });

  test('100,000 distinct requests in one window are all accepted, at most the cap is remembered, and the latest is still refused as a replay', () => {
    const check = verifier({ now: NOW_MS }, 5000);
    let last = signed('text=0');
    let accepted = 0;
    for (let i = 0; i < 100_000; i += 1) {
      last = signed(`text=${i}`);
      if (check.check(last.headers, last.body).ok) accepted += 1;
    }
    expect(accepted).toBe(100_000);
    expect(check.remembered).toBe(5000);
    expect(check.check(last.headers, last.body)).toEqual({ ok: false, reason: 'replayed' });
  });

  test('remembers at most 20,000 accepted signatures by default', () => {
    const check = verifier();
    for (let i = 0; i < 25_000; i += 1) {
      const { headers, body } = signed(`n=${i}`);
      check.check(headers, body);
    }
    expect(check.remembered).toBe(20_000);
  });

  test('a refusal never carries the secret or the signature', () => {
    const { headers, body } = signed('text=x', NOW - 1000);
    const answers = [
      verifier().check(headers, body),
      verifier().check({ ...headers, 'x-slack-request-timestamp': String(NOW) }, body),
    ];
    const told = JSON.stringify(answers);
    expect(told).not.toContain(SECRET);
    expect(told).not.toContain(headers['x-slack-signature'].slice(3));
  });

  test('an empty signing secret is refused at construction', () => {
    expect(() => new SlackSignatures({ signingSecret: '' })).toThrow(/signing secret is empty/);
  });
});
