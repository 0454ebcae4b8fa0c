import { CardActions, type ActionContext } from '../../src/bot/card-actions';
import { invokeResponse, type Answer } from '../../src/bot/replies';
import { AppError } from '../../src/domain/errors';
import { Authorizer, createServices, type Actor, type Services } from '../../src/services';
import type { IntunePort } from '../../src/services/ports/intune';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { cardText } from '../support/bot-harness';
import {
  PEOPLE,
  refusal,
  SETTINGS,
  submitRequest,
  useWorld,
  value,
  type World,
} from '../services/support';

const SLOW = 'Intune is slow to answer, so this was not done; try again in a moment.';
const timeout = () => new AppError('graph-timeout', 'POST /users/x/checkMemberGroups took 5 s');

/** The world's use cases, but with the directory or Intune timing out where asked. */
function slowServices(world: World, slow: { directory?: boolean; getApp?: boolean }): Services {
  const intune = new Proxy(world.h.graph.intune, {
    get(target, key) {
      if (key === 'getApp' && slow.getApp) return () => Promise.reject(timeout());
      const member = Reflect.get(target, key) as unknown;
      return typeof member === 'function' ? member.bind(target) : member;
    },
  }) as IntunePort;
  const membership = slow.directory
    ? { isMemberOfAny: () => Promise.reject(timeout()) }
    : world.h.graph.directory;
  return createServices({
    store: world.store,
    intune,
    directory: world.h.graph.directory,
    notifier: world.notifier,
    clock: world.clock,
    authorizer: new Authorizer({
      directory: membership,
      approverGroupIds: [WELL_KNOWN.groups.approvers],
      approverUserIds: [],
    }),
    tasks: world.tasks,
    settings: SETTINGS,
  });
}

function actionsOver(services: Services): CardActions {
  return new CardActions({
    services,
    wizardView: {
      intentOffer: async () => ({ filters: [] }),
      justificationMax: SETTINGS.justificationMaxLength,
    },
    command: async () => ({ refusal: { code: 'bad-request', message: 'no commands here' } }),
  });
}

const inTeams = (actor: Actor): ActionContext => ({
  actor,
  caps: { style: 'execute', typeahead: true },
  audience: 'requester',
  refreshUserIds: async () => [],
});

const cardOf = (answer: Answer) => {
  const response = invokeResponse(answer);
  expect(response.statusCode).toBe(200);
  return cardText(response.value);
};

const NOTEPAD_FOR_SALES = {
  itemId: WELL_KNOWN.apps.win32Unassigned,
  target: { type: 'group' as const, groupId: WELL_KNOWN.groups.sales },
  intent: { intent: 'required' as const },
};

describe('a Graph timeout while deciding', () => {
  const t = useWorld();

  test.each([
    ['approve', (s: Services, id: string) => s.decisions.approve(id, PEOPLE.approver)],
    ['reject', (s: Services, id: string) => s.decisions.reject(id, PEOPLE.approver, 'No.')],
    ['retry', (s: Services, id: string) => s.decisions.retry(id, PEOPLE.approver)],
    ['refresh', (s: Services, id: string) => s.queries.byId(id, PEOPLE.approver)],
  ])(
    'is refused for %s with the request as it stands and a reason to try again; nothing stored',
    async (_verb, act) => {
      const pending = await submitRequest(t.world, NOTEPAD_FOR_SALES);
      const slow = slowServices(t.world, { directory: true });

      const result = await act(slow, pending.id);
      await t.world.tasks.idle();

      expect(refusal(result)).toMatchObject({ code: 'graph-timeout', message: SLOW });
      expect(!result.ok && result.request).toEqual(pending);
      expect(await t.world.store.get(pending.id)).toEqual(pending);
      expect(t.h.sim.control.writes()).toEqual([]);
    },
  );

  test('a click on Approve is answered with the pending card and the reason, not an error', async () => {
    const pending = await submitRequest(t.world, NOTEPAD_FOR_SALES);
    const actions = actionsOver(slowServices(t.world, { directory: true }));

    const answer = await actions.handle(
      { verb: 'request.approve', data: { requestId: pending.id } },
      { ...inTeams(PEOPLE.approver), audience: 'channel' },
    );

    const text = cardOf(answer);
    expect(text.split('\n')[0]).toBe(SLOW);
    expect(text).toContain('Pending approval');
    expect(await t.world.store.get(pending.id)).toEqual(pending);
  });

  test('a wizard step is answered with the wizard at that step and the reason, not an error', async () => {
    const wizard = t.world.services.wizard;
    const draft = value(await wizard.startDraft(PEOPLE.requester));
    const atItem = value(await wizard.chooseKind(draft.id, PEOPLE.requester, 'app'));
    const actions = actionsOver(slowServices(t.world, { getApp: true }));

    const answer = await actions.handle(
      { verb: 'wizard.item', data: { requestId: draft.id, itemId: NOTEPAD_FOR_SALES.itemId } },
      inTeams(PEOPLE.requester),
    );

    const text = cardOf(answer);
    expect(text).toContain(SLOW);
    expect(text).toContain('Which app?');
    expect(await t.world.store.get(draft.id)).toEqual(atItem);
  });
});
