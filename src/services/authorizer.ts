import { approverUserIds, type Config } from '../config';
import type { DirectoryPort } from './ports/directory';

export interface AuthorizerOptions {
  directory: Pick<DirectoryPort, 'isMemberOfAny'>;
  /** Transitive members of any of these groups are approvers. */
  approverGroupIds: string[];
  /** These users are approvers whatever their groups (Entra object ids, any case). */
  approverUserIds: string[];
  /** When set, only its transitive members may make requests; otherwise everyone may. */
  requesterGroupId?: string;
}

/**
 * Answers "is this user an approver / may this user make requests" from the directory (transitive
 * membership, cached by the directory port) and the configured lists. It reads only identities the
 * server authenticated; the caller passes the Entra object id from the activity.
 */
export class Authorizer {
  private readonly approverIds: ReadonlySet<string>;

  constructor(private readonly options: AuthorizerOptions) {
    this.approverIds = new Set(options.approverUserIds.map((id) => id.trim().toLowerCase()));
  }

  /** Builds the authorizer from `APPROVER_GROUP_ID`, `APPROVER_USER_IDS` and `REQUESTER_GROUP_ID`. */
  static fromConfig(
    directory: Pick<DirectoryPort, 'isMemberOfAny'>,
    config: Pick<Config, 'APPROVER_GROUP_ID' | 'APPROVER_USER_IDS' | 'REQUESTER_GROUP_ID'>,
  ): Authorizer {
    return new Authorizer({
      directory,
      approverGroupIds: config.APPROVER_GROUP_ID ? [config.APPROVER_GROUP_ID] : [],
      approverUserIds: approverUserIds(config),
      requesterGroupId: config.REQUESTER_GROUP_ID,
    });
  }

  /** True for a listed approver id or a transitive member of an approvers group. */
  async isApprover(userId: string): Promise<boolean> {
    if (this.approverIds.has(userId.trim().toLowerCase())) return true;
    const groups = this.options.approverGroupIds;
    return groups.length > 0 && this.options.directory.isMemberOfAny(userId, groups);
  }

  /** True for everyone, or for transitive members of the requesters group when one is set. */
  async isAllowedRequester(userId: string): Promise<boolean> {
    const group = this.options.requesterGroupId;
    if (group === undefined || group.trim() === '') return true;
    return this.options.directory.isMemberOfAny(userId, [group]);
  }
}
