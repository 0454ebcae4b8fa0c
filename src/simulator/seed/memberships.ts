import type { SeededGroup } from './groups';
import type { SeededUsers } from './users';
import type { Rng } from './random';
import { WELL_KNOWN } from './well-known';

const G = WELL_KNOWN.groups;
const U = WELL_KNOWN.users;

/** Up to `count` distinct ids drawn from `pool` (a linear scan for the usual handful). */
function sample(pool: readonly string[], count: number, rng: Rng): string[] {
  const wanted = Math.min(count, pool.length);
  if (wanted > 32) {
    const set = new Set<string>();
    while (set.size < wanted) set.add(rng.pick(pool));
    return [...set];
  }
  const picked: string[] = [];
  while (picked.length < wanted) {
    const id = rng.pick(pool);
    if (!picked.includes(id)) picked.push(id);
  }
  return picked;
}

/**
 * Direct members of every group. The approver chain is fixed (approvers > Service Desk Leads >
 * Service Desk Leads - EMEA > nestedApprover) and holds no generated user; the outsider belongs
 * nowhere; generated groups get users of their department and, now and then, later groups as
 * members (a later index only, so nesting never cycles).
 */
export function createMemberships(
  groups: readonly SeededGroup[],
  people: SeededUsers,
  rng: Rng,
): Map<string, string[]> {
  const { byDepartment, generatedIds } = people;
  const dept = (name: string): string[] => byDepartment.get(name) ?? [];
  const members = new Map<string, string[]>([
    [G.sales, sample(dept('Sales'), 25, rng)],
    [G.marketing, [U.requester, ...sample(dept('Marketing'), 25, rng)]],
    [G.engineering, sample(dept('Engineering'), 25, rng)],
    [G.pilotUsers, [U.approver1, ...sample(generatedIds, 40, rng)]],
    [G.approvers, [U.approver1, U.approver2, G.approversNested]],
    [G.approversNested, [G.approversNestedDeep]],
    [G.approversNestedDeep, [U.nestedApprover]],
    [
      G.requesters,
      [U.requester, ...sample(generatedIds, Math.ceil(generatedIds.length / 10), rng)],
    ],
  ]);
  const firstGenerated = groups.findIndex((g) => !members.has(g.object.id));
  for (let i = Math.max(firstGenerated, 0); i < groups.length; i++) {
    const group = groups[i];
    if (!group || members.has(group.object.id)) continue;
    const own = group.department ? dept(group.department) : generatedIds;
    const size = group.devices ? 0 : rng.int(0, group.kind === 'unified' ? 12 : 8);
    const ids = sample(own.length > 0 ? own : generatedIds, size, rng);
    if (i < groups.length - 1 && rng.chance(0.03)) {
      const children = rng.int(1, 3);
      for (let c = 0; c < children; c++) {
        const child = groups[rng.int(i + 1, groups.length - 1)];
        if (child && !ids.includes(child.object.id)) ids.push(child.object.id);
      }
    }
    members.set(group.object.id, ids);
  }
  return members;
}
