import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, cardOf, cardText } from '../support/bot-harness';
import { allCalls, clickInThread, currentCard, threadOf, useBot } from '../support/e2e';
import { invokeCard } from '../support/walk';

describe('starting from the welcome card', () => {
  const bot = useBot();

  test('a request started with the New request button has that card updated when it is assigned', async () => {
    const h = bot();
    const megan = h.users.requester;
    await h.teams.install(megan);
    const welcome = allCalls(h).find(
      (c) => cardOf(c) && cardText(cardOf(c)).includes('New request'),
    );
    const welcomeId = welcome!.answeredId!;
    const click = async (verb: string, data: Record<string, unknown>) =>
      invokeCard(await h.teams.execute(megan, verb, data, { replyToId: welcomeId }));

    const wizard = await click('command.assign', {});
    const requestId = String(
      actionsOf(wizard).find((a) => a.verb === 'wizard.kind')?.data?.requestId,
    );
    await click('wizard.kind', { requestId, kind: 'app' });
    await click('wizard.item', { requestId, itemId: WELL_KNOWN.apps.win32 });
    await click('wizard.target', {
      requestId,
      targetType: 'group',
      groupId: WELL_KNOWN.groups.sales,
      mode: 'include',
    });
    await click('wizard.intent', { requestId, intent: 'required', filterId: 'none' });
    await click('wizard.justification', {
      requestId,
      justification: 'Sales needs Zoom from Monday.',
    });
    const submitted = await click('wizard.submit', { requestId });
    expect(cardText(submitted)).toMatch(/REQ-1001/);
    await h.settle();

    await clickInThread(h, h.users.approver1, 'request.approve', {
      requestId,
      thread: threadOf(h, 'REQ-1001'),
    });
    await h.settle();

    expect(allCalls(h).some((c) => c.kind === 'update' && c.activityId === welcomeId)).toBe(true);
    expect(cardText(currentCard(h, welcomeId))).toMatch(/Assigned/);
  });
});
