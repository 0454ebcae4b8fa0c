/**
 * How a channel takes card actions: `execute` for Teams (Universal Actions, `Action.Execute`,
 * cards refreshed per user), `submit` for Web Chat and the Emulator (`Action.Submit`, the verb
 * inside the data, no refresh).
 */
export type ActionStyle = 'execute' | 'submit';

/** What the channel showing a card can do. */
export interface Caps {
  style: ActionStyle;
  /** True where `Input.ChoiceSet` with `choices.data` (`application/search` invokes) works: Teams. */
  typeahead: boolean;
}

/** An Adaptive Card attachment as Bot Framework sends it. */
export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: Record<string, unknown>;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive' as const;
