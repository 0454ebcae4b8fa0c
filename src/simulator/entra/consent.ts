/**
 * Who consented to which app using Graph on their behalf. With admin consent (the
 * `adminConsent` setting, on by default) every user of the tenant may be exchanged; without it
 * only the users who consented themselves, through the consent prompt or a control route.
 */
export class ConsentStore {
  private readonly grants = new Set<string>();

  grant(clientId: string, userId: string): void {
    this.grants.add(key(clientId, userId));
  }

  revoke(clientId: string, userId: string): void {
    this.grants.delete(key(clientId, userId));
  }

  has(clientId: string, userId: string): boolean {
    return this.grants.has(key(clientId, userId));
  }

  /** The user consents recorded, as `{ clientId, userId }` pairs. */
  list(): { clientId: string; userId: string }[] {
    return [...this.grants].map((k) => {
      const [clientId = '', userId = ''] = k.split('|');
      return { clientId, userId };
    });
  }

  clear(): void {
    this.grants.clear();
  }
}

const key = (clientId: string, userId: string) =>
  `${clientId.toLowerCase()}|${userId.toLowerCase()}`;
