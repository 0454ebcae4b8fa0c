/**
 * The one catalog of error codes. Every error the product raises carries one of these, and the
 * edges (invoke responses, cards, thread replies, HTTP statuses) map them to what a user sees.
 */
export const ERROR_CODES = {
  'policy-set': 'The item is assigned through a policy set.',
  'target-conflict': 'The target is already assigned in the opposite way.',
  'invalid-request': 'The request is not valid.',
  'empty-set': 'The assignment set would be empty.',
  'not-published': 'The app is not published.',
  'not-found': 'The item or target does not exist.',
  'filters-would-be-lost': 'A v1.0 write would strip assignment filters it cannot see.',
  'settings-would-be-lost': 'A v1.0 write would strip assignment settings it cannot express.',
  'assignments-changed': 'The assignments changed since the request was reviewed.',
  'unknown-request': 'No such request.',
  'invalid-state': 'The request is not in a state that allows this.',
  conflict: 'Someone else changed the request first.',
  'not-approver': 'Only approvers may do this.',
  'self-approval': 'A requester cannot approve their own request.',
  'not-requester': 'Only the requester may do this.',
  'requester-not-allowed': 'Only members of the requesters group may make requests.',
  'foreign-tenant': 'The activity comes from another tenant.',
  'unknown-verb': 'The card action is not known.',
  'graph-failed': 'Microsoft Graph refused the call.',
  'graph-throttled': 'Microsoft Graph kept throttling the call.',
  'graph-unavailable': 'Microsoft Graph could not be reached.',
  'graph-auth': 'No token for Microsoft Graph could be obtained.',
  'graph-timeout': 'Microsoft Graph did not answer in time.',
  'write-unconfirmed':
    'Intune did not confirm the write; whether it landed is known only after its lifetime.',
  'assignment-missing': 'After writing, the requested assignment was not in Intune.',
  'lock-lost': "Another instance may hold the item's write lock; nothing was written.",
  'lock-unavailable':
    'The write lock could not be taken (another instance kept it too long, or Azure Storage did not grant it); nothing was written.',
  'intune-approval-ended': 'Intune Multi Admin Approval rejected, cancelled or expired the change.',
  'intune-approval-timeout': 'Intune Multi Admin Approval did not decide in time.',
  'storage-in-use':
    'Another bot process uses this SQLite file; SQLite serves one instance (STORAGE=azure serves several).',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

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
