import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEvent } from '../../src/services/transitions';
import { itemRefOf, requestedOf } from '../../src/services/request-parts';
import { createTenant } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';
import { botHarness, cardText, ManualClock, type BotHarness } from '../support/bot-harness';
import { cardProblems, RecordingConnector } from '../support/card-log';
import {
  clickInThread,
  currentCard,
  dmTexts,
  meetApprovers,
  statusOf,
  submitRequest,
  threadReplies,
  type Submitted,
} from '../support/e2e';
import { ZOOM_TO_SALES } from '../support/walk';
import { assignThrough } from '../support/assign-through';

describe('a bot restarted while a request was assigning (SQLite)', () => {
  let dir: string;
  let sim: SimulatorHandle;
  let connector: RecordingConnector;
  let clock: ManualClock;
  let started: BotHarness[] = [];
  const stopped = new Set<BotHarness>();

  /** A bot on the same database file, simulated tenant and Bot Connector as the one before. */
  const startBot = async () => {
    const store = new SqliteRequestStore({ path: join(dir, 'requests.db') });
    const h = await botHarness({ store, sim, connector, clock });
    started.push(h);
    return h;
  };

  const stopBot = async (h: BotHarness) => {
    stopped.add(h);
    await h.close();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'intune-bot-restart-'));
    sim = await startSimulator({ tenant: createTenant(), port: 0 });
    connector = new RecordingConnector();
    await connector.start();
    clock = new ManualClock();
  });

  afterEach(async () => {
    const cards = started.flatMap((h) => h.emittedCards());
    for (const h of started) if (!stopped.has(h)) await stopBot(h);
    started = [];
    await connector.stop();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
    expect(cardProblems(cards)).toEqual([]);
  });

  /**
   * The first bot: a submitted request, approved by approver1 and claimed for assignment (as the
   * runner does, compare-and-set by compare-and-set), with or without the write having landed,
   * and then the bot stops before it records the outcome.
   */
  async function crashWhileAssigning(writeLanded: boolean): Promise<Submitted> {
    const first = await startBot();
    await meetApprovers(first);
    const req = await submitRequest(first, ZOOM_TO_SALES);
    const deps = { store: first.app.store, clock };
    const approver = { id: first.users.approver1.aadObjectId, name: first.users.approver1.name };
    const pending = await first.app.store.get(req.requestId);
    const approved = await applyEvent(
      deps,
      pending!,
      { type: 'approve', by: approver },
      { actor: approver },
    );
    if (approved.kind !== 'won') throw new Error('the approval was not stored');
    const claimed = await applyEvent(
      deps,
      approved.request,
      { type: 'start-assignment', by: approver },
      { actor: approver },
    );
    if (claimed.kind !== 'won') throw new Error('the claim was not stored');
    if (writeLanded) {
      const result = await assignThrough(
        first.app.graph.intune,
        itemRefOf(claimed.request),
        requestedOf(claimed.request),
        { justification: claimed.request.justification ?? '', expectedDiff: claimed.request.diff },
      );
      expect(result.status).toBe('assigned');
    }
    await stopBot(first);
    return req;
  }

  test('the write had landed before the crash: on start the request is finished in the thread, with no second write', async () => {
    const req = await crashWhileAssigning(true);
    expect(sim.control.writes()).toHaveLength(1);
    connector.clear();

    const second = await startBot();
    await second.settle();

    expect(await statusOf(second, req.requestId)).toBe('assigned');
    expect(sim.control.writes()).toHaveLength(1);
    expect(threadReplies(second, req.thread)).toEqual([
      `${req.displayId} is done: the assignment is in place (an earlier attempt's write had landed); nothing was written twice.`,
    ]);
    expect(dmTexts(second, second.users.requester)).toContainEqual(
      expect.stringContaining(req.displayId),
    );
    expect(cardText(currentCard(second, req.thread.rootId))).toMatch(/Assigned/);
    const trail = await second.app.store.auditSince('1970-01-01');
    expect(trail.filter((r) => r.requestId === req.requestId).map((r) => r.action)).toEqual([
      'submit',
      'approve',
      'start-assignment',
      'resume',
      'assigned',
    ]);
  });

  test('the write had not landed: after the restart it is written exactly once', async () => {
    const req = await crashWhileAssigning(false);
    expect(sim.control.writes()).toEqual([]);

    const second = await startBot();
    await second.settle();

    expect(await statusOf(second, req.requestId)).toBe('assigned');
    const writes = sim.control.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.status).toBe(204);
    expect(threadReplies(second, req.thread)).toContainEqual(
      expect.stringContaining(
        `${req.displayId} is done: + Sales (required) (Graph request-id ${writes[0]!.requestId})`,
      ),
    );

    await stopBot(second);
    const third = await startBot();
    await third.settle();
    expect(sim.control.writes()).toHaveLength(1);
    expect(await statusOf(third, req.requestId)).toBe('assigned');
  });

  test('a bot stopped while the cards wait for the outcome of an approval shows the approval in every copy before it stops', async () => {
    const h = await startBot();
    await meetApprovers(h);
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const copies = await h.app.store.cardCopies(req.requestId);
    // Intune throttles the write and asks for 5 s: the copies would wait 3 s for the outcome.
    sim.control.addFault({
      method: 'POST',
      path: '/assign$',
      times: 1,
      status: 429,
      retryAfter: 5,
    });
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    const showing = () =>
      copies.filter((c) => /assigning…/.test(cardText(currentCard(h, String(c.ref.activityId)))));
    const stopped = stopBot(h);
    const asked = Date.now();
    while (showing().length < copies.length && Date.now() - asked < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    // Put at once by the stop, not 3 s later (nor by the outcome, 5 s later).
    expect(showing()).toHaveLength(copies.length);
    await stopped;
  }, 20_000);
});
