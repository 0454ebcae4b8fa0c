import { runBurst } from '../burst-run';

/**
 * 1,000 approvals across 10 apps (100 each, distinct groups; nine apps have assignments to
 * keep), half on each of two bot instances sharing Azure Storage on Azurite, against the
 * simulated tenant with Intune's limits on: the time to the last `assigned` and the floor the
 * limits allow, the most writes in any 20 s, the 429s the tenant answered, and the losses per
 * app. Sets a non-zero exit code on any loss or any 429. Takes about four minutes.
 */
export async function run(): Promise<void> {
  await runBurst(100);
}
