import type { RequestStore } from '../services/ports/request-store';

/** The channel where each request becomes a thread. */
export interface ApprovalsChannel {
  channelId: string;
  serviceUrl: string;
  tenantId?: string;
  teamId?: string;
  name?: string;
}

const CHANNEL_KEY = 'approvals-channel';
const SERVICE_URL_KEY = 'service-url';

/**
 * Where approval threads go: set in Teams with `set approvals channel` (persisted), or by
 * `APPROVALS_CHANNEL_ID` with the service URL the bot last saw (Teams' regional endpoint).
 */
export class ApprovalsChannelSetting {
  private lastServiceUrl?: string;

  constructor(
    private readonly store: RequestStore,
    private readonly configuredChannelId?: string,
  ) {}

  async get(): Promise<ApprovalsChannel | undefined> {
    const stored = (await this.store.getSetting(CHANNEL_KEY)) as ApprovalsChannel | undefined;
    if (stored) return stored;
    if (!this.configuredChannelId) return undefined;
    const serviceUrl =
      this.lastServiceUrl ?? ((await this.store.getSetting(SERVICE_URL_KEY)) as string | undefined);
    return serviceUrl ? { channelId: this.configuredChannelId, serviceUrl } : undefined;
  }

  set(channel: ApprovalsChannel): Promise<void> {
    return this.store.putSetting(CHANNEL_KEY, channel);
  }

  /** Remembers Teams' service URL (written only when it changes). */
  async sawServiceUrl(serviceUrl: string): Promise<void> {
    if (this.lastServiceUrl === serviceUrl) return;
    this.lastServiceUrl = serviceUrl;
    await this.store.putSetting(SERVICE_URL_KEY, serviceUrl);
  }
}
