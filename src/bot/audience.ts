import type { Caps } from '../cards';
import { isRequester, mayDecide } from '../domain/approval-policy';
import type { AssignmentRequest } from '../domain/request';
import type { Authorizer } from '../services/authorizer';
import type { KnownUser, KnownUsers } from './known-users';

/** Universal Actions in Teams, `Action.Submit` everywhere else (Web Chat, the Emulator). */
export function capsFor(channelId: string): Caps {
  return channelId === 'msteams'
    ? { style: 'execute', typeahead: true }
    : { style: 'submit', typeahead: false };
}

/**
 * The known users who may decide this request by the domain's rule (`mayDecide`): approvers
 * (checked through the directory, cached) other than the requester. Only people who have talked to the bot can be messaged or refreshed.
 */
export async function eligibleApprovers(
  request: AssignmentRequest,
  users: KnownUsers,
  authorizer: Authorizer,
): Promise<KnownUser[]> {
  const candidates = (await users.all()).filter((u) => !isRequester(request, u));
  const flags = await Promise.all(candidates.map((u) => authorizer.isApprover(u.id)));
  return candidates.filter(
    (actor, i) => mayDecide({ request, actor, isApprover: flags[i] === true }).ok,
  );
}
