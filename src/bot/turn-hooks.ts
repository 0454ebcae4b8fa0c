import type { TurnContext } from 'botbuilder';
import { noticeCard } from '../cards';
import type { Logger } from '../logger';
import type { Authorizer } from '../services/authorizer';
import type { ApprovalsChannelSetting } from './approvals-channel';
import { cardMessage } from './conversations';
import type { Sender } from './identity';
import type { KnownUsers } from './known-users';
import type { Answer } from './replies';

/** Refresh at most this many users per card (Teams' limit for user-specific views). */
const REFRESH_LIMIT = 60;

/** What every turn does around the use cases: remembering people, delivering answers. */
export class TurnHooks {
  constructor(
    private readonly users: KnownUsers,
    private readonly channel: ApprovalsChannelSetting,
    private readonly authorizer: Authorizer,
    private readonly logger: Logger,
  ) {}

  async sawSender(sender: Sender): Promise<void> {
    await this.users.remember(sender);
    if (sender.channelId === 'msteams') await this.channel.sawServiceUrl(sender.serviceUrl);
  }

  /** Teams ids of the known approvers, for `refresh.userIds` (at most 60). */
  async refreshUserIds(): Promise<string[]> {
    const users = await this.users.all();
    const flags = await Promise.all(users.map((u) => this.authorizer.isApprover(u.id)));
    return users
      .filter((_, i) => flags[i])
      .map((u) => u.channelUserId)
      .slice(0, REFRESH_LIMIT);
  }

  /**
   * Shows an answer to an `Action.Submit` (channels without Universal Actions): the card replaces
   * the clicked one where the channel can update messages, else it is sent anew; a refusal is
   * sent as a notice.
   */
  async deliver(context: TurnContext, answer: Answer): Promise<void> {
    if ('refusal' in answer) {
      await context.sendActivity(cardMessage(noticeCard(answer.refusal.message, 'error')));
      return;
    }
    const replyToId = context.activity.replyToId;
    if (replyToId) {
      try {
        await context.updateActivity({ ...cardMessage(answer.card), id: replyToId });
        return;
      } catch (error) {
        this.logger.debug({ err: error }, 'the channel cannot update the card; sending it anew');
      }
    }
    await context.sendActivity(cardMessage(answer.card));
  }
}
