import { WELL_KNOWN } from '../../src/simulator/seed';
import { allObjects } from '../cards/card-checks';
import { actionsOf, cardOf, cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  personalChat,
  statusOf,
  threadOf,
  useBot,
} from '../support/e2e';

type Card = Record<string, unknown>;

const choiceValues = (card: Card, inputId: string): string[] =>
  allObjects(card)
    .filter((o) => o.type === 'Input.ChoiceSet' && o.id === inputId)
    .flatMap((o) => (Array.isArray(o.choices) ? o.choices : []))
    .map((c) => String((c as { value?: unknown }).value));

/** A card for a channel without Universal Actions: Action.Submit only, no refresh, no typeahead. */
function expectSubmitStyle(card: Card): void {
  const types = allObjects(card)
    .map((o) => o.type)
    .filter((t): t is string => typeof t === 'string' && t.startsWith('Action.'));
  expect(types).not.toContain('Action.Execute');
  expect(card).not.toHaveProperty('refresh');
  expect(allObjects(card).some((o) => 'choices.data' in o)).toBe(false);
}

describe('the wizard in Web Chat (Action.Submit)', () => {
  const bot = useBot();

  test('I request an app from Web Chat: each step replaces my card in place, with a search box instead of typeahead', async () => {
    const h = bot();
    const me = h.users.requester;
    await h.teams.sayIn(me, 'assign');
    const first = h.connector.calls.find((c) => c.conversationId === personalChat(me) && cardOf(c));
    const wizard = cardOf(first)!;
    expectSubmitStyle(wizard);
    const replyToId = first!.answeredId!;
    const kindAction = actionsOf(wizard).find((a) => a.verb === 'wizard.kind');
    const requestId = String(kindAction?.data?.requestId);
    expect(kindAction?.data).toEqual({ verb: 'wizard.kind', requestId });

    const step = async (verb: string, inputs: Record<string, unknown> = {}): Promise<Card> => {
      const before = h.connector.calls.length;
      const answer = await h.teams.submit(me, { verb, requestId, ...inputs }, { replyToId });
      expect(answer.status).toBe(200);
      expect(answer.body).toBeUndefined();
      const calls = h.connector.calls.slice(before);
      expect(calls.map((c) => [c.kind, c.activityId])).toEqual([['update', replyToId]]);
      const card = cardOf(calls[0])!;
      expectSubmitStyle(card);
      return card;
    };

    const itemStep = await step('wizard.kind', { kind: 'app' });
    expect(allObjects(itemStep).some((o) => o.id === 'query' && o.type === 'Input.Text')).toBe(
      true,
    );
    expect(actionsOf(itemStep).map((a) => a.verb)).toContain('wizard.search');
    const found = await step('wizard.search', { query: 'Zoom' });
    expect(choiceValues(found, 'itemId')).toContain(WELL_KNOWN.apps.win32);
    expect(cardText(found)).toContain('Zoom Workplace');
    const nothing = await step('wizard.search', { query: 'no app is called this' });
    expect(cardText(nothing)).toMatch(/No app matches/);

    await step('wizard.item', { itemId: WELL_KNOWN.apps.win32 });
    const groups = await step('wizard.targetSearch', { groupQuery: 'Sales' });
    expect(choiceValues(groups, 'groupId')).toContain(WELL_KNOWN.groups.sales);
    await step('wizard.target', {
      targetType: 'group',
      groupId: WELL_KNOWN.groups.sales,
      mode: 'include',
    });
    await step('wizard.intent', { intent: 'required', filterId: 'none' });
    const review = await step('wizard.justification', { justification: 'Sales needs Zoom.' });
    expect(cardText(review)).toContain('+ Sales (required)');
    const submitted = await step('wizard.submit');
    expect(cardText(submitted)).toContain('REQ-1001');
    expect(actionsOf(submitted).map((a) => a.verb)).toContain('request.cancel');
    await h.settle();

    const thread = threadOf(h, 'REQ-1001');
    await clickInThread(h, h.users.approver1, 'request.approve', { requestId, thread });
    await h.settle();

    expect(await statusOf(h, requestId)).toBe('assigned');
    expect(appliedWrites(h)).toHaveLength(1);
    const myCard = cardOf(h.connector.activities.get(replyToId))!;
    expect(cardText(myCard)).toMatch(/Assigned/);
    expectSubmitStyle(myCard);
  });

  test('a refusal in Web Chat comes back as a message saying why', async () => {
    const h = bot();
    await h.teams.sayIn(h.users.requester, 'assign');
    h.connector.clear();

    const answer = await h.teams.submit(h.users.outsider, {
      verb: 'request.approve',
      requestId: 'no-such-request',
    });
    expect(answer.status).toBe(200);
    const notice = h.connector.calls.find((c) => cardOf(c));
    expect(notice?.kind === 'send' || notice?.kind === 'reply').toBe(true);
    expect(cardText(cardOf(notice))).toMatch(/No such request/);
    const unknown = await h.teams.submit(h.users.outsider, { verb: 'request.nuke' });
    expect(unknown.status).toBe(200);
    expect(cardText(cardOf(h.connector.calls.at(-1)))).toMatch(/is not known/);
  });
});
