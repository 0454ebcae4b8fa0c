import type { ItemKind } from '../../src/domain/request';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { actionsOf, cardOf, cardText, type BotHarness } from './bot-harness';
import type { TeamsUserInfo } from './teams-client';

export interface Walked {
  draftId: string;
  requestId: string;
  /** The card the requester saw after submitting. */
  submittedCard: Record<string, unknown>;
  reviewText: string;
}

export interface WalkChoice {
  kind: ItemKind;
  itemId: string;
  target: { type: 'group' | 'allUsers' | 'allDevices'; groupId?: string; exclude?: boolean };
  intent?: string;
  justification?: string;
}

/** An invoke's card, or a failure that says what came back instead. */
export function invokeCard(answer: { status: number; body: unknown }): Record<string, unknown> {
  const body = answer.body as {
    statusCode?: number;
    type?: string;
    value?: Record<string, unknown>;
  };
  if (
    answer.status !== 200 ||
    body?.type !== 'application/vnd.microsoft.card.adaptive' ||
    !body.value
  ) {
    throw new Error(
      `expected a card, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`,
    );
  }
  return body.value;
}

/** Walks the requester through the wizard in Teams (Action.Execute invokes) and submits. */
export async function walkWizard(
  h: BotHarness,
  requester: TeamsUserInfo,
  choice: WalkChoice,
): Promise<Walked> {
  const before = h.connector.calls.length;
  await h.teams.say(requester, 'assign');
  const wizard = h.connector.calls
    .slice(before)
    .find((c) => (c.kind === 'send' || c.kind === 'reply') && cardOf(c));
  const kindAction = actionsOf(cardOf(wizard)).find((a) => a.verb === 'wizard.kind');
  const draftId = String(kindAction?.data?.requestId ?? kindAction?.data?.draftId);
  const replyToId = wizard?.answeredId;
  const step = async (verb: string, data: Record<string, unknown>) =>
    invokeCard(
      await h.teams.execute(requester, verb, { requestId: draftId, ...data }, { replyToId }),
    );

  await step('wizard.kind', { kind: choice.kind });
  await step('wizard.item', { itemId: choice.itemId });
  await step('wizard.target', {
    targetType: choice.target.type,
    groupId: choice.target.groupId,
    mode: choice.target.exclude ? 'exclude' : 'include',
  });
  // Managed-app configuration policies have no intent step: the target leads to the justification.
  if (choice.kind !== 'managedAppConfig') {
    await step('wizard.intent', { intent: choice.intent, filterId: 'none' });
  }
  const review = await step('wizard.justification', {
    justification: choice.justification ?? 'The team needs it for the Q1 rollout.',
  });
  const submittedCard = await step('wizard.submit', {});
  const approve = actionsOf(submittedCard).find((a) => a.verb === 'request.cancel');
  return {
    draftId,
    requestId: String(approve?.data?.requestId ?? draftId),
    submittedCard,
    reviewText: cardText(review),
  };
}

export const ZOOM_TO_SALES: WalkChoice = {
  kind: 'app',
  itemId: WELL_KNOWN.apps.win32,
  target: { type: 'group', groupId: WELL_KNOWN.groups.sales },
  intent: 'required',
};
