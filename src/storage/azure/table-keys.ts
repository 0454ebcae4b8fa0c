/**
 * Table keys of the Azure request store. Keys are plain ASCII: a key may not hold `/ \ # ?` or
 * control characters, and quotes and `%` are trouble in the URLs that address an entity, so every
 * part that comes from outside is escaped with {@link keyPart}. Parts are joined with `!`, which
 * no escaped part holds and which sorts before every character that one does: a key sorts as the
 * tuple of its parts does.
 */

/** The partition of requests, their index rows and their audit records (one transaction's reach). */
export const REQUESTS = 'r';
/** The partition of the request-number counter. */
export const COUNTERS = 'n';
/** The partition of settings. */
export const SETTINGS = 's';
/** The partition of write fences. */
export const FENCES = 'f';

/** Characters kept as they are; any other is written as `~` and its UTF-16 code in four hex. */
const PLAIN = /^[A-Za-z0-9.:@-]$/;

/** `text` as a key part: plain characters kept, others `~xxxx`, so no part holds `!`. */
export function keyPart(text: string): string {
  let key = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    key += PLAIN.test(char) ? char : `~${hex(text.charCodeAt(i))}`;
  }
  return key;
}

const hex = (code: number): string => code.toString(16).padStart(4, '0');

/** Each UTF-16 unit as four hex digits: sorts as the text does (JavaScript's `<`). */
const up = (text: string): string =>
  Array.from({ length: text.length }, (_, i) => hex(text.charCodeAt(i))).join('');

/** Each UTF-16 unit inverted, as four hex digits: with `~` after it, sorts as the text reversed. */
const down = (text: string): string =>
  Array.from({ length: text.length }, (_, i) => hex(0xffff - text.charCodeAt(i))).join('');

/** Request numbers in keys: fixed width, so that they sort as numbers. */
const NUMBER_WIDTH = 15;
const NUMBER_CEILING = 10 ** NUMBER_WIDTH - 1;
const padded = (n: number): string => String(n).padStart(NUMBER_WIDTH, '0');

/** `a` lists oldest first, `d` newest first: each index is kept in both directions. */
export type Direction = 'a' | 'd';
export const DIRECTIONS: readonly Direction[] = ['a', 'd'];

/**
 * Where a request sorts in a listing, as a key part: numbered requests (`1` and the number, or its
 * complement for `d`) before drafts (`2`, then the creation time and id, both inverted for `d`).
 * In `d` a shorter text must sort after the longer ones it starts, hence `~` (after every hex
 * digit) after each part; in `a`, `.` (before every hex digit) between them.
 */
export function orderKey(
  request: { number?: number; createdAt: string; id: string },
  direction: Direction,
): string {
  const { number } = request;
  if (number !== undefined) {
    return `1${padded(direction === 'a' ? number : NUMBER_CEILING - number)}`;
  }
  return direction === 'a'
    ? `2${up(request.createdAt)}.${up(request.id)}`
    : `2${down(request.createdAt)}~${down(request.id)}~`;
}

/** The first order key of the drafts: numbered requests sort before it in either direction. */
export const FIRST_DRAFT = '2';

/** An index: every request (`a`), those of one status (`s...`) or of one requester (`q...`). */
export const ALL_SCOPE = 'a';
export const statusScope = (status: string): string => `s${keyPart(status)}`;
export const requesterScope = (requesterId: string): string => `q${keyPart(requesterId)}`;

/** The beginning of every index row of one index in one direction. */
export const indexPrefix = (scope: string, direction: Direction): string =>
  `x!${scope}!${direction}!`;

/** The row of the request itself. */
export const requestKey = (id: string): string => `req!${keyPart(id)}`;

/** The row holding a number, in the ascending index of all requests: unique per number. */
export const numberKey = (number: number): string =>
  indexPrefix(ALL_SCOPE, 'a') + orderKey({ number, createdAt: '', id: '' }, 'a');

/** The first key after every key that starts with `prefix`: the end of a prefix's range. */
export function afterPrefix(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`;
}

/** The partition of one request's card copies. */
export const copiesPartition = (requestId: string): string => `c!${keyPart(requestId)}`;
