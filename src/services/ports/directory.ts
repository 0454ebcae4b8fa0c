/** A directory group as shown in search results and cards. */
export interface GroupSummary {
  id: string;
  name: string;
  description?: string;
  /** `security`, `microsoft365`, `dynamic` etc.: a short label for cards. */
  kind: string;
}

export interface UserSummary {
  id: string;
  name: string;
  userPrincipalName: string;
}

/** The Entra ID side of the bot. */
export interface DirectoryPort {
  searchGroups(query: string, limit?: number): Promise<GroupSummary[]>;
  getGroup(id: string): Promise<GroupSummary | undefined>;
  /** A user by object id, or by sign-in name (UPN); undefined when Entra ID has none. */
  getUser(id: string): Promise<UserSummary | undefined>;
  /** True when the user is a transitive member of any of the groups (cached for a few minutes). */
  isMemberOfAny(userId: string, groupIds: string[]): Promise<boolean>;
}
