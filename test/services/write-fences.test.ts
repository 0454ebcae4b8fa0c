import { WriteFences } from '../../src/services/write-fences';
import { MemoryRequestStore } from '../../src/storage/memory-request-store';

const ITEM = 'app:c77c1d54-d0b2-41ee-bcfd-65085dc231c5';

describe('waiting for a write fence', () => {
  let store: MemoryRequestStore;
  beforeEach(() => {
    store = new MemoryRequestStore();
  });

  test('a wait ends soon after the fence is lifted (its write confirmed), not at its landsBy', async () => {
    const fences = new WriteFences({ store, lifetimeMs: 60_000, recheckMs: 20 });
    await fences.recordAttempt(ITEM, 'writing');
    const heard: string[] = [];
    const started = Date.now();
    setTimeout(() => void fences.clear(ITEM, 'writing'), 100);

    const landed = await fences.waitUntilLanded(ITEM, undefined, (f) => heard.push(f.requestId));

    expect(landed).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(heard).toEqual(['writing']);
  });

  test('a fence that stays (its outcome unknown) is waited out to its landsBy, and told once', async () => {
    const fences = new WriteFences({ store, lifetimeMs: 300, recheckMs: 20 });
    await fences.recordAttempt(ITEM, 'unconfirmed');
    const heard: string[] = [];
    const started = Date.now();

    const landed = await fences.waitUntilLanded(ITEM, undefined, (f) => heard.push(f.requestId));

    expect(landed).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(heard).toEqual(['unconfirmed']);
  });
});
