import { execFileSync } from 'node:child_process';
import { startPlayground, type Playground } from '../../src/playground/playground';
import type { PlaygroundEvent } from '../../src/playground/store';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { openEvents, type EventsClient } from './events-client';
import { pageApi } from './page-api';

type Json = Record<string, unknown>;
type ActivityEvent = Extract<PlaygroundEvent, { type: 'activity' }>;
const CARD = 'application/vnd.microsoft.card.adaptive';

const cardOf = (activity: Json | undefined) =>
  (activity?.attachments as { content?: Json }[] | undefined)?.[0]?.content;
/** The bot instance the page labels an activity with. */
const instanceOf = (activity: Json | undefined) =>
  (activity?.channelData as { playground?: { instance?: number } } | undefined)?.playground
    ?.instance;

/** This process's children, but for the `ps` that lists them. */
function childProcesses(): string[] {
  try {
    return execFileSync('ps', ['--ppid', String(process.pid), '-o', 'pid=,comm='], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.endsWith(' ps'));
  } catch {
    return []; // ps exits 1 when it lists nothing
  }
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the playground with two bot instances on Azurite, without a browser', () => {
  let pg: Playground;
  let events: EventsClient;
  let stopped = false;
  const { api, post } = pageApi(() => pg.url);
  const persona = (key: string) => pg.personas.find((p) => p.key === key)!;
  const activityEvent = (match: (e: ActivityEvent) => boolean) =>
    events.next((e) => e.type === 'activity' && match(e), 10_000) as Promise<ActivityEvent>;
  const history = async (who: string) =>
    (await api(`conversation?persona=${who}`)).body.activities as Json[];

  beforeAll(async () => {
    pg = await startPlayground({ env: { LOG_LEVEL: 'silent' }, port: 0, instances: 2 });
    events = await openEvents(`${pg.url}playground/api/events`);
  });
  afterAll(async () => {
    events.close();
    if (!stopped) await pg.stop();
  });

  test('both instances run on one Azurite, behind one front that answers health checks', async () => {
    expect(pg.apps).toHaveLength(2);
    expect(pg.azurite).toBeDefined();
    expect(new Set(pg.apps.map((app) => app.instance)).size).toBe(2);
    const health = await fetch(`${pg.url}healthz`);
    expect(await health.json()).toEqual({ status: 'alive', instances: 2 });
  });

  test('consecutive turns alternate between the instances, and each answer says which one sent it', async () => {
    const megan = persona('megan').conversationId;
    const answeredBy: number[] = [];
    for (const text of ['help', 'my requests', 'help', 'my requests']) {
      const sent = await post('megan', megan, { type: 'message', text });
      expect(sent.status).toBe(200);
      const instance = Number(sent.body.instance);
      answeredBy.push(instance);
      // The reply was sent during the turn: the connector labelled it with its sender.
      const reply = (await history('megan')).at(-1);
      expect(reply).toMatchObject({ from: { role: 'bot' } });
      expect(instanceOf(reply)).toBe(instance);
    }
    expect(new Set(answeredBy)).toEqual(new Set([1, 2]));
    for (let i = 1; i < answeredBy.length; i += 1)
      expect(answeredBy[i]).not.toBe(answeredBy[i - 1]);
  });

  test('a request submitted through one instance is approved through the other and assigned once', async () => {
    const megan = persona('megan').conversationId;
    await post('megan', megan, { type: 'message', text: 'assign' });
    const wizard = (await history('megan')).at(-1)!;
    const draftId = /"requestId":"([^"]+)"/.exec(JSON.stringify(cardOf(wizard)))?.[1];
    expect(draftId).toBeDefined();
    const step = async (verb: string, data: Json) => {
      const invoke = { type: 'invoke', replyToId: wizard.id, verb, trigger: 'manual' };
      const answer = await post('megan', megan, {
        ...invoke,
        data: { requestId: draftId, ...data },
      });
      expect(answer.body).toMatchObject({ status: 200, body: { type: CARD } });
      return answer.body;
    };
    await step('wizard.kind', { kind: 'app' });
    await step('wizard.item', { itemId: WELL_KNOWN.apps.win32 });
    await step('wizard.target', {
      targetType: 'group',
      groupId: WELL_KNOWN.groups.sales,
      mode: 'include',
    });
    await step('wizard.intent', { intent: 'required', filterId: 'none' });
    await step('wizard.justification', { justification: 'Sales moves to Zoom in March.' });
    const submitted = Number((await step('wizard.submit', {})).instance);

    // The thread is started by the instance that took the submission.
    const thread = await activityEvent((e) => e.kind === 'thread' && !e.persona);
    expect(instanceOf(thread.activity)).toBe(submitted);

    // The next turn goes to the other instance: Patti approves there.
    const approved = await post('patti', thread.conversationId, {
      type: 'invoke',
      replyToId: thread.activity.id,
      verb: 'request.approve',
      data: { requestId: draftId },
      trigger: 'manual',
    });
    expect(approved.body).toMatchObject({ status: 200, body: { type: CARD } });
    const approvedOn = Number(approved.body.instance);
    expect(approvedOn).not.toBe(submitted);

    // It finishes in the first instance's thread, reported by the instance that approved it.
    const done = await activityEvent(
      (e) => e.conversationId === thread.conversationId && /is done/.test(String(e.activity.text)),
    );
    expect(instanceOf(done.activity)).toBe(approvedOn);
    for (const app of pg.apps) await app.services.tasks.idle();
    const assigns = pg.sim.control
      .writes()
      .filter((w) => w.path.includes(`${WELL_KNOWN.apps.win32}/assign`));
    expect(assigns).toHaveLength(1);
    expect(JSON.stringify(assigns[0]!.body)).toContain(WELL_KNOWN.groups.sales);
    // Both instances read the same stored request.
    for (const app of pg.apps) expect((await app.store.get(draftId!))?.status).toBe('assigned');
  });

  test('stop() stops both instances, the front and Azurite, and leaves no process behind', async () => {
    const azurite = pg.azurite!;
    expect(isRunning(azurite.pid)).toBe(true);
    events.close();
    await pg.stop();
    stopped = true;
    expect(isRunning(azurite.pid)).toBe(false);
    expect(childProcesses()).toEqual([]);
    await expect(fetch(`${pg.url}healthz`)).rejects.toThrow();
    await expect(fetch(azurite.blobUrl)).rejects.toThrow();
  });
});
