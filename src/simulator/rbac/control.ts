import { badRequest, GraphError } from '../errors';
import { isRecord, noContent, ok, type SimResponse } from '../http-types';
import { findBy } from '../indexes';
import { DEFAULT_SCOPE_TAG_OBJECT } from '../seed/rbac';
import type { SimulatorState } from '../state';
import { findRole, type IntuneRoleAssignment } from './roles';

/**
 * The simulator's control surface for Intune's role-based access control
 * (`/_sim/intune/role-assignments`): give a user one role over some scope tags, or take their
 * roles away. The changes live in the tenant, so `reset()` restores the seeded assignments.
 */

export interface IntuneRoleChange {
  /** A built-in role by key (`applicationManager`), display name (`Application Manager`) or id. */
  role: string;
  /** Scope tag ids the role applies to (default `['0']`, Default). */
  scopeTagIds?: string[];
}

export interface RbacControl {
  /** The users' Intune role assignments. */
  roleAssignments(): IntuneRoleAssignment[];
  /** Replaces the user's role assignments with this one. */
  setRoleAssignment(userId: string, change: IntuneRoleChange): IntuneRoleAssignment;
  /** Removes every role assignment of the user. */
  removeRoleAssignments(userId: string): void;
}

export function createRbacControl(state: SimulatorState): RbacControl {
  const assignments = () => (state.tenant.intuneRoleAssignments ??= []);
  return {
    roleAssignments: () => structuredClone(assignments()),
    setRoleAssignment: (userId, change) => {
      const user = findBy(state.tenant.users, userId);
      if (!user)
        throw new GraphError(404, 'NotFound', `No user '${userId}' in the simulated tenant.`);
      const role = findRole(String(change.role));
      if (!role) throw badRequest(`Unknown Intune role '${String(change.role)}'.`);
      const tags = state.tenant.roleScopeTags ?? [DEFAULT_SCOPE_TAG_OBJECT];
      const scopeTagIds = change.scopeTagIds ?? [DEFAULT_SCOPE_TAG_OBJECT.id];
      for (const tag of scopeTagIds) {
        if (!tags.some((t) => t.id === tag)) throw badRequest(`Unknown scope tag '${tag}'.`);
      }
      const assignment = {
        userId: user.id,
        roleDefinitionId: role.id,
        scopeTagIds: [...scopeTagIds],
      };
      state.tenant.intuneRoleAssignments = [
        ...assignments().filter((a) => a.userId !== user.id),
        assignment,
      ];
      return structuredClone(assignment);
    },
    removeRoleAssignments: (userId) => {
      state.tenant.intuneRoleAssignments = assignments().filter(
        (a) => a.userId.toLowerCase() !== userId.toLowerCase(),
      );
    },
  };
}

function parseChange(body: unknown): IntuneRoleChange {
  if (!isRecord(body) || typeof body.role !== 'string') {
    throw badRequest("The body must be a JSON object with 'role' (and optionally 'scopeTagIds').");
  }
  const tags = body.scopeTagIds;
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
    throw badRequest("'scopeTagIds' must be a list of scope tag ids.");
  }
  return { role: body.role, scopeTagIds: tags };
}

/** `/_sim/intune/...`; `segments` follow `intune`, `body` is the parsed JSON body. */
export function handleRbacControl(
  method: string,
  segments: string[],
  body: unknown,
  state: SimulatorState,
): SimResponse | undefined {
  const control = createRbacControl(state);
  const [resource, userId, ...rest] = segments;
  if (resource !== 'role-assignments' || rest.length > 0) return undefined;
  if (userId === undefined) {
    return method === 'GET' ? ok({ value: control.roleAssignments() }) : undefined;
  }
  if (method === 'PUT') return ok(control.setRoleAssignment(userId, parseChange(body)));
  if (method === 'DELETE') {
    control.removeRoleAssignments(userId);
    return noContent();
  }
  return undefined;
}
