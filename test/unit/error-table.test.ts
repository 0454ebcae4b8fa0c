import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invokeResponse } from '../../src/bot/replies';
import { ERROR_CODES, type ErrorCode } from '../../src/domain/errors';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];
/** Codes that mean the bot itself is wrong: the only ones answered with a 500. */
const BOT_FAULTS = ['setup-invalid', 'internal-error'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the one table of error codes', () => {
  test.each(CODES)('a refusal with %s is answered with its own status and message', (code) => {
    const entry = ERROR_CODES[code];
    const answer = invokeResponse({ refusal: { code, message: 'why' } });
    expect(answer.statusCode).toBe(entry.status);
    expect(entry.status).toBeGreaterThanOrEqual(400);
    expect(entry.status).toBeLessThan(600);
    expect(entry.message.length).toBeGreaterThan(10);
    expect(answer.value).toEqual({ code, message: 'why' });
  });

  test('no Graph, Intune or person-facing code becomes a 500: only a misconfigured or buggy bot does', () => {
    const internal = CODES.filter((code) => ERROR_CODES[code].status === 500);
    expect(internal.sort()).toEqual([...BOT_FAULTS].sort());
    const graph = CODES.filter((code) => code.startsWith('graph-'));
    expect(graph.length).toBeGreaterThanOrEqual(5);
    for (const code of graph) expect([502, 503, 504]).toContain(ERROR_CODES[code].status);
  });

  test('product code under src/ throws no bare Error, only coded ones', () => {
    const bare = sourceFiles(join(__dirname, '../../src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => `${file}:${i + 1}: ${line.trim()}`)
        .filter((line) => /throw new Error\(/.test(line)),
    );
    expect(bare).toEqual([]);
  });
});
