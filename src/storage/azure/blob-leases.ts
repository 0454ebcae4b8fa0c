import type { HeldLock } from '../../services/ports/item-lock';
import type { Leases } from '../../services/ports/leases';
import { LeaseBlobs, runHolding, type BlobLeaseOptions } from './blob-lease';

/**
 * `Leases` shared by every instance on one Azure Storage account: an Azure Blob lease per name
 * (`sweep`, `request:<uuid>`), so that background work runs on exactly one instance at a time.
 * `tryRun` never waits: when another instance holds the lease it answers false at once. The
 * lease is renewed while the work runs and released after it; a holder that dies stops renewing,
 * so its lease expires after its duration and another instance's next `tryRun` takes the work.
 */
export class BlobLeases implements Leases {
  private readonly blobs: LeaseBlobs;

  constructor(options: BlobLeaseOptions) {
    this.blobs = new LeaseBlobs(options, 'leases');
  }

  async tryRun(name: string, work: (held: HeldLock) => Promise<void>): Promise<boolean> {
    const lease = await this.blobs.tryTake(name);
    if (!lease) {
      const { logger, holder } = this.blobs.timing;
      logger.debug?.(
        { holder, lease: name },
        'lease held by another instance; its work is skipped',
      );
      return false;
    }
    await runHolding(lease, work);
    return true;
  }
}
