import { validationProblems } from '../cards/card-checks';
import { FakeConnector, type ConnectorCall } from '../fakes/fake-connector';
import type { HttpAnswer } from './teams-client';

/** A card the bot emitted, with where it went. */
export interface EmittedCard {
  source: string;
  content: Record<string, unknown>;
}

/**
 * The fake Bot Connector, keeping every call even across `clear()`: a test may clear the calls it
 * asserts on, but the card checks still see every card the bot ever sent.
 */
export class RecordingConnector extends FakeConnector {
  private readonly archived: ConnectorCall[] = [];

  override clear(): void {
    this.archived.push(...this.calls);
    super.clear();
  }

  /** Every call since the connector started, cleared or not. */
  allCalls(): ConnectorCall[] {
    return [...this.archived, ...this.calls];
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function attachmentCards(activity: unknown): Record<string, unknown>[] {
  if (!isRecord(activity) || !Array.isArray(activity.attachments)) return [];
  return activity.attachments
    .filter(
      (a): a is { content: Record<string, unknown> } =>
        isRecord(a) &&
        a.contentType === 'application/vnd.microsoft.card.adaptive' &&
        isRecord(a.content),
    )
    .map((a) => a.content);
}

/** The cards of connector calls: sends, replies, updates and a new thread's first activity. */
export function connectorCards(calls: ConnectorCall[]): EmittedCard[] {
  return calls.flatMap((call) => {
    const activity = call.kind === 'create' ? call.body.activity : call.body;
    return attachmentCards(activity).map((content) => ({
      source: `${call.kind} ${call.conversationId ?? ''}`,
      content,
    }));
  });
}

/** The cards of invoke answers (`adaptiveCard/action` responses). */
export function invokeCards(answers: HttpAnswer[]): EmittedCard[] {
  return answers.flatMap((answer) => {
    const body = answer.body;
    if (!isRecord(body) || body.type !== 'application/vnd.microsoft.card.adaptive') return [];
    return isRecord(body.value) ? [{ source: 'invoke response', content: body.value }] : [];
  });
}

/**
 * What is wrong with emitted cards: every `adaptivecards` parse or validation event (less the
 * library's known typeahead messages, see `card-checks.ts`), any `${` left by the templating, and
 * a version other than 1.5. Empty when all is well.
 */
export function cardProblems(cards: EmittedCard[]): string[] {
  return cards.flatMap(({ source, content }) => {
    const problems = validationProblems(content).map((p) => `${source}: ${p}`);
    if (JSON.stringify(content).includes('${')) problems.push(`${source}: '\${' left in the card`);
    if (content.version !== '1.5') problems.push(`${source}: version ${String(content.version)}`);
    return problems;
  });
}
