/**
 * Intune's limit on app writes: 100 per 20 s for one calling application in a tenant (200 for
 * the tenant). Every attempt of an assign takes a place first, waiting for one if need be; with
 * several instances the places are shared, so together they stay under the limit.
 */
export interface WriteRate {
  /**
   * Resolves once this attempt may leave; false when `signal` (shutdown) stopped the wait. When
   * it must wait, `onWait` is told first, once, how long the wait should be in milliseconds (an
   * estimate: with several waiting, another may take the place that frees first).
   */
  acquire(signal?: AbortSignal, onWait?: (waitMs: number) => void): Promise<boolean>;
}
