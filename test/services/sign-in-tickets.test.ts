import { MemoryRequestStore } from '../../src/storage/memory-request-store';
import { SignInTickets, TICKET_LIFETIME_MS } from '../../src/services/sign-in-tickets';

const PATTI = { id: 'c84f72d8-3ffc-4f0d-bd3b-aaeb389eb410', name: 'Patti', tenantId: 't' };

describe('sign-in tickets', () => {
  let now: Date;
  let store: MemoryRequestStore;
  let tickets: SignInTickets;
  beforeEach(() => {
    now = new Date('2026-11-23T09:00:00Z');
    store = new MemoryRequestStore();
    tickets = new SignInTickets(store, { now: () => now });
  });
  const issue = () =>
    tickets.issue({ requestId: 'r1', verb: 'approve', actor: PATTI, chatUser: 'U0PATTI001' });

  test('two sign-ins started from one link, coming back at once, are spent once', async () => {
    const ticket = await issue();
    await tickets.start('state-a', ticket, 'verifier-a');
    await tickets.start('state-b', ticket, 'verifier-b');
    const spent = await Promise.all([tickets.spend('state-a'), tickets.spend('state-b')]);
    expect(spent.filter(Boolean)).toHaveLength(1);
    expect(await tickets.peek(ticket)).toBeUndefined();
  });

  test('the store holds neither the ticket nor the state, only their hashes', async () => {
    const ticket = await issue();
    await tickets.start('state-a', ticket, 'verifier-a');
    const kept = JSON.stringify(await store.settingsWithPrefix(''));
    expect(kept).not.toContain(ticket);
    expect(kept).not.toContain('state-a');
  });

  test('a link past its 10 minutes is gone, and the next link issued prunes it', async () => {
    const ticket = await issue();
    now = new Date(now.getTime() + TICKET_LIFETIME_MS + 1);
    expect(await tickets.peek(ticket)).toBeUndefined();
    await issue();
    expect(await store.settingsWithPrefix('sign-in:')).toHaveLength(1);
  });
});
