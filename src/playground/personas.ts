import { WELL_KNOWN } from '../simulator/seed';
import type { TenantData } from '../simulator/tenant-data';

/** The people a newcomer can play, keyed by a short name used in URLs and the page. */
export type PersonaKey = 'megan' | 'patti' | 'nestor' | 'joni';

/** A seeded user as the playground's Teams client plays them. */
export interface Persona {
  key: PersonaKey;
  /** Entra object id (the bot authorizes on this). */
  aadObjectId: string;
  name: string;
  jobTitle: string;
  /** What the persona shows in the product, e.g. "Requester". */
  role: string;
  /** Teams user id (`29:...`), as in `refresh.userIds`. */
  mri: string;
  /** Their 1:1 chat with the bot. */
  conversationId: string;
}

const CAST: { key: PersonaKey; id: string; role: string }[] = [
  { key: 'megan', id: WELL_KNOWN.users.requester, role: 'Requester' },
  { key: 'patti', id: WELL_KNOWN.users.approver1, role: 'Approver' },
  { key: 'nestor', id: WELL_KNOWN.users.approver2, role: 'Approver' },
  { key: 'joni', id: WELL_KNOWN.users.outsider, role: 'Not an approver' },
];

/** The four personas, with names and titles read from the seeded tenant. */
export function personasFrom(tenant: TenantData): Persona[] {
  return CAST.map(({ key, id, role }) => {
    const user = tenant.users.find((u) => u.id === id);
    return {
      key,
      aadObjectId: id,
      name: String(user?.displayName ?? key),
      jobTitle: String(user?.jobTitle ?? ''),
      role,
      mri: `29:playground-${key}`,
      conversationId: `a:playground-personal-${key}`,
    };
  });
}

/** Looks a persona up by key; undefined for anything else. */
export function findPersona(personas: readonly Persona[], key: unknown): Persona | undefined {
  return personas.find((p) => p.key === key);
}
