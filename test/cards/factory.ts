import type { DiffLine } from '../../src/domain/assignment';
import {
  REQUEST_STATUSES,
  WIZARD_STEPS,
  type AssignmentRequest,
  type RequestStatus,
  type WizardStep,
} from '../../src/domain/request';

export const REQUESTER = { id: 'user-requester', name: 'Megan Bowen' };
export const APPROVER = { id: 'user-approver', name: 'Patti Fernandez' };

export const DIFF: DiffLine[] = [
  { kind: 'add', text: '+ Sales (required)' },
  { kind: 'change', text: '~ Marketing: available -> required' },
  { kind: 'unchanged', text: '= Exclude Contractors is already assigned' },
];

/** A pending request for Zoom to Sales, required, with a filter, a justification and a diff. */
export function makeRequest(overrides: Partial<AssignmentRequest> = {}): AssignmentRequest {
  return {
    id: 'req-0f3a',
    number: 1042,
    revision: 3,
    status: 'pending',
    tenantId: 'tenant-1',
    requester: REQUESTER,
    item: {
      kind: 'app',
      id: 'app-zoom',
      name: 'Zoom Workplace',
      type: 'win32LobApp',
      platform: 'Windows',
      publisher: 'Zoom Video Communications',
    },
    target: { kind: 'group', groupId: 'grp-sales', exclude: false },
    targetName: 'Sales',
    intent: 'required',
    filter: { id: 'flt-corp', mode: 'include', name: 'Corporate devices' },
    justification: 'Sales moves to Zoom on 1 March.',
    diff: DIFF,
    createdAt: '2025-02-20T09:00:00.000Z',
    updatedAt: '2025-02-20T09:05:00.000Z',
    submittedAt: '2025-02-20T09:05:00.000Z',
    expiresAt: '2025-02-23T09:05:00.000Z',
    attempts: 0,
    ...overrides,
  };
}

const decided = { decidedBy: APPROVER, decidedAt: '2025-02-20T10:00:00.000Z' };

/** The details a request carries in each state. */
const BY_STATUS: Record<RequestStatus, Partial<AssignmentRequest>> = {
  draft: { number: undefined, submittedAt: undefined, expiresAt: undefined },
  pending: {},
  approved: decided,
  assigning: { ...decided, attempts: 1, assignmentBy: APPROVER },
  'awaiting-intune-approval': {
    ...decided,
    attempts: 1,
    outcome: { approvalCode: 'maa-7781', clientRequestId: 'c-1' },
  },
  assigned: { ...decided, attempts: 1, outcome: { graphRequestId: 'graph-req-42' } },
  rejected: { ...decided, rejectReason: 'Use Teams instead.' },
  cancelled: { cancelledBy: REQUESTER },
  expired: {},
  failed: {
    ...decided,
    attempts: 1,
    outcome: {
      graphRequestId: 'graph-req-43',
      error: { code: 'graph-error', message: 'Resource not found' },
    },
  },
};

export function requestIn(
  status: RequestStatus,
  overrides: Partial<AssignmentRequest> = {},
): AssignmentRequest {
  return makeRequest({ status, ...BY_STATUS[status], ...overrides });
}

export const ALL_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES;

/** What a draft holds when it reaches each step: everything chosen at the steps before. */
export function draftAt(
  step: WizardStep,
  overrides: Partial<AssignmentRequest> = {},
): AssignmentRequest {
  const full = makeRequest({ status: 'draft', number: undefined, submittedAt: undefined });
  const index = WIZARD_STEPS.indexOf(step);
  const past = (earlier: WizardStep) => index > WIZARD_STEPS.indexOf(earlier);
  return {
    ...full,
    expiresAt: undefined,
    item: past('item') ? full.item : undefined,
    target: past('target') ? full.target : undefined,
    targetName: past('target') ? full.targetName : undefined,
    intent: past('intent') ? full.intent : undefined,
    filter: past('intent') ? full.filter : undefined,
    justification: past('justification') ? full.justification : undefined,
    diff: past('justification') ? full.diff : undefined,
    draft: { step, kind: past('kind') ? 'app' : undefined },
    ...overrides,
  };
}

export const ALL_STEPS: readonly WizardStep[] = WIZARD_STEPS;
