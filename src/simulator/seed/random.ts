/**
 * Deterministic randomness for the seeded tenant: a mulberry32 generator per data stream, so the
 * same scale always yields byte-identical data and one stream's size never shifts another's values.
 */
export class Rng {
  private state: number;

  /** `stream` names the data set (`apps`, `groups`, ...); the seed makes each stream independent. */
  constructor(stream: string, seed = 0x1a7e5eed) {
    let hash = 0x811c9dc5 ^ seed;
    for (let i = 0; i < stream.length; i++) {
      hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193);
    }
    this.state = hash >>> 0;
  }

  /** A uniform unsigned 32-bit integer (mulberry32). */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }

  /** Picks an index by weight. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let roll = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      roll -= at(weights, i);
      if (roll < 0) return i;
    }
    return weights.length - 1;
  }

  /**
   * A GUID-shaped id (lowercase 8-4-4-4-12 hex, version 4 and RFC 4122 variant bits), built as one
   * flat string: ids are hashed and compared constantly, and concatenated ones cost a copy each.
   */
  guid(): string {
    let position = 0;
    for (let part = 0; part < 4; part++) {
      let value = this.uint32();
      if (part === 1) value = ((value & 0xffff0fff) | 0x4000) >>> 0;
      if (part === 2) value = ((value & 0x3fffffff) | 0x80000000) >>> 0;
      for (let shift = 28; shift >= 0; shift -= 4) {
        if (DASHES.includes(position)) position++;
        GUID_CODES[position++] = HEX_CODES[(value >>> shift) & 15] ?? 48;
      }
    }
    return String.fromCharCode(...GUID_CODES);
  }

  /** An ISO date-time (whole seconds, `Z`) uniformly between two instants. */
  date(fromIso: string, toIso: string): string {
    const from = epochSeconds(fromIso);
    const seconds = from + Math.floor(this.next() * (epochSeconds(toIso) - from));
    return isoSeconds(seconds);
  }
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayPrefixes = new Map<number, string>();

/** `YYYY-MM-DDTHH:MM:SSZ`; `Date#toISOString` is several times slower and this runs 500k times. */
function isoSeconds(epoch: number): string {
  const day = Math.floor(epoch / 86400);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const rest = epoch - day * 86400;
  const two = (n: number): string => TWO_DIGITS[n] ?? '00';
  return `${prefix}${two(Math.floor(rest / 3600))}:${two(Math.floor(rest / 60) % 60)}:${two(rest % 60)}Z`;
}

const parsed = new Map<string, number>();

/** Seconds since the epoch; the few constant bounds are cached, other instants just parsed. */
function epochSeconds(iso: string): number {
  let seconds = parsed.get(iso);
  if (seconds === undefined) {
    seconds = Math.floor(Date.parse(iso) / 1000);
    if (parsed.size < 64) parsed.set(iso, seconds);
  }
  return seconds;
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASHES = [8, 13, 18, 23];
const GUID_CODES = Array.from({ length: 36 }, () => '-'.charCodeAt(0));

/** `items[index]`, failing loudly instead of yielding `undefined`. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`Index ${index} outside 0..${items.length - 1}`);
  return item;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Walks the combinations of several lists in a scrambled but bijective order (an affine
 * permutation of the mixed-radix index), so the n-th name is unique without any lookups.
 */
export class Combinations {
  readonly size: number;
  private used = 0;
  private readonly step: number;
  private readonly offset: number;

  constructor(
    private readonly dims: readonly (readonly string[])[],
    rng: Rng,
  ) {
    this.size = dims.reduce((product, dim) => product * dim.length, 1);
    // A step near size/phi moves every digit between draws; coprime, so it visits all of them.
    let step = Math.max(1, Math.round(this.size * 0.6180339887));
    while (gcd(step, this.size) !== 1) step++;
    this.step = step;
    this.offset = rng.int(0, this.size - 1);
  }

  get exhausted(): boolean {
    return this.used >= this.size;
  }

  /** The next unused combination, one value per list. */
  next(): string[] {
    if (this.exhausted) throw new RangeError('All combinations used');
    let index = (this.offset + this.used * this.step) % this.size;
    this.used++;
    return this.dims.map((dim) => {
      const value = at(dim, index % dim.length);
      index = Math.floor(index / dim.length);
      return value;
    });
  }
}
