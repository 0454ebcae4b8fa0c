import { actionsOf, cardText } from './bot-harness';
import type { HttpAnswer } from './teams-client';
import { invokeCard } from './walk';

/** What a refused click on a request card answered: the card as it stands and the notice on it. */
export interface NoticedCard {
  card: Record<string, unknown>;
  /** The one line at the card's top saying why nothing changed; empty when there is none. */
  notice: string;
  /** The card's text, the notice included. */
  text: string;
  /** The verbs of the card's buttons (its `refresh` action is not one). */
  verbs: string[];
}

/** Reads an invoke answer that must be a card (status 200), with its notice. */
export function noticedCard(answer: HttpAnswer): NoticedCard {
  const card = invokeCard(answer);
  const statusCode = (answer.body as { statusCode?: unknown }).statusCode;
  if (statusCode !== 200) throw new Error(`expected statusCode 200, got ${String(statusCode)}`);
  const body = (card.body ?? []) as { id?: string; text?: string }[];
  const notice = body.find((element) => element.id === 'notice')?.text ?? '';
  return {
    card,
    notice,
    text: cardText(card),
    verbs: actionsOf(card)
      .map((a) => String(a.verb))
      .filter((verb) => verb !== 'request.refresh'),
  };
}
