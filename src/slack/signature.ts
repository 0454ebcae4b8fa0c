import { createHmac, timingSafeEqual } from 'node:crypto';

/** What checking a request's signature found; a refusal says why, never with the secret. */
export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' | 'replayed' };

export interface SlackSignaturesOptions {
  /** The Slack app's signing secret. */
  signingSecret: string;
  /** How far a request's timestamp may be from now, either way (Slack's advice: 300 s). */
  toleranceSeconds?: number;
  /** The clock, in milliseconds since the epoch (tests move it). */
  now?: () => number;
  /**
   * Most accepted signatures remembered for replay detection; past it the oldest is forgotten,
   * so a flood costs a bounded amount of memory (about 120 bytes an entry).
   */
  maxRemembered?: number;
}

type Headers = Record<string, string | string[] | undefined>;

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^v0=[0-9a-f]{64}$/;

/**
 * Slack's request signing, as Slack documents it ("Verifying requests from Slack"): the
 * HMAC-SHA256 of `v0:<X-Slack-Request-Timestamp>:<raw body>` under the signing secret, compared in
 * constant time with `X-Slack-Signature` (`v0=<hex>`). A timestamp more than the tolerance from now
 * is stale, whichever way. A signature already accepted within the window is a replay: Slack's
 * own retries carry a fresh timestamp and signature, so they pass here (deduplicating them by
 * event id is the transport's job). The body must be the bytes as received, before any parsing.
 */
export class SlackSignatures {
  private readonly secret: string;
  private readonly toleranceSeconds: number;
  private readonly now: () => number;
  private readonly maxRemembered: number;
  /** Accepted signatures and the second (epoch) after which they can no longer be replayed. */
  private readonly accepted = new Map<string, number>();

  constructor(options: SlackSignaturesOptions) {
    if (!options.signingSecret) throw new RangeError('The Slack signing secret is empty.');
    this.secret = options.signingSecret;
    this.toleranceSeconds = options.toleranceSeconds ?? 300;
    this.now = options.now ?? Date.now;
    this.maxRemembered = options.maxRemembered ?? 20_000;
  }

  /**
   * Checks one request; an accepted signature is remembered, so the same request twice is refused.
   * `idempotent` requests (options loads: a read, which Slack may send twice alike in one second as
   * someone types and erases) are checked for signature and time but may come again.
   */
  check(headers: Headers, rawBody: Buffer, idempotent = false): SignatureCheck {
    const timestamp = single(headers, 'x-slack-request-timestamp');
    const signature = single(headers, 'x-slack-signature');
    if (!timestamp || !signature || !TIMESTAMP.test(timestamp) || !SIGNATURE.test(signature)) {
      return { ok: false, reason: 'missing' };
    }
    const nowSeconds = Math.floor(this.now() / 1000);
    const seconds = Number(timestamp);
    if (Math.abs(nowSeconds - seconds) > this.toleranceSeconds)
      return { ok: false, reason: 'stale' };
    const expected = Buffer.from(signSlackRequest(this.secret, timestamp, rawBody), 'utf8');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'utf8'))) {
      return { ok: false, reason: 'mismatch' };
    }
    if (idempotent) return { ok: true };
    this.prune(nowSeconds);
    if (this.accepted.has(signature)) return { ok: false, reason: 'replayed' };
    this.remember(signature, seconds + this.toleranceSeconds);
    return { ok: true };
  }

  /** How many accepted signatures are remembered now (for tests and metrics). */
  get remembered(): number {
    return this.accepted.size;
  }

  private remember(signature: string, until: number): void {
    while (this.accepted.size >= this.maxRemembered) {
      const oldest = this.accepted.keys().next();
      if (oldest.done) break;
      this.accepted.delete(oldest.value);
    }
    this.accepted.set(signature, until);
  }

  /**
   * Forgets signatures that can no longer be replayed, oldest accepted first; it stops at the first
   * still live, so each entry is visited once over its life (the cap bounds the rest).
   */
  private prune(nowSeconds: number): void {
    for (const [signature, until] of this.accepted) {
      if (until >= nowSeconds) return;
      this.accepted.delete(signature);
    }
  }
}

/**
 * Slack's `X-Slack-Signature` for a body sent at `timestamp` (epoch seconds): `v0=<hex>`. The
 * tests and the playground sign their requests with it as Slack would.
 */
export function signSlackRequest(
  signingSecret: string,
  timestamp: number | string,
  rawBody: string | Buffer,
): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestamp}:`, 'utf8');
  hmac.update(rawBody);
  return `v0=${hmac.digest('hex')}`;
}

/** One header's value by its lower-case name, whatever case the caller kept; a repeated one is none. */
function single(headers: Headers, name: string): string | undefined {
  let found: string | string[] | undefined = headers[name];
  if (found === undefined) {
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === name) found = value;
    }
  }
  if (Array.isArray(found)) return found.length === 1 ? found[0] : undefined;
  return found?.trim();
}
