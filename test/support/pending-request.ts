import { randomUUID } from 'node:crypto';
import type { RequestedAssignment } from '../../src/domain/assignment';
import type { AssignmentRequest } from '../../src/domain/request';
import { planAssignment } from '../../src/services/assignment-plan';
import type { IntunePort } from '../../src/services/ports/intune';
import type { RequestStore } from '../../src/services/ports/request-store';
import { WELL_KNOWN } from '../../src/simulator/seed';

export interface PendingSpec {
  tenantId: string;
  groupId: string;
  groupName: string;
  /** The Win32 app of the simulated tenant that has no assignments, by default. */
  appId?: string;
}

/**
 * A submitted request, stored as the wizard would leave it: the requester's, pending, with the
 * diff reviewed against Intune's assignments as they are now (so the approval writes it).
 */
export async function storePendingRequest(
  store: Pick<RequestStore, 'create' | 'nextNumber'>,
  intune: IntunePort,
  spec: PendingSpec,
): Promise<AssignmentRequest> {
  const appId = spec.appId ?? WELL_KNOWN.apps.win32Unassigned;
  const requested: RequestedAssignment = {
    target: { kind: 'group', groupId: spec.groupId, exclude: false },
    targetName: spec.groupName,
    intent: 'required',
  };
  const plan = await planAssignment(intune, { kind: 'app', id: appId }, requested);
  const now = new Date().toISOString();
  const request: AssignmentRequest = {
    id: randomUUID(),
    number: await store.nextNumber(),
    revision: 1,
    status: 'pending',
    tenantId: spec.tenantId,
    requester: { id: WELL_KNOWN.users.requester, name: 'Megan Bowen' },
    item: { kind: 'app', id: appId, name: 'Notepad++', type: 'win32LobApp', platform: 'Windows' },
    ...requested,
    justification: `${spec.groupName} needs it`,
    diff: plan.outcome.kind === 'refused' ? [] : plan.outcome.diff,
    createdAt: now,
    updatedAt: now,
    submittedAt: now,
    expiresAt: new Date(Date.now() + 72 * 3600_000).toISOString(),
    attempts: 0,
  };
  await store.create(request);
  return request;
}
