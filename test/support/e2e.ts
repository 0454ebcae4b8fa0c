import type { RecordedWrite } from '../../src/simulator/control-types';
import type { ConnectorCall } from '../fakes/fake-connector';
import {
  cardOf,
  cardText,
  botHarness,
  type BotHarness,
  type BotHarnessOptions,
} from './bot-harness';
import { cardProblems, RecordingConnector } from './card-log';
import { APPROVALS_CHANNEL, type HttpAnswer, type TeamsUserInfo } from './teams-client';
import { walkWizard, type WalkChoice, type Walked } from './walk';

/**
 * One harness per test: started before it with the approvers known to the bot (they have the app
 * installed), closed after it, and every card the bot emitted during the test checked with the
 * `adaptivecards` library (no validation event, no `${`, version 1.5).
 */
export function useBot(options: () => BotHarnessOptions = () => ({})): () => BotHarness {
  let h: BotHarness | undefined;
  beforeEach(async () => {
    h = await botHarness(options());
    await meetApprovers(h);
  });
  afterEach(async () => {
    const current = h;
    h = undefined;
    if (!current) return;
    await current.close();
    expect(cardProblems(current.emittedCards())).toEqual([]);
  });
  return () => {
    if (!h) throw new Error('the harness is used outside a test');
    return h;
  };
}

/** Approvers say something first, so the bot knows them and can message them. */
export async function meetApprovers(h: BotHarness): Promise<void> {
  await h.teams.say(h.users.approver1, 'help');
  await h.teams.say(h.users.approver2, 'help');
  h.connector.clear();
}

/** Every connector call of the harness, including those a test cleared. */
export function allCalls(h: BotHarness): ConnectorCall[] {
  return h.connector instanceof RecordingConnector ? h.connector.allCalls() : h.connector.calls;
}

export const personalChat = (user: TeamsUserInfo): string => `a:personal-${user.mri}`;

const isMessage = (c: ConnectorCall) => c.kind === 'send' || c.kind === 'reply';

/** A request's thread in the approvals channel. */
export interface Thread {
  conversationId: string;
  rootId: string;
  rootCard: Record<string, unknown>;
}

/** The thread posted for a request (`REQ-1001`); fails when there is none. */
export function threadOf(h: BotHarness, displayId: string): Thread {
  const create = allCalls(h).find(
    (c) =>
      c.kind === 'create' &&
      (c.body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ===
        APPROVALS_CHANNEL.channelId &&
      cardText(cardOf(c)).includes(displayId),
  );
  if (!create?.conversationId || !create.answeredId)
    throw new Error(`no thread was posted for ${displayId}`);
  return {
    conversationId: create.conversationId,
    rootId: create.answeredId,
    rootCard: cardOf(create) ?? {},
  };
}

/** Threads posted in any channel (new conversations with a channel in their channel data). */
export function threadsPosted(h: BotHarness): ConnectorCall[] {
  return allCalls(h).filter(
    (c) =>
      c.kind === 'create' &&
      Boolean((c.body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id),
  );
}

/** The texts of the messages sent into a conversation (thread replies or a 1:1 chat). */
export function textsIn(h: BotHarness, conversationId: string): string[] {
  return allCalls(h)
    .filter((c) => isMessage(c) && c.conversationId === conversationId)
    .map((c) => (typeof c.body.text === 'string' ? c.body.text : ''))
    .filter((t) => t !== '');
}

/** The thread replies of a request. */
export const threadReplies = (h: BotHarness, thread: Thread): string[] =>
  textsIn(h, thread.conversationId);

/** The text messages a user got in their 1:1 chat with the bot. */
export const dmTexts = (h: BotHarness, user: TeamsUserInfo): string[] =>
  textsIn(h, personalChat(user));

/** The cards a user got in their 1:1 chat with the bot (sent, not updated). */
export function dmCards(h: BotHarness, user: TeamsUserInfo): Record<string, unknown>[] {
  return allCalls(h)
    .filter((c) => isMessage(c) && c.conversationId === personalChat(user))
    .map((c) => cardOf(c))
    .filter((c): c is Record<string, unknown> => c !== undefined);
}

/** `conversation|activity` of every message the bot updated in place. */
export function updatedMessages(h: BotHarness): Set<string> {
  return new Set(
    allCalls(h)
      .filter((c) => c.kind === 'update')
      .map((c) => `${c.conversationId}|${c.activityId}`),
  );
}

/** True when some message in the user's 1:1 chat was updated in place. */
export function updatedInChat(h: BotHarness, user: TeamsUserInfo): boolean {
  return [...updatedMessages(h)].some((u) => u.startsWith(`${personalChat(user)}|`));
}

/** The card a message shows now (its latest version). */
export function currentCard(h: BotHarness, activityId: string): Record<string, unknown> {
  const card = cardOf(h.connector.activities.get(activityId));
  if (!card) throw new Error(`message ${activityId} shows no card`);
  return card;
}

/** Assign writes Intune accepted (2xx); refused or throttled attempts are left out. */
export function appliedWrites(h: BotHarness): RecordedWrite[] {
  return h.sim.control.writes().filter((w) => w.status >= 200 && w.status < 300);
}

/** The `application/vnd.microsoft.error` of an invoke answer; fails on anything else. */
export function invokeError(answer: HttpAnswer): {
  statusCode: number;
  code: string;
  message: string;
} {
  const body = answer.body as
    { statusCode?: number; type?: string; value?: { code?: string; message?: string } } | undefined;
  if (body?.type !== 'application/vnd.microsoft.error') {
    throw new Error(
      `expected an error, got ${answer.status} ${String(JSON.stringify(body)).slice(0, 300)}`,
    );
  }
  return {
    statusCode: Number(body.statusCode),
    code: String(body.value?.code),
    message: String(body.value?.message),
  };
}

/** Polls `check` every 25 ms until it holds; fails after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A submitted request with its thread, once the notifications are out. */
export interface Submitted extends Walked {
  displayId: string;
  thread: Thread;
}

/** Walks the wizard as `requester`, submits, and waits for the thread and the approver DMs. */
export async function submitRequest(
  h: BotHarness,
  choice: WalkChoice,
  requester: TeamsUserInfo = h.users.requester,
): Promise<Submitted> {
  const walked = await walkWizard(h, requester, choice);
  await h.settle();
  const request = await h.app.store.get(walked.requestId);
  if (request?.number === undefined) throw new Error(`${walked.requestId} was not submitted`);
  const displayId = `REQ-${request.number}`;
  return { ...walked, displayId, thread: threadOf(h, displayId) };
}

/** An approver's click on a request card's button in the approvals thread. */
export function clickInThread(
  h: BotHarness,
  user: TeamsUserInfo,
  verb: string,
  submitted: Pick<Submitted, 'requestId' | 'thread'>,
  data: Record<string, unknown> = {},
): Promise<HttpAnswer> {
  return h.teams.execute(
    user,
    verb,
    { requestId: submitted.requestId, ...data },
    { replyToId: submitted.thread.rootId, where: 'channel' },
  );
}

/** The status of a stored request. */
export async function statusOf(h: BotHarness, requestId: string): Promise<string | undefined> {
  return (await h.app.store.get(requestId))?.status;
}
