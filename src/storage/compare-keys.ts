/**
 * The forms in which listings compare people and tenants, as the domain's `sameId` and
 * `sameTenant` compare them: Entra ids without regard to case, a tenant also trimmed (`''` for
 * none). Both backends store these keys, so a listing compares plain strings.
 */
export const idKey = (id: string): string => id.toLowerCase();

export const tenantKey = (tenantId: string | undefined): string =>
  (tenantId ?? '').trim().toLowerCase();
