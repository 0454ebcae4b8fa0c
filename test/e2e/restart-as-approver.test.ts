import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { DelegatedSignIn } from '../../src/graph/sign-in';
import { itemRefOf, requestedOf } from '../../src/services/request-parts';
import { applyEvent } from '../../src/services/transitions';
import { createTenant } from '../../src/simulator/seed';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/server';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';
import { assignThrough } from '../support/assign-through';
import { botHarness, ManualClock, type BotHarness } from '../support/bot-harness';
import { RecordingConnector } from '../support/card-log';
import {
  clickInThread,
  meetApprovers,
  statusOf,
  submitRequest,
  threadReplies,
  type Submitted,
} from '../support/e2e';
import { ZOOM_TO_SALES } from '../support/walk';

describe('a bot writing as the approver, restarted while a request was assigning', () => {
  let dir: string;
  let sim: SimulatorHandle;
  let connector: RecordingConnector;
  let clock: ManualClock;
  let started: BotHarness[] = [];

  const startBot = async () => {
    const store = new SqliteRequestStore({ path: join(dir, 'requests.db') });
    const h = await botHarness({
      store,
      sim,
      connector,
      clock,
      env: { GRAPH_WRITE_AS: 'approver' },
    });
    started.push(h);
    return h;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'intune-bot-approver-restart-'));
    sim = await startSimulator({
      tenant: createTenant(),
      port: 0,
      entra: true,
      settings: { appPermission: 'Read' },
    });
    connector = new RecordingConnector();
    await connector.start();
    clock = new ManualClock();
  });

  afterEach(async () => {
    for (const h of started) await h.close().catch(() => undefined);
    started = [];
    await connector.stop();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Approved by approver1 and claimed, then the bot stops before anything is known. */
  async function crashWhileAssigning(
    writeLanded: boolean,
  ): Promise<Submitted & { first: BotHarness }> {
    const first = await startBot();
    await meetApprovers(first);
    const req = await submitRequest(first, ZOOM_TO_SALES);
    const deps = { store: first.app.store, clock };
    const approver = { id: first.users.approver1.aadObjectId, name: first.users.approver1.name };
    const pending = await first.app.store.get(req.requestId);
    const approved = await applyEvent(deps, pending!, { type: 'approve', by: approver });
    if (approved.kind !== 'won') throw new Error('the approval was not stored');
    const claimed = await applyEvent(deps, approved.request, {
      type: 'start-assignment',
      by: approver,
    });
    if (claimed.kind !== 'won') throw new Error('the claim was not stored');
    if (writeLanded) {
      // Written as the approver by the first bot, just before it stopped.
      const as = await signedIn(first, sim.control.teamsToken(approver.id), approver);
      const result = await assignThrough(
        first.app.graph.intune,
        itemRefOf(claimed.request),
        requestedOf(claimed.request),
        {
          justification: claimed.request.justification ?? '',
          expectedDiff: claimed.request.diff,
          as,
        },
      );
      expect(result.status).toBe('assigned');
    }
    await first.close();
    started = started.filter((h) => h !== first);
    return { ...req, first };
  }

  test('the write had not landed: the next bot writes nothing without an approver, fails the request for a retry, and the retry writes as the retrying approver', async () => {
    const req = await crashWhileAssigning(false);
    const second = await startBot();
    await second.settle();
    expect(await statusOf(second, req.requestId)).toBe('failed');
    expect(sim.control.writes()).toEqual([]);
    expect(threadReplies(second, req.thread).join('\n')).toMatch(
      /no approver's sign-in was at hand.*An approver can retry/,
    );

    // Retry, with Teams' sign-in, by the other approver: written once, as them.
    await meetApprovers(second);
    const asked = await clickInThread(second, second.users.approver2, 'request.retry', req);
    expect((asked.body as { type: string }).type).toBe(
      'application/vnd.microsoft.activity.loginRequest',
    );
    const token = sim.control.teamsToken(second.users.approver2.aadObjectId);
    await second.teams.execute(
      second.users.approver2,
      'request.retry',
      { requestId: req.requestId },
      { replyToId: req.thread.rootId, where: 'channel', authentication: { token } },
    );
    await second.settle();
    expect(await statusOf(second, req.requestId)).toBe('assigned');
    const writes = sim.control.writes();
    expect(writes).toHaveLength(1);
    expect(writes[0]?.identity).toMatchObject({ id: second.users.approver2.aadObjectId });
  });

  test('the write had landed: the next bot finds it in place and finishes the request without writing', async () => {
    const req = await crashWhileAssigning(true);
    expect(sim.control.writes()).toHaveLength(1);
    const second = await startBot();
    await second.settle();
    expect(await statusOf(second, req.requestId)).toBe('assigned');
    expect(sim.control.writes()).toHaveLength(1);
  });
});

/** The approver's identity as the bot obtains it at the click (its on-behalf-of exchange). */
function signedIn(h: BotHarness, token: string, user: { id: string; name: string }) {
  const config = loadConfig({ GRAPH_BASE_URL: h.sim.url, GRAPH_WRITE_AS: 'approver' });
  return new DelegatedSignIn(config).exchange(token, user);
}
