import { sameTenant } from '../domain/approval-policy';
import type { Person } from '../domain/request';
import { Refusal } from './result';

/** Who acts, from the authenticated activity: never from a card's data. */
export interface Actor {
  /** Entra object id. */
  id: string;
  name: string;
  tenantId: string;
}

/** The actor as a request records people. */
export function personOf(actor: Actor): Person {
  return { id: actor.id, name: actor.name };
}

/** Refuses an actor from another tenant than the configured one (when one is configured). */
export function assertTenant(actor: Actor, allowedTenantId: string | undefined): void {
  if (!sameTenant(actor.tenantId, allowedTenantId)) {
    throw new Refusal('foreign-tenant', 'This bot serves another organisation.');
  }
}
