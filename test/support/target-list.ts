import type { RecordedWrite } from '../../src/simulator/control-types';
import type { GraphObject } from '../../src/simulator/tenant-data';
import type { BotHarness } from './bot-harness';
import { appliedWrites, clickInThread, threadOf, type Thread } from './e2e';
import { openWizard, type WizardSession } from './wizard-session';

/** An app's assignments in the simulated tenant, copied (as Graph would return them). */
export const appAssignments = (h: BotHarness, appId: string): GraphObject[] =>
  structuredClone(h.sim.control.tenant().appAssignments.get(appId) ?? []);

/** An assignment as a write re-posts it: verbatim less the read-only `id`, `source`, `sourceId`. */
export function asPosted(assignment: GraphObject): Record<string, unknown> {
  const readOnly = new Set(['id', 'source', 'sourceId']);
  return Object.fromEntries(Object.entries(assignment).filter(([key]) => !readOnly.has(key)));
}

/** The assignments a write posted. */
export const postedOf = (write: RecordedWrite): Record<string, unknown>[] =>
  (write.body as { mobileAppAssignments: Record<string, unknown>[] }).mobileAppAssignments;

/** The group id of an assignment's target, or its type for All users / All devices. */
export function targetOf(a: Record<string, unknown>): string {
  const target = a.target as { '@odata.type'?: string; groupId?: string };
  const type = String(target['@odata.type']).replace('#microsoft.graph.', '');
  return target.groupId ? `${type}:${target.groupId}` : type;
}

/** A wizard opened in Teams with an app chosen: at the target step. */
export async function wizardForApp(h: BotHarness, appId: string): Promise<WizardSession> {
  const wizard = await openWizard(h);
  await wizard.step('wizard.kind', { kind: 'app' });
  await wizard.step('wizard.item', { itemId: appId });
  return wizard;
}

/** A submitted request's display id and thread, once its notifications are out. */
export async function submitted(
  h: BotHarness,
  wizard: WizardSession,
): Promise<{ card: Record<string, unknown>; displayId: string; thread: Thread }> {
  const card = await wizard.step('wizard.submit');
  await h.settle();
  const request = await h.app.store.get(wizard.draftId);
  if (request?.number === undefined) throw new Error(`${wizard.draftId} was not submitted`);
  const displayId = `REQ-${request.number}`;
  return { card, displayId, thread: threadOf(h, displayId) };
}

/** An approver approves in the thread; resolves once the Graph work is done. */
export async function approve(
  h: BotHarness,
  wizard: WizardSession,
  thread: Thread,
): Promise<RecordedWrite[]> {
  await clickInThread(h, h.users.approver1, 'request.approve', {
    requestId: wizard.draftId,
    thread,
  });
  await h.settle();
  return appliedWrites(h);
}
