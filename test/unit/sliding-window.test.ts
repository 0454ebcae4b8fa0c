import { InProcessWriteRate } from '../../src/services/in-process-write-rate';
import { admit } from '../../src/services/sliding-window';

const WINDOW = { limit: 3, windowMs: 20_000 };

describe("Intune's write limit as a sliding window", () => {
  test('writes are taken until the limit, then the next waits for the oldest to leave the window', () => {
    let log: number[] = [];
    for (const at of [0, 1000, 2000]) {
      const a = admit(log, at, WINDOW);
      expect(a.taken).toBe(true);
      if (a.taken) log = a.log;
    }
    expect(admit(log, 5000, WINDOW)).toEqual({ taken: false, waitMs: 15_001 });
    expect(admit(log, 20_001, WINDOW)).toEqual({ taken: true, log: [1000, 2000, 20_001] });
  });

  test('no window of 20 s ever holds more than the limit, however the writes come', () => {
    let log: number[] = [];
    const taken: number[] = [];
    for (let at = 0; at < 120_000; at += 700) {
      const a = admit(log, at, WINDOW);
      if (a.taken) {
        log = a.log;
        taken.push(at);
      }
    }
    for (const start of taken) {
      expect(taken.filter((at) => at >= start && at < start + 20_000).length).toBeLessThanOrEqual(
        3,
      );
    }
    expect(taken.length).toBeGreaterThanOrEqual(15);
  });

  test('an instance waits for its place and stops waiting at shutdown', async () => {
    let now = 0;
    const rate = new InProcessWriteRate({ limit: 1, windowMs: 50 }, () => now);
    expect(await rate.acquire()).toBe(true);
    const stopping = new AbortController();
    const waiting = rate.acquire(stopping.signal);
    stopping.abort();
    expect(await waiting).toBe(false);
    now = 100;
    expect(await rate.acquire()).toBe(true);
  });
});
