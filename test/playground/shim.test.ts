import type { PlaygroundEvent } from '../../src/playground/store';
import { startPlayground, type Playground } from '../../src/playground/playground';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { openEvents, type EventsClient } from './events-client';
import { pageApi } from './page-api';

type Json = Record<string, unknown>;
const CARD = 'application/vnd.microsoft.card.adaptive';

const cardOf = (activity: Json | undefined) =>
  (activity?.attachments as { content?: Json }[] | undefined)?.[0]?.content;
const verbsOf = (card: unknown): string[] =>
  [...JSON.stringify(card ?? {}).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1] ?? '');

describe('the playground shim, without a browser', () => {
  let pg: Playground;
  let events: EventsClient;
  const { api, post } = pageApi(() => pg.url);
  const persona = (key: string) => pg.personas.find((p) => p.key === key)!;
  const activityEvent = (match: (e: Extract<PlaygroundEvent, { type: 'activity' }>) => boolean) =>
    events.next((e) => e.type === 'activity' && match(e)) as Promise<
      Extract<PlaygroundEvent, { type: 'activity' }>
    >;

  beforeAll(async () => {
    pg = await startPlayground({ env: { LOG_LEVEL: 'silent' }, port: 0, storage: 'memory' });
    events = await openEvents(`${pg.url}playground/api/events`);
  });
  afterAll(async () => {
    events.close();
    await pg.stop();
  });

  test('every persona has the bot installed and was greeted in their own chat', async () => {
    for (const p of pg.personas) {
      const { body } = await api(`conversation?persona=${p.key}`);
      const [welcome] = body.activities as Json[];
      expect(verbsOf(cardOf(welcome))).toContain('command.assign');
    }
    expect(
      (await api(`conversation?persona=patti&id=${persona('megan').conversationId}`)).status,
    ).toBe(403);
  });

  test('a request walked through Action.Execute invokes, refreshed for approvers, approved in the thread', async () => {
    const megan = persona('megan');
    const sent = await post('megan', megan.conversationId, {
      type: 'message',
      text: 'assign',
      clientActivityID: 'client-1',
    });
    expect(sent).toMatchObject({ status: 200, body: { status: 200 } });

    // The echo Web Chat waits for, then the bot's wizard card, both over SSE.
    const echo = await activityEvent((e) => e.activity.id === sent.body.id);
    expect(echo.activity).toMatchObject({
      text: 'assign',
      from: { role: 'user', id: megan.mri },
      channelData: { clientActivityID: 'client-1' },
    });
    const wizard = await activityEvent(
      (e) =>
        e.conversationId === megan.conversationId &&
        verbsOf(cardOf(e.activity)).includes('wizard.kind'),
    );
    const wizardId = String(wizard.activity.id);
    const kindAction = JSON.stringify(cardOf(wizard.activity));
    const draftId = /"requestId":"([^"]+)"/.exec(kindAction)?.[1];
    expect(draftId).toBeDefined();
    // Playground turns get Universal Actions with the search-box wizard (no Data.Query).
    expect(kindAction).toContain('Action.Execute');

    const execute = async (
      who: string,
      conversationId: string,
      replyToId: string,
      verb: string,
      data: Json,
      trigger = 'manual',
    ) => post(who, conversationId, { type: 'invoke', replyToId, verb, data, trigger });
    const step = async (verb: string, data: Json) => {
      const answer = await execute('megan', megan.conversationId, wizardId, verb, {
        requestId: draftId,
        ...data,
      });
      expect(answer.body).toMatchObject({ status: 200, body: { statusCode: 200, type: CARD } });
      return (answer.body.body as { value: Json }).value;
    };
    await step('wizard.kind', { kind: 'app' });
    // The invoke's card replaced the message for Megan, and the page was told.
    const view = await activityEvent((e) => e.persona === 'megan' && e.activity.id === wizardId);
    expect(JSON.stringify(cardOf(view.activity))).toContain('Search by name');
    const history = (await api('conversation?persona=megan')).body.activities as Json[];
    expect(JSON.stringify(history.find((a) => a.id === wizardId))).toContain('Search by name');

    const results = await step('wizard.search', { query: 'zoom' });
    expect(JSON.stringify(results)).toContain(WELL_KNOWN.apps.win32);
    await step('wizard.item', { itemId: WELL_KNOWN.apps.win32 });
    await step('wizard.target', {
      targetType: 'group',
      groupId: WELL_KNOWN.groups.sales,
      mode: 'include',
    });
    await step('wizard.intent', { intent: 'required', filterId: 'none' });
    const review = await step('wizard.justification', {
      justification: 'Sales moves to Zoom in March.',
    });
    expect(JSON.stringify(review)).toContain('+ Sales (required)');
    await step('wizard.submit', {});
    await pg.app.services.tasks.idle();

    // The thread's base card shows the status; it names the approvers for refresh.
    const thread = await activityEvent((e) => e.kind === 'thread' && !e.persona);
    const root = thread.activity;
    const refresh = cardOf(root)?.refresh as {
      userIds: string[];
      action: { verb: string; data: Json };
    };
    expect(refresh.userIds).toEqual(
      expect.arrayContaining([persona('patti').mri, persona('nestor').mri]),
    );
    expect(refresh.userIds).not.toContain(megan.mri);
    expect(verbsOf(cardOf(root))).not.toContain('request.approve');

    // Patti's client refreshes the card for her (trigger automatic) and gets Approve and Reject.
    const refreshed = await execute(
      'patti',
      thread.conversationId,
      String(root.id),
      refresh.action.verb,
      refresh.action.data,
      'automatic',
    );
    expect(verbsOf((refreshed.body.body as Json).value)).toEqual(
      expect.arrayContaining(['request.approve', 'request.reject']),
    );
    const threads = async (who: string) =>
      ((await api(`threads?persona=${who}`)).body.threads as { activities: Json[] }[])[0]!
        .activities[0];
    expect(verbsOf(cardOf(await threads('patti')))).toContain('request.approve');
    expect(verbsOf(cardOf(await threads('joni')))).not.toContain('request.approve');

    // Joni is not an approver: the bot answers the invoke with an error, and nothing changes.
    const refused = await execute(
      'joni',
      thread.conversationId,
      String(root.id),
      'request.approve',
      { requestId: draftId },
    );
    expect(refused.body).toMatchObject({
      status: 403,
      body: { type: 'application/vnd.microsoft.error' },
    });
    expect(verbsOf(cardOf(await threads('joni')))).not.toContain('request.approve');

    const approved = await execute(
      'patti',
      thread.conversationId,
      String(root.id),
      'request.approve',
      { requestId: draftId },
    );
    expect(approved.body).toMatchObject({ status: 200, body: { type: CARD } });
    await pg.app.services.tasks.idle();
    await events.next((e) => e.type === 'graph-writes');
    const [write] = (await api('graph-writes')).body.writes as {
      path: string;
      requestId: string;
      body: unknown;
      groups: Record<string, string>;
    }[];
    expect(write!.path).toBe(
      `/beta/deviceAppManagement/mobileApps/${WELL_KNOWN.apps.win32}/assign`,
    );
    expect(JSON.stringify(write!.body)).toContain(WELL_KNOWN.groups.sales);
    expect(write!.groups[WELL_KNOWN.groups.sales]).toBe('Sales');
    const replies = (
      (await api(`threads?persona=patti`)).body.threads as { activities: Json[] }[]
    )[0]!.activities
      .slice(1)
      .map((a) => String(a.text));
    expect(replies.some((text) => text.includes(write!.requestId))).toBe(true);
  });

  test('what the page posts is checked', async () => {
    const megan = persona('megan').conversationId;
    expect((await post('megan', megan, { type: 'event', name: 'x' })).status).toBe(400);
    expect((await post('nobody', megan, { type: 'message', text: 'hi' })).status).toBe(400);
    expect((await post('joni', megan, { type: 'message', text: 'hi' })).status).toBe(403);
    const unknownCard = { type: 'invoke', replyToId: 'nope', verb: 'request.approve', data: {} };
    expect((await post('megan', megan, unknownCard)).status).toBe(404);
  });
});
