import type { GraphObject } from '../../src/simulator/tenant-data';
import { validateAgainstGraphSchema } from '../../src/simulator/graph-schemas';
import { allObjects } from '../cards/card-checks';
import type { BotHarness } from './bot-harness';
import { appliedWrites, clickInThread, threadOf } from './e2e';
import { openWizard, type WizardSession } from './wizard-session';

/** What the wizard is asked for before its settings step. */
export interface SettingsChoice {
  itemId: string;
  groupId: string;
  intent: string;
  exclude?: boolean;
  filterId?: string;
}

/** A wizard brought to the step after the intent, with the card it shows there. */
export interface AtSettings {
  wizard: WizardSession;
  card: Record<string, unknown>;
}

/** Walks kind, item, target and intent in Teams and returns the card that comes next. */
export async function toSettings(h: BotHarness, choice: SettingsChoice): Promise<AtSettings> {
  const wizard = await openWizard(h);
  await wizard.step('wizard.kind', { kind: 'app' });
  await wizard.step('wizard.item', { itemId: choice.itemId });
  await wizard.step('wizard.target', {
    targetType: 'group',
    groupId: choice.groupId,
    mode: choice.exclude ? 'exclude' : 'include',
  });
  const filter = choice.filterId ? { filterId: choice.filterId, filterMode: 'include' } : {};
  const card = await wizard.step('wizard.intent', {
    intent: choice.intent,
    filterId: 'none',
    ...filter,
  });
  return { wizard, card };
}

/** The ids of the inputs a card shows. */
export function inputIds(card: Record<string, unknown>): string[] {
  return allObjects(card)
    .filter((o) => typeof o.type === 'string' && o.type.startsWith('Input.'))
    .map((o) => String(o.id));
}

/** Justifies, submits, approves in the thread and waits for the write; the review card too. */
export async function submitAndApprove(h: BotHarness, wizard: WizardSession) {
  const review = await wizard.step('wizard.justification', { justification: 'Needed for Q1.' });
  const submitted = await wizard.step('wizard.submit');
  await h.settle();
  const request = await h.app.store.get(wizard.draftId);
  const displayId = `REQ-${String(request?.number)}`;
  const thread = threadOf(h, displayId);
  await clickInThread(h, h.users.approver1, 'request.approve', {
    requestId: wizard.draftId,
    thread,
  });
  await h.settle();
  return { review, submitted, thread, request: await h.app.store.get(wizard.draftId) };
}

/** The one applied write's assignments, checked against Microsoft's schema for its version. */
export function writtenAssignments(h: BotHarness): GraphObject[] {
  const writes = appliedWrites(h);
  if (writes.length !== 1) throw new Error(`expected one write, got ${writes.length}`);
  const write = writes[0]!;
  const version = write.version === 'v1.0' ? 'v1.0' : 'beta';
  const valid = validateAgainstGraphSchema(version, 'mobileApp_assign_request', write.body);
  if (!valid.valid) throw new Error(`the write is not schema-valid: ${valid.errors.join('; ')}`);
  return (write.body as { mobileAppAssignments: GraphObject[] }).mobileAppAssignments;
}

/** An assignment without the fields the bot strips before a re-post. */
export const withoutReadOnly = (a: GraphObject) =>
  Object.fromEntries(Object.entries(a).filter(([k]) => !['id', 'source', 'sourceId'].includes(k)));
