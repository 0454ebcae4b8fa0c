import { startPlayground, type Playground } from '../../src/playground/playground';
import type { ScreenMessage, SlackScreen } from '../../src/playground/slack-screen';
import { PLAYGROUND_SLACK } from '../../src/playground/slack-world';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { pageApi } from './page-api';

type Json = Record<string, unknown>;
type Option = { text: { text: string }; value: string };
type Block = { type: string; block_id?: string; element?: Json & { type: string } };

const ZOOM = WELL_KNOWN.apps.win32;
const SALES = `group:${WELL_KNOWN.groups.sales}`;
const CHANNEL = PLAYGROUND_SLACK.channelId;

const option = (value: string, type = 'static_select') => ({
  type,
  selected_option: { text: { type: 'plain_text', text: value }, value },
});
const buttonsOf = (message: ScreenMessage | undefined) =>
  [...JSON.stringify(message?.blocks ?? []).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]);
const textsOf = (messages: ScreenMessage[]) => messages.map((m) => m.text).join('\n');

/** `view.state.values` as Slack starts a modal: each input's initial value (the page does this). */
function initialValues(blocks: Block[]): Record<string, Json> {
  const values: Record<string, Json> = {};
  for (const { type, block_id: id, element: el } of blocks) {
    if (type !== 'input' || !id || !el) continue;
    const initial =
      el.type === 'checkboxes'
        ? { selected_options: el.initial_options ?? [] }
        : el.type === 'datepicker'
          ? { selected_date: el.initial_date ?? null }
          : el.type === 'timepicker'
            ? { selected_time: el.initial_time ?? null }
            : /select|radio/.test(el.type)
              ? { selected_option: el.initial_option ?? null }
              : { value: el.initial_value ?? null };
    values[id] = { [String(el.action_id)]: { type: el.type, ...initial } };
  }
  return values;
}

