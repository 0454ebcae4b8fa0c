import { startPlayground, type Playground } from '../../src/playground/playground';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { pageApi } from './page-api';

type Json = Record<string, unknown>;

const cardOf = (activity: Json | undefined) =>
  (activity?.attachments as { content?: Json }[] | undefined)?.[0]?.content;

describe('the playground with writes as the approver (GRAPH_WRITE_AS=approver)', () => {
  let pg: Playground;
  const { api, post } = pageApi(() => pg.url);
  const persona = (key: string) => pg.personas.find((p) => p.key === key)!;
  const idle = () => Promise.all(pg.apps.map((app) => app.services.tasks.idle()));

  /** Megan asks for `itemId` for Sales through the wizard; resolves with the thread's root card. */
  async function requestForSales(itemId: string, query: string) {
    const megan = persona('megan');
    await post('megan', megan.conversationId, { type: 'message', text: 'assign' });
    await idle();
    const chat = (await api('conversation?persona=megan')).body.activities as Json[];
    const wizard = [...chat]
      .reverse()
      .find((a) => JSON.stringify(cardOf(a)).includes('wizard.kind'));
    const draftId = /"requestId":"([^"]+)"/.exec(JSON.stringify(cardOf(wizard)))?.[1];
    const step = (verb: string, data: Json) =>
      post('megan', megan.conversationId, {
        type: 'invoke',
        replyToId: String(wizard?.id),
        verb,
        data: { requestId: draftId, ...data },
        trigger: 'manual',
      });
    await step('wizard.kind', { kind: 'app' });
    await step('wizard.search', { query });
    await step('wizard.item', { itemId });
    await step('wizard.target', {
      targetType: 'group',
      groupId: WELL_KNOWN.groups.sales,
      mode: 'include',
    });
    await step('wizard.intent', { intent: 'available', filterId: 'none' });
    await step('wizard.justification', { justification: 'Sales needs it for the March launch.' });
    await step('wizard.submit', {});
    await idle();
    const threads = (await api('threads?persona=patti')).body.threads as {
      conversationId: string;
      activities: Json[];
    }[];
    const thread = threads.find((t) => JSON.stringify(t.activities[0]).includes(String(draftId)))!;
    return { thread, requestId: String(draftId) };
  }

  beforeAll(async () => {
    pg = await startPlayground({
      env: { LOG_LEVEL: 'silent', GRAPH_WRITE_AS: 'approver' },
      port: 0,
      storage: 'memory',
    });
  });
  afterAll(() => pg.stop());

  test("an approver's click signs them in silently, and the writes pane says the write used their identity", async () => {
    const { thread, requestId } = await requestForSales(WELL_KNOWN.apps.win32, 'zoom');
    const approved = await post('patti', thread.conversationId, {
      type: 'invoke',
      replyToId: String(thread.activities[0]!.id),
      verb: 'request.approve',
      data: { requestId },
      trigger: 'manual',
    });
    expect(approved.body).toMatchObject({ status: 200 });
    await idle();
    const [write] = (await api('graph-writes')).body.writes as { as: string; status: number }[];
    expect(write).toMatchObject({
      status: 204,
      as: `${persona('patti').name} (delegated, signed in)`,
    });
    expect((await pg.app.store.get(requestId))?.status).toBe('assigned');
  });

  test('an approver whose Intune role does not cover the app is refused by Intune, and the writes pane shows the 403 under their name', async () => {
    const { thread, requestId } = await requestForSales(WELL_KNOWN.apps.macOSLob, 'zoom');
    await post('nestor', thread.conversationId, {
      type: 'invoke',
      replyToId: String(thread.activities[0]!.id),
      verb: 'request.approve',
      data: { requestId },
      trigger: 'manual',
    });
    await idle();
    const [write] = (await api('graph-writes')).body.writes as { as: string; status: number }[];
    expect(write).toMatchObject({
      status: 403,
      as: `${persona('nestor').name} (delegated, signed in)`,
    });
    expect((await pg.app.store.get(requestId))?.status).toBe('pending');
  });
});
