import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, cardOf, cardText, type BotHarness } from '../support/bot-harness';
import { invokeError, personalChat, submitRequest, threadsPosted, useBot } from '../support/e2e';
import { APPROVALS_CHANNEL, type TeamsUserInfo } from '../support/teams-client';
import { walkWizard, ZOOM_TO_SALES } from '../support/walk';

interface SearchAnswer {
  statusCode: number;
  type: string;
  value: { results: { title: string; value: string }[] };
}

/** What the bot answered in the user's 1:1 chat to one typed message: a card's text. */
async function ask(h: BotHarness, user: TeamsUserInfo, text: string): Promise<string> {
  const before = h.connector.calls.length;
  await h.teams.say(user, text);
  const reply = h.connector.calls
    .slice(before)
    .find((c) => c.conversationId === personalChat(user) && cardOf(c));
  if (!reply) throw new Error(`no card answered "${text}"`);
  return cardText(cardOf(reply));
}

describe('typeahead search in Teams', () => {
  const bot = useBot();

  test('typing in the app, policy and group pickers lists matches with what they are', async () => {
    const h = bot();
    const search = async (dataset: string, query: string) => {
      const answer = await h.teams.search(h.users.requester, dataset, query);
      expect(answer.status).toBe(200);
      const body = answer.body as SearchAnswer;
      expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
      return body.value.results;
    };

    const apps = await search('apps', 'Zoom');
    const zoom = apps.find((r) => r.value === WELL_KNOWN.apps.win32);
    expect(zoom?.title).toBe(
      'Zoom Workplace — Zoom Video Communications, Inc. · Windows (Win32) · assigned',
    );
    const notepad = (await search('apps', 'Notepad')).find(
      (r) => r.value === WELL_KNOWN.apps.win32Unassigned,
    );
    expect(notepad?.title).toMatch(/^Notepad\+\+ — .+ · Windows \(Win32\) · no assignments$/);
    const policies = await search('configPolicies', 'Outlook iOS');
    expect(policies.find((r) => r.value === WELL_KNOWN.configPolicies.ios)?.title).toMatch(
      /^Outlook iOS - Corporate accounts — iOS\/iPadOS · 1 assignment/,
    );
    const groups = await search('groups', 'Sales');
    expect(groups.find((r) => r.value === WELL_KNOWN.groups.sales)?.title).toMatch(/^Sales — /);
    expect(await search('apps', 'no app is called this')).toEqual([]);

    const unknown = await h.teams.search(h.users.requester, 'secrets', 'x');
    expect(invokeError(unknown).statusCode).toBe(400);
  });
});

describe('the commands', () => {
  const bot = useBot();

  test('"my requests", "status", "pending" and "help" answer with the right cards', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);

    expect(await ask(h, h.users.requester, 'my requests')).toMatch(/My requests[\s\S]*REQ-1001/);
    expect(await ask(h, h.users.approver2, 'my requests')).not.toContain('REQ-1001');

    const status = await ask(h, h.users.requester, 'status REQ-1001');
    expect(status).toContain('REQ-1001');
    expect(status).toContain('Zoom Workplace');
    expect(status).toContain('Waiting for an approver');
    expect(await ask(h, h.users.approver1, 'status req-1001')).toContain('Zoom Workplace');
    expect(await ask(h, h.users.outsider, 'status REQ-1001')).toContain(
      'There is no request REQ-1001',
    );
    expect(await ask(h, h.users.requester, 'status REQ-9999')).toContain('There is no request');

    expect(await ask(h, h.users.approver1, 'pending')).toMatch(/Pending approvals[\s\S]*REQ-1001/);
    expect(await ask(h, h.users.outsider, 'pending')).toContain(
      'Only approvers have a queue of pending requests.',
    );

    const help = await ask(h, h.users.requester, 'help');
    for (const command of ['assign', 'my requests', 'pending', 'status', 'cancel']) {
      expect(help).toContain(command);
    }
    expect(await ask(h, h.users.requester, 'what can you do?')).toBe(help);
    expect(await h.app.store.get(req.requestId)).toMatchObject({ status: 'pending' });
  });

  test('installing the bot greets me with the welcome card', async () => {
    const h = bot();
    const answer = await h.teams.install(h.users.outsider);
    expect(answer.status).toBe(200);
    const welcome = h.connector.calls.find((c) => cardOf(c));
    expect(welcome?.conversationId).toBe(personalChat(h.users.outsider));
    expect(cardText(cardOf(welcome))).toMatch(/assign/i);
    expect(actionsOf(cardOf(welcome)).map((a) => a.verb)).toContain('command.assign');
    expect(h.connector.calls.filter((c) => cardOf(c))).toHaveLength(1);
  });
});

describe('choosing the approvals channel', () => {
  const bot = useBot();
  const OTHER = { id: '19:intune-approvals@thread.tacv2', name: 'Intune approvals' };

  /** `set approvals channel` sent in another channel of the IT team. */
  const setChannel = (h: BotHarness, user: TeamsUserInfo) =>
    h.teams.sayInChannel(user, 'set approvals channel', OTHER);
  const threadChannels = (h: BotHarness) =>
    threadsPosted(h).map((c) => (c.body.channelData as { channel: { id: string } }).channel.id);

  test('an approver sends "set approvals channel" in a channel, and later requests are posted there', async () => {
    const h = bot();
    await setChannel(h, h.users.approver1);
    const confirmation = h.connector.calls.find((c) => typeof c.body.text === 'string');
    expect(confirmation?.conversationId).toMatch(`${OTHER.id};messageid=`);
    expect(confirmation?.body.text).toBe(
      'Approval requests will be posted in #Intune approvals, one thread each.',
    );
    expect(await h.app.channel.get()).toMatchObject({ channelId: OTHER.id });

    await walkWizard(h, h.users.requester, ZOOM_TO_SALES);
    await h.settle();
    expect(threadChannels(h)).toEqual([OTHER.id]);
  });

  test('someone who is not an approver cannot move the approvals channel', async () => {
    const h = bot();
    await setChannel(h, h.users.outsider);
    const refusal = h.connector.calls.find((c) => typeof c.body.text === 'string');
    expect(refusal?.body.text).toBe('Only approvers may choose the approvals channel.');

    await h.teams.say(h.users.approver1, 'set approvals channel');
    expect(h.connector.calls.at(-1)?.body.text).toMatch(
      /Send "set approvals channel" in the Teams channel/,
    );

    await submitRequest(h, ZOOM_TO_SALES);
    expect(threadChannels(h)).toEqual([APPROVALS_CHANNEL.channelId]);
  });
});