describe('the Slack view of the playground', () => {
  let pg: Playground;
  const { api } = pageApi(() => pg.url);
  const screen = async (who: string) =>
    (await api(`slack?persona=${who}`)).body as unknown as SlackScreen;

  /** Polls what `who` sees until `check` finds what it looks for. */
  async function until<T>(who: string, check: (s: SlackScreen) => T | undefined): Promise<T> {
    const deadline = Date.now() + 8000;
    for (;;) {
      const found = check(await screen(who));
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${who} never saw it: ${check.toString()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const modalOf = (who: string, callbackId: string) =>
    until(who, (s) => (s.modal?.view.callback_id === callbackId ? s.modal : undefined));

  /** Megan's request through the Slack view: command, typeahead, modal(s), review, submit. */
  async function requestAsMegan(): Promise<ScreenMessage> {
    await api('slack/command', { persona: 'megan', text: '', place: 'channel' });
    const modal = await modalOf('megan', 'request.new');
    const load = async (field: string, value: string) =>
      (
        await api('slack/options', {
          persona: 'megan',
          viewId: modal.id,
          actionId: field,
          blockId: field,
          value,
          state: { kind: { kind: option('app') } },
        })
      ).body.options as Option[];
    const item = (await load('item', 'zoom')).find((o) => o.value === ZOOM)!;
    const target = (await load('target', 'sales')).find((o) => o.value === SALES)!;
    const first = await api('slack/submit', {
      persona: 'megan',
      viewId: modal.id,
      values: {
        kind: { kind: option('app') },
        item: { item: { type: 'external_select', selected_option: item } },
        target: { target: { type: 'external_select', selected_option: target } },
        mode: { mode: option('include', 'radio_buttons') },
        intent: { intent: option('required') },
        justification: {
          justification: { type: 'plain_text_input', value: 'Sales moves to Zoom in March.' },
        },
      },
    });
    expect(first.body).toEqual({});
    let next = await until('megan', (s) =>
      s.modal && s.modal.view.callback_id !== 'request.new' ? s.modal : undefined,
    );
    if (next.view.callback_id === 'request.settings') {
      // The app's assignment settings, left as they are.
      const values = initialValues(next.view.blocks as Block[]);
      await api('slack/submit', { persona: 'megan', viewId: next.id, values });
      next = await modalOf('megan', 'request.review');
    }
    expect(next.view.callback_id).toBe('request.review');
    expect(JSON.stringify(next.view.blocks)).toContain('+ Sales (required)');
    await api('slack/submit', { persona: 'megan', viewId: next.id, values: {} });
    await modalOf('megan', 'request.done');
    return until('megan', (s) => s.channel.messages[0]);
  }

  beforeEach(async () => {
    pg = await startPlayground({ env: { LOG_LEVEL: 'silent' }, port: 0, storage: 'memory' });
  });
  afterEach(async () => {
    await pg.stop();
    // Every Block Kit payload the bot sent was within Slack's limits.
    expect(pg.slack.fake.problems).toEqual([]);
  });

  test('the slash command typed as Megan opens the request modal for her alone', async () => {
    const sent = await api('slack/command', { persona: 'megan', text: '', place: 'channel' });
    expect(sent.status).toBe(200);
    const modal = await modalOf('megan', 'request.new');
    expect(modal.view.title).toMatchObject({ text: 'Request an assignment' });
    expect((await screen('patti')).modal).toBeUndefined();
    // Closing it closes it.
    await api('slack/close', { persona: 'megan', viewId: modal.id });
    expect((await screen('megan')).modal).toBeUndefined();
  });

  test("the typeahead answers from the catalog and the group search, for the modal's kind", async () => {
    await api('slack/command', { persona: 'megan', text: '', place: 'dm' });
    const modal = await modalOf('megan', 'request.new');
    const load = (actionId: string, value: string, kind = 'app') =>
      api('slack/options', {
        persona: 'megan',
        viewId: modal.id,
        actionId,
        blockId: actionId,
        value,
        state: { kind: { kind: option(kind) } },
      });
    const apps = (await load('item', 'zoom')).body.options as Option[];
    expect(apps.map((o) => o.text.text)).toContain('Zoom Workplace (Windows)');
    const groups = (await load('target', 'sales')).body.options as Option[];
    expect(groups.map((o) => o.text.text)).toContain('Sales');
    const policies = (await load('item', 'outlook', 'managedAppConfig')).body.options as Option[];
    expect(policies.map((o) => o.value)).toContain(WELL_KNOWN.managedAppConfigs.outlook);
    // Another persona cannot load options of Megan's modal.
    const foreign = await api('slack/options', {
      persona: 'joni',
      viewId: modal.id,
      actionId: 'item',
      blockId: 'item',
      value: 'zoom',
      state: {},
    });
    expect(foreign.status).toBe(404);
  });

  test('a request submitted in the Slack view is posted in the Slack channel and the Teams channel', async () => {
    const posted = await requestAsMegan();
    expect(posted.text).toMatch(/REQ-\d+ · Pending/);
    expect(buttonsOf(posted)).toEqual(['request.approve', 'request.reject']);
    const dm = await until('megan', (s) => (s.dm.messages.length > 0 ? s.dm.messages : undefined));
    expect(textsOf(dm)).toMatch(/You submitted REQ-/);
    const teams = (await api('threads?persona=patti')).body.threads as unknown[];
    expect(JSON.stringify(teams)).toMatch(/REQ-\d+/);
  });

  test("Patti's Approve click in Slack writes to Graph, replies in the thread, updates the message and tells Megan", async () => {
    const posted = await requestAsMegan();
    const click = { persona: 'patti', channel: CHANNEL, ts: posted.ts };
    expect((await api('slack/click', { ...click, actionId: 'request.approve' })).status).toBe(200);
    const done = await until('patti', (s) =>
      /is done/.test(textsOf(s.channel.messages[0]?.replies ?? []))
        ? s.channel.messages[0]
        : undefined,
    );
    expect(textsOf(done.replies)).toMatch(/approved by Patti Fernandez/);
    expect(done.text).toMatch(/Assigned/);
    expect(done.edited).toBe(true);
    expect(buttonsOf(done)).toEqual([]);
    const writes = pg.sim.control.writes();
    expect(writes).toHaveLength(1);
    expect(JSON.stringify(writes[0]!.body)).toContain(WELL_KNOWN.groups.sales);
    const dm = await until('megan', (s) =>
      /is done/.test(textsOf(s.dm.messages)) ? s.dm.messages : undefined,
    );
    expect(textsOf(dm)).toMatch(/Your request REQ-\d+ is done/);
  });

  test('a request made in Slack can be approved in the Teams channel view', async () => {
    const posted = await requestAsMegan();
    const requestId = String(/"value":"([^"]+)"/.exec(JSON.stringify(posted.blocks))?.[1]);
    const [thread] = (await api('threads?persona=patti')).body.threads as {
      conversationId: string;
      rootId: string;
    }[];
    const approved = await api('activities', {
      persona: 'patti',
      conversationId: thread!.conversationId,
      activity: {
        type: 'invoke',
        replyToId: thread!.rootId,
        verb: 'request.approve',
        data: { requestId },
      },
    });
    expect(approved.status).toBe(200);
    const now = await until('megan', (s) =>
      /Assigned/.test(s.channel.messages[0]?.text ?? '') ? s.channel.messages[0] : undefined,
    );
    expect(textsOf(now.replies)).toMatch(/approved by Patti Fernandez/);
    expect(pg.sim.control.writes()).toHaveLength(1);
  });

  test('Joni, who is not an approver, clicking Approve is told so in a message only she sees', async () => {
    const posted = await requestAsMegan();
    await api('slack/click', {
      persona: 'joni',
      channel: CHANNEL,
      ts: posted.ts,
      actionId: 'request.approve',
    });
    const told = await until('joni', (s) => s.channel.messages.find((m) => m.ephemeral));
    expect(told.text).toMatch(/approver/i);
    expect((await screen('megan')).channel.messages.some((m) => m.ephemeral)).toBe(false);
    expect(pg.sim.control.writes()).toHaveLength(0);
    expect((await screen('joni')).channel.messages[0]?.text).toMatch(/Pending/);
  });

  test("a DM to the app is shown in the persona's DM and answered there", async () => {
    expect((await api('slack/message', { persona: 'patti', text: 'pending' })).status).toBe(200);
    const dm = await until('patti', (s) => (s.dm.messages.length >= 2 ? s.dm.messages : undefined));
    expect(dm[0]).toMatchObject({ author: 'Patti Fernandez', text: 'pending' });
    expect(dm[1]?.author).toBeUndefined();
    expect(dm[1]?.text).toMatch(/Nothing is waiting/);
    expect((await screen('megan')).dm.messages).toEqual([]);
  });

  test('a slash command answered with text shows it to the one who typed it', async () => {
    await api('slack/command', { persona: 'nestor', text: 'help', place: 'channel' });
    const help = await until('nestor', (s) => s.channel.messages.find((m) => m.ephemeral));
    expect(help.text).toContain('/intune-assign pending');
    expect((await screen('patti')).channel.messages).toEqual([]);
  });

  test('what the page sends to the Slack API is checked', async () => {
    expect((await api('slack?persona=nobody')).status).toBe(400);
    expect((await api('slack/command', { persona: 'megan' })).status).toBe(400);
    expect((await api('slack/message', { persona: 'megan', text: ' ' })).status).toBe(400);
    const click = { persona: 'megan', channel: CHANNEL, ts: '1.000001', actionId: 'x' };
    expect((await api('slack/click', click)).status).toBe(404);
    expect((await api('slack/submit', { persona: 'megan', viewId: 'V0NOPE' })).status).toBe(404);
    const badState = { persona: 'megan', viewId: 'V0NOPE', values: { kind: 'app' } };
    expect((await api('slack/submit', badState)).status).toBe(400);
  });
});
