/** How an error code is told at the edges: the HTTP status of a refusal and what it means. */
export interface ErrorEntry {
  /** The status of an invoke or HTTP answer that refuses with this code (never 500 by omission). */
  status: number;
  message: string;
  /**
   * What a person is told when this failure of a port stopped their step, in place of the
   * technical message (which goes to the logs); absent where the error's own message is fit.
   */
  tell?: string;
}

/**
 * The one catalog of error codes, total by construction: every code the product raises has its
 * status and message here, and the edges (invoke responses, cards, thread replies, HTTP statuses)
 * read them from it. A refused person 403, an unknown id 404, a bad click 400, a state or a race
 * 409, Graph's troubles as a gateway would report them (502, 503, 504); 500 only for a bot that
 * is set up wrong or has a bug.
 */
export const ERROR_CODES = {
  'policy-set': { status: 409, message: 'The item is assigned through a policy set.' },
  'target-conflict': {
    status: 409,
    message: 'The target is already assigned in the opposite way.',
  },
  'invalid-request': { status: 400, message: 'The request is not valid.' },
  'empty-set': { status: 409, message: 'The assignment set would be empty.' },
  'not-published': { status: 409, message: 'The app is not published.' },
  'not-found': { status: 404, message: 'The item or target does not exist.' },
  'filters-would-be-lost': {
    status: 409,
    message: 'A v1.0 write would strip assignment filters it cannot see.',
  },
  'settings-would-be-lost': {
    status: 409,
    message: 'A v1.0 write would strip assignment settings it cannot express.',
  },
  'assignments-changed': {
    status: 409,
    message: 'The assignments changed since the request was reviewed.',
  },
  'unknown-request': { status: 404, message: 'No such request.' },
  'invalid-state': { status: 409, message: 'The request is not in a state that allows this.' },
  conflict: { status: 409, message: 'Someone else changed the request first.' },
  'not-approver': { status: 403, message: 'Only approvers may do this.' },
  'self-approval': { status: 403, message: 'A requester cannot approve their own request.' },
  'not-requester': { status: 403, message: 'Only the requester may do this.' },
  'requester-not-allowed': {
    status: 403,
    message: 'Only members of the requesters group may make requests.',
  },
  'foreign-tenant': { status: 403, message: 'The activity comes from another tenant.' },
  'unknown-verb': { status: 400, message: 'The card action is not known.' },
  'graph-failed': { status: 502, message: 'Microsoft Graph refused the call.' },
  'graph-throttled': {
    status: 503,
    message: 'Microsoft Graph kept throttling the call.',
    tell: 'Intune is busy, so this was not done; try again in a minute.',
  },
  'graph-unavailable': {
    status: 503,
    message: 'Microsoft Graph could not be reached.',
    tell: 'Intune could not be reached, so this was not done; try again in a moment.',
  },
  'graph-auth': {
    status: 502,
    message: 'No token for Microsoft Graph could be obtained.',
    tell: 'The bot could not sign in to Microsoft Graph, so this was not done; tell your Intune administrators.',
  },
  'graph-timeout': {
    status: 504,
    message: 'Microsoft Graph did not answer in time.',
    tell: 'Intune is slow to answer, so this was not done; try again in a moment.',
  },
  'catalog-loading': {
    status: 503,
    message: 'The catalog is still loading from Intune.',
    tell: 'The list is still loading from Intune; type again in a moment.',
  },
  'write-unconfirmed': {
    status: 502,
    message:
      'Intune did not confirm the write; whether it landed is known only after its lifetime.',
  },
  'assignment-missing': {
    status: 502,
    message: 'After writing, the requested assignment was not in Intune.',
  },
  'lock-lost': {
    status: 503,
    message: "Another instance may hold the item's write lock; nothing was written.",
  },
  'lock-unavailable': {
    status: 503,
    message:
      'The write lock could not be taken (another instance kept it too long, or Azure Storage did not grant it); nothing was written.',
  },
  'intune-approval-ended': {
    status: 409,
    message: 'Intune Multi Admin Approval rejected, cancelled or expired the change.',
  },
  'intune-approval-timeout': {
    status: 504,
    message: 'Intune Multi Admin Approval did not decide in time.',
  },
  'storage-in-use': {
    status: 503,
    message:
      'Another bot process uses this SQLite file; SQLite serves one instance (STORAGE=azure serves several).',
  },
  'intune-role-refused': {
    status: 403,
    message:
      'Intune refused the write for this approver: their Intune role does not cover the item.',
  },
  'sign-in-required': {
    status: 401,
    message: 'The write runs as the approver, who must sign in first.',
    tell: 'Approving writes to Intune as you: sign in when Teams asks, then approve again.',
  },
  'sign-in-link-invalid': {
    status: 410,
    message: 'The sign-in link is unknown, used or expired; a new click gives a new one.',
  },
  'sign-in-failed': {
    status: 401,
    message: 'Entra ID did not sign the approver in (refused, cancelled or someone else).',
  },
  'bad-request': { status: 400, message: 'The card action or command is malformed.' },
  'connector-failed': { status: 502, message: 'The Bot Connector did not complete the call.' },
  'storage-failed': { status: 503, message: 'The request store did not answer as it must.' },
  'setup-invalid': { status: 500, message: 'The bot is not set up correctly; see the message.' },
  'internal-error': { status: 500, message: 'A bug in the bot: the message says where.' },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** What a person is told when a port failure with `code` stopped their step, if not its message. */
export function toldAs(code: ErrorCode): string | undefined {
  const entry: ErrorEntry = ERROR_CODES[code];
  return entry.tell;
}

/** The HTTP status a refusal with `code` is answered with. */
export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** An error with a code from the catalog and a message fit to show a user. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
