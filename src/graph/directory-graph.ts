import type { Logger } from '../logger';
import type { DirectoryPort, GroupSummary, UserSummary } from '../services/ports/directory';
import { GraphError } from './graph-error';
import { isGraphId } from './graph-ids';
import type { GraphHttp } from './graph-http';

export interface DirectoryGraphOptions {
  http: GraphHttp;
  logger: Logger;
  /** How long a membership answer is reused. */
  membershipCacheMs: number;
  now?: () => number;
}

const GROUP_SELECT = 'id,displayName,description,groupTypes,securityEnabled,mailEnabled';
/** Graph's limit of group ids in one checkMemberGroups call. */
const CHECK_BATCH = 20;

function groupKind(raw: Record<string, unknown>): string {
  const types = Array.isArray(raw.groupTypes) ? raw.groupTypes : [];
  if (types.includes('DynamicMembership')) return 'dynamic';
  if (types.includes('Unified')) return 'microsoft365';
  return raw.securityEnabled === false ? 'distribution' : 'security';
}

function toGroup(raw: Record<string, unknown>): GroupSummary {
  return {
    id: String(raw.id),
    name: String(raw.displayName ?? raw.id),
    description: typeof raw.description === 'string' ? raw.description : undefined,
    kind: groupKind(raw),
  };
}

/** OData string literal: single quotes doubled. */
const literal = (text: string) => text.replace(/'/g, "''");

async function orMissing<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof GraphError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The directory port over Graph v1.0: group search (`$search` with `ConsistencyLevel: eventual`,
 * `startswith` for one- or two-letter queries that `$search` tokenises poorly), group and user
 * reads, and transitive membership through `checkMemberGroups`, cached for a few minutes.
 */
/**
 * A user principal name (`user@domain`), which Graph accepts in place of the object id in
 * `/users/{id}`: nothing that could change the path or the query.
 */
const SIGN_IN_NAME = /^[A-Za-z0-9._%+'-]{1,113}@[A-Za-z0-9.-]{1,140}\.[A-Za-z]{2,63}$/;

export class DirectoryGraph implements DirectoryPort {
  private readonly cache = new Map<string, { at: number; value: boolean }>();

  constructor(private readonly options: DirectoryGraphOptions) {}

  async searchGroups(query: string, limit = 25): Promise<GroupSummary[]> {
    const text = query.trim().replace(/["\\]/g, '');
    const top = Math.min(Math.max(limit, 1), 999);
    const path =
      text === ''
        ? `/groups?$select=${GROUP_SELECT}&$top=${top}`
        : `/groups?$search=${encodeURIComponent(`"displayName:${text}"`)}&$select=${GROUP_SELECT}&$top=${top}`;
    const headers = text === '' ? undefined : { ConsistencyLevel: 'eventual' };
    const response = await this.options.http.send<{ value: Record<string, unknown>[] }>({
      method: 'GET',
      version: 'v1.0',
      path,
      headers,
    });
    return response.body.value.slice(0, limit).map(toGroup);
  }

  /** Groups whose name starts with the text, for callers that need a prefix match. */
  async groupsStartingWith(prefix: string, limit = 25): Promise<GroupSummary[]> {
    const filter = encodeURIComponent(`startswith(displayName,'${literal(prefix)}')`);
    const path = `/groups?$filter=${filter}&$select=${GROUP_SELECT}&$top=${Math.min(limit, 999)}`;
    const response = await this.options.http.send<{ value: Record<string, unknown>[] }>({
      method: 'GET',
      version: 'v1.0',
      path,
    });
    return response.body.value.map(toGroup);
  }

  /** A group by id; undefined when it does not exist (an id that is not a GUID never does). */
  async getGroup(id: string): Promise<GroupSummary | undefined> {
    if (!isGraphId(id)) return undefined;
    const path = `/groups/${encodeURIComponent(id)}?$select=${GROUP_SELECT}`;
    const raw = await orMissing(
      this.options.http.send<Record<string, unknown>>({ method: 'GET', version: 'v1.0', path }),
    );
    return raw && toGroup(raw.body);
  }

  async getUser(id: string): Promise<UserSummary | undefined> {
    if (!isGraphId(id) && !SIGN_IN_NAME.test(id)) return undefined;
    const path = `/users/${encodeURIComponent(id)}?$select=id,displayName,userPrincipalName`;
    const raw = await orMissing(
      this.options.http.send<Record<string, unknown>>({ method: 'GET', version: 'v1.0', path }),
    );
    if (!raw) return undefined;
    const body = raw.body;
    return {
      id: String(body.id),
      name: String(body.displayName ?? body.id),
      userPrincipalName: String(body.userPrincipalName ?? ''),
    };
  }

  async isMemberOfAny(userId: string, groupIds: string[]): Promise<boolean> {
    if (groupIds.length === 0 || !isGraphId(userId)) return false;
    const key = `${userId}|${[...groupIds].sort().join(',')}`;
    const now = (this.options.now ?? Date.now)();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.options.membershipCacheMs) return hit.value;
    const value = await this.checkMemberGroups(userId, groupIds);
    this.cache.set(key, { at: now, value });
    return value;
  }

  /** Forgets cached membership answers, e.g. after a configuration change. */
  clearMembershipCache(): void {
    this.cache.clear();
  }

  private async checkMemberGroups(userId: string, groupIds: string[]): Promise<boolean> {
    for (let i = 0; i < groupIds.length; i += CHECK_BATCH) {
      const batch = groupIds.slice(i, i + CHECK_BATCH);
      const path = `/users/${encodeURIComponent(userId)}/checkMemberGroups`;
      const call = this.options.http.send<{ value: string[] }>({
        method: 'POST',
        version: 'v1.0',
        path,
        body: { groupIds: batch },
      });
      const response = await orMissing(call);
      if (response && response.body.value.length > 0) return true;
    }
    return false;
  }
}
