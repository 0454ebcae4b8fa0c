import type { GraphObject } from '../tenant-data';
import { GROUP_TEMPLATES, SPECIAL_GROUPS, type GroupKind } from './group-templates';
import { Combinations, type Rng } from './random';
import { WELL_KNOWN } from './well-known';

/** A seeded group and how the membership step should fill it. */
export interface SeededGroup {
  object: GraphObject;
  kind: GroupKind;
  /** Department whose users belong here; undefined means anyone. */
  department?: string;
  /** Device-only dynamic group: no user members. */
  devices: boolean;
}

const G = WELL_KNOWN.groups;

const LANDMARKS: [string, string, string][] = [
  [G.sales, 'Sales', 'Everyone in the Sales organisation.'],
  [G.marketing, 'Marketing', 'Everyone in the Marketing organisation.'],
  [G.engineering, 'Engineering', 'Everyone in the Engineering organisation.'],
  [G.pilotUsers, 'Intune Pilot Users', 'Early adopters who receive Intune changes first.'],
  [G.approvers, 'Intune App Approvers', 'May approve Intune app assignment requests.'],
  [G.approversNested, 'Service Desk Leads', 'Service desk team leads (nested in the approvers).'],
  [G.approversNestedDeep, 'Service Desk Leads - EMEA', 'EMEA service desk leads.'],
  [G.requesters, 'Intune App Requesters', 'May request Intune app assignments in Teams.'],
];

function groupObject(options: {
  id: string;
  displayName: string;
  description: string;
  kind: GroupKind;
  rule?: string;
  rng: Rng;
}): GraphObject {
  const { id, displayName, description, kind, rule, rng } = options;
  const dashed = displayName.replace(/[^A-Za-z0-9]+/g, '-');
  const nickname = dashed.endsWith('-') ? dashed.slice(0, -1) : dashed;
  const unified = kind === 'unified';
  return {
    id,
    displayName,
    description,
    groupTypes: unified ? ['Unified'] : kind === 'dynamic' ? ['DynamicMembership'] : [],
    securityEnabled: !unified,
    mailEnabled: unified,
    mailNickname: nickname,
    mail: unified ? `${nickname}@contoso.onmicrosoft.com` : null,
    membershipRule: rule ?? null,
    membershipRuleProcessingState: rule ? 'On' : null,
    visibility: unified ? 'Private' : null,
    createdDateTime: rng.date('2024-01-01T00:00:00Z', '2026-03-31T23:59:59Z'),
  };
}

/**
 * `count` groups in all (at least the landmark ones): the landmarks, the usual tenant-wide
 * groups, then names drawn from the templates by weight. Names are unique by construction (each
 * family is walked without repeats and the families' formats cannot overlap), so no lookup is
 * needed; the seed test checks it at the benchmark scale.
 */
export function createGroups(count: number, rng: Rng): SeededGroup[] {
  const groups: SeededGroup[] = LANDMARKS.map(([id, displayName, description]) => ({
    object: groupObject({ id, displayName, description, kind: 'security', rng }),
    kind: 'security',
    department: ['Sales', 'Marketing', 'Engineering'].includes(displayName)
      ? displayName
      : undefined,
    devices: false,
  }));
  for (const special of SPECIAL_GROUPS) {
    if (groups.length >= count) break;
    const { name, kind, rule } = special;
    const description = rule ? `Dynamic membership: ${rule}` : `${name} (managed by Contoso IT).`;
    groups.push({
      object: groupObject({ id: rng.guid(), displayName: name, description, kind, rule, rng }),
      kind,
      devices: special.devices ?? false,
    });
  }
  const families = GROUP_TEMPLATES.map((t) => new Combinations(t.dims, rng));
  const weights = GROUP_TEMPLATES.map((t) => t.weight);
  while (groups.length < count) {
    const start = rng.weighted(weights);
    let index = start;
    while (families[index]?.exhausted) {
      index = (index + 1) % families.length;
      if (index === start) throw new RangeError(`Cannot name more than ${groups.length} groups`);
    }
    const template = GROUP_TEMPLATES[index];
    const parts = families[index]?.next();
    if (!template || !parts) continue;
    const displayName = template.name(parts);
    groups.push({
      object: groupObject({
        id: rng.guid(),
        displayName,
        description: template.description(parts),
        kind: template.kind,
        rule: template.rule?.(parts),
        rng,
      }),
      kind: template.kind,
      department: template.department === undefined ? undefined : parts[template.department],
      devices: template.devices ?? false,
    });
  }
  return groups;
}
