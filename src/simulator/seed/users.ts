import type { GraphObject } from '../tenant-data';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, MIDDLE_INITIALS, TITLES } from './names';
import { Combinations, type Rng } from './random';
import { WELL_KNOWN } from './well-known';

const DOMAIN = 'contoso.onmicrosoft.com';

/** The seeded users plus who works where, for filling department groups. */
export interface SeededUsers {
  users: GraphObject[];
  /** Department -> ids of generated users (landmark users are placed by hand). */
  byDepartment: Map<string, string[]>;
  generatedIds: string[];
}

function user(id: string, parts: string[], jobTitle: string, department: string): GraphObject {
  const givenName = parts[0] ?? '';
  const surname = parts[parts.length - 1] ?? '';
  const local = parts.map((p) => p.toLowerCase().replace(/[^a-z]/g, '')).join('.');
  const displayName = parts.length === 3 ? `${givenName} ${parts[1]}. ${surname}` : parts.join(' ');
  const upn = `${local}@${DOMAIN}`;
  return {
    id,
    displayName,
    givenName,
    surname,
    userPrincipalName: upn,
    mail: upn,
    jobTitle,
    department,
  };
}

const U = WELL_KNOWN.users;

/** The landmark users, named after Microsoft's demo tenant people. */
function wellKnownUsers(): GraphObject[] {
  return [
    user(U.requester, ['Megan', 'Bowen'], 'Marketing Manager', 'Marketing'),
    user(U.approver1, ['Patti', 'Fernandez'], 'IT Director', 'IT'),
    user(U.approver2, ['Nestor', 'Wilke'], 'Intune Administrator', 'IT'),
    user(U.nestedApprover, ['Isaiah', 'Langer'], 'Service Desk Lead', 'IT'),
    user(U.outsider, ['Joni', 'Sherman'], 'Paralegal', 'Legal'),
  ];
}

/**
 * `count` users in all (at least the landmark ones): every first-last name pair once, then with
 * middle initials, so display names and UPNs stay unique at any scale.
 */
export function createUsers(count: number, rng: Rng): SeededUsers {
  const users = wellKnownUsers();
  const byDepartment = new Map<string, string[]>(DEPARTMENTS.map((d) => [d, []]));
  const generatedIds: string[] = [];
  const pairs = new Combinations([FIRST_NAMES, LAST_NAMES], rng);
  const triples = new Combinations([FIRST_NAMES, MIDDLE_INITIALS, LAST_NAMES], rng);
  while (users.length < count) {
    const parts = pairs.exhausted ? triples.next() : pairs.next();
    const department = rng.pick(DEPARTMENTS);
    const title = `${department} ${rng.pick(TITLES)}`;
    const id = rng.guid();
    users.push(user(id, parts, title, department));
    byDepartment.get(department)?.push(id);
    generatedIds.push(id);
  }
  return { users, byDepartment, generatedIds };
}
