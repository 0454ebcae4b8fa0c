import { KeyedQueue } from '../../src/services/keyed-queue';
import { retryAfterMs } from '../../src/graph/retry-policy';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the per-item write queue', () => {
  test('tasks for one key run one at a time, in order', async () => {
    const queue = new KeyedQueue(4);
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
    };
    await Promise.all([queue.run('app-1', task('a')), queue.run('app-1', task('b'))]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  test('a failed task does not block the next one for the same key', async () => {
    const queue = new KeyedQueue(1);
    const failed = queue.run('k', () => Promise.reject(new Error('boom')));
    const next = queue.run('k', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });

  test('no more than the concurrency limit of keys run at once', async () => {
    const queue = new KeyedQueue(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
    };
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((key) => queue.run(key, task)));
    expect(peak).toBe(2);
  });
});

describe('Retry-After', () => {
  test.each([
    ['2', 2000],
    ['0', 0],
    ['', undefined],
    ['soon', undefined],
  ])('the header %p means %p ms', (value, expected) => {
    expect(retryAfterMs(value)).toBe(expected);
  });

  test('an HTTP date means the time until then', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterMs('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000);
  });
});
