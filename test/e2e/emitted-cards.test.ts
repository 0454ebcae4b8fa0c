import { WELL_KNOWN } from '../../src/simulator/seed';
import { cardProblems } from '../support/card-log';
import { clickInThread, submitRequest, useBot } from '../support/e2e';
import { ZOOM_TO_SALES } from '../support/walk';

/**
 * Every e2e test checks the cards it made the bot emit when its harness closes (`useBot`). This
 * file shows the check has teeth and covers a request's whole life in both card styles.
 */
describe('the cards the bot emits', () => {
  const bot = useBot();

  test('the check fails on a card Teams would reject or a template left unexpanded', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Hello ${name}' }, { type: 'Input.Text' }],
      actions: [{ type: 'Action.Execute', title: 'Go', verb: 'x' }, { type: 'Action.Teleport' }],
    };
    const problems = cardProblems([{ source: 'test', content: broken }]);
    expect(problems.some((p) => p.includes('${'))).toBe(true);
    expect(problems.length).toBeGreaterThan(1);
    expect(cardProblems([{ source: 'test', content: { ...broken, version: '1.6' } }])).toEqual(
      expect.arrayContaining([expect.stringContaining('version 1.6')]),
    );
  });

  test('every card of a request from wizard to assignment, in Teams and in Web Chat, is valid Adaptive Cards 1.5', async () => {
    const h = bot();
    await h.teams.install(h.users.requester);
    await h.teams.sayIn(h.users.outsider, 'help');
    await h.teams.sayIn(h.users.outsider, 'assign');
    const req = await submitRequest(h, ZOOM_TO_SALES);
    await h.teams.search(h.users.requester, 'apps', 'Zoom');
    await clickInThread(h, h.users.approver1, 'request.reject', req, { reason: '' });
    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();
    await h.teams.say(h.users.requester, 'my requests');
    await h.teams.say(h.users.approver2, 'pending');
    await h.teams.say(h.users.requester, `status ${req.displayId}`);
    await h.teams.sayIn(h.users.outsider, 'my requests');
    h.sim.control.addFault({ method: 'POST', path: '/assign$', status: 400, times: 1 });
    const failing = await submitRequest(h, {
      ...ZOOM_TO_SALES,
      target: { type: 'group', groupId: WELL_KNOWN.groups.marketing, exclude: false },
      intent: 'uninstall',
    });
    await clickInThread(h, h.users.approver2, 'request.approve', failing);
    await h.settle();
    expect(await h.app.store.get(failing.requestId)).toMatchObject({ status: 'failed' });

    const cards = h.emittedCards();
    const sources = new Set(cards.map((c) => c.source.split(' ')[0]));
    expect([...sources]).toEqual(expect.arrayContaining(['create', 'invoke', 'reply', 'update']));
    expect(cards.length).toBeGreaterThan(30);
    expect(cardProblems(cards)).toEqual([]);
  });
});
