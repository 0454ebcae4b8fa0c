import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, cardOf, type BotHarness } from './bot-harness';
import type { HttpAnswer, TeamsUserInfo } from './teams-client';
import { invokeCard } from './walk';

/** The wizard steps a session can be brought to, in order. */
export type Step = 'item' | 'target' | 'intent' | 'settings' | 'justification' | 'review';

/** One requester's wizard in Teams: the draft and a click on its card. */
export interface WizardSession {
  draftId: string;
  click(verb: string, data?: Record<string, unknown>): Promise<HttpAnswer>;
  /** A click that must come back as a card (the wizard at its step, maybe with an error). */
  step(verb: string, data?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** Notepad++ (no assignments) for Sales, required: a request that really adds something. */
export const NOTEPAD_FOR_SALES = {
  itemId: WELL_KNOWN.apps.win32Unassigned,
  groupId: WELL_KNOWN.groups.sales,
  intent: 'required',
};

/** Types "assign" as `user` and answers the wizard that appears. */
export async function openWizard(
  h: BotHarness,
  user: TeamsUserInfo = h.users.requester,
): Promise<WizardSession> {
  const before = h.connector.calls.length;
  await h.teams.say(user, 'assign');
  const sent = h.connector.calls.slice(before).find((c) => cardOf(c));
  const kind = actionsOf(cardOf(sent)).find((a) => a.verb === 'wizard.kind');
  const draftId = String(kind?.data?.requestId);
  const click = (verb: string, data: Record<string, unknown> = {}) =>
    h.teams.execute(user, verb, { requestId: draftId, ...data }, { replyToId: sent?.answeredId });
  return { draftId, click, step: async (verb, data) => invokeCard(await click(verb, data)) };
}

/** A wizard of Notepad++ for Sales brought to `step` (every earlier step answered). */
export async function wizardAt(h: BotHarness, step: Step): Promise<WizardSession> {
  const session = await openWizard(h);
  const steps: [Step, string, Record<string, unknown>][] = [
    ['item', 'wizard.kind', { kind: 'app' }],
    ['target', 'wizard.item', { itemId: NOTEPAD_FOR_SALES.itemId }],
    ['intent', 'wizard.target', { targetType: 'group', groupId: NOTEPAD_FOR_SALES.groupId }],
    ['settings', 'wizard.intent', { intent: 'required', filterId: 'none' }],
    // Notepad++ is a Win32 app: its settings step is answered with the defaults.
    ['justification', 'wizard.defaults', {}],
    ['review', 'wizard.justification', { justification: 'Sales needs a text editor.' }],
  ];
  for (const [reached, verb, data] of steps) {
    await session.step(verb, data);
    if (reached === step) break;
  }
  const at = (await h.app.store.get(session.draftId))?.draft?.step;
  if (at !== step) throw new Error(`the wizard stopped at ${String(at)}, not ${step}`);
  return session;
}

/** The Graph requests `during` made, as `METHOD url` (the simulator's log, cleared first). */
export async function graphCallsDuring(h: BotHarness, during: () => Promise<unknown>) {
  h.sim.control.clearRequests();
  await during();
  await h.settle();
  return h.sim.control.requests().map((r) => `${r.method} ${r.url}`);
}
