/**
 * Every verb a card action can carry. A card's submitted data holds a verb and ids only; the bot
 * maps the verb to a use case and trusts nothing else in the data (SPEC section 2).
 */
export const VERBS = {
  wizardKind: 'wizard.kind',
  wizardSearch: 'wizard.search',
  wizardItem: 'wizard.item',
  wizardTarget: 'wizard.target',
  wizardTargetSearch: 'wizard.targetSearch',
  wizardIntent: 'wizard.intent',
  wizardSettings: 'wizard.settings',
  wizardDefaults: 'wizard.defaults',
  wizardJustification: 'wizard.justification',
  wizardAddTarget: 'wizard.addTarget',
  wizardRemove: 'wizard.remove',
  wizardBack: 'wizard.back',
  wizardSubmit: 'wizard.submit',
  wizardDiscard: 'wizard.discard',
  requestApprove: 'request.approve',
  requestReject: 'request.reject',
  requestCancel: 'request.cancel',
  requestRetry: 'request.retry',
  requestRefresh: 'request.refresh',
  commandAssign: 'command.assign',
  commandMyRequests: 'command.myRequests',
  commandPending: 'command.pending',
  commandHelp: 'command.help',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

const ALL_VERBS: ReadonlySet<string> = new Set(Object.values(VERBS));

/** True when `value` is one of {@link VERBS}: card data with any other verb is refused. */
export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && ALL_VERBS.has(value);
}
