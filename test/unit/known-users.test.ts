import type { Sender } from '../../src/bot/identity';
import { KnownUsers } from '../../src/bot/known-users';
import { MemoryRequestStore } from '../../src/storage/memory-request-store';

const sender = (id: string, name: string, conversationId = `a:${id}`): Sender => ({
  actor: { id, name, tenantId: 'tenant' },
  channelUserId: `29:${id}`,
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  channelId: 'msteams',
  conversationId,
  conversationType: 'personal',
});

describe('the people the bot knows, shared by every instance', () => {
  test('a person met by one instance is known to another at once, and neither drops the other’s', async () => {
    const store = new MemoryRequestStore();
    const a = new KnownUsers(store);
    const b = new KnownUsers(store);
    await a.all();
    await b.all();

    await a.remember(sender('megan', 'Megan'));
    await b.remember(sender('patti', 'Patti'));
    await a.remember(sender('alex', 'Alex'));

    expect((await b.all()).map((u) => u.id).sort()).toEqual(['alex', 'megan', 'patti']);
    expect((await a.all()).map((u) => u.id).sort()).toEqual(['alex', 'megan', 'patti']);
    expect(await b.get('MEGAN')).toMatchObject({
      name: 'Megan',
      personalConversationId: 'a:megan',
    });
  });

  test('an unchanged person is not written again; a changed one is', async () => {
    const store = new MemoryRequestStore();
    const users = new KnownUsers(store);
    const writes = jest.spyOn(store, 'putSetting');
    await users.remember(sender('megan', 'Megan'));
    await users.remember(sender('megan', 'Megan'));
    expect(writes).toHaveBeenCalledTimes(1);
    await users.remember(sender('megan', 'Megan Bowen'));
    expect(writes).toHaveBeenCalledTimes(2);
    expect((await users.get('megan'))?.name).toBe('Megan Bowen');
  });

  test('the single list kept by earlier versions is moved to one setting per person', async () => {
    const store = new MemoryRequestStore();
    await store.putSetting('known-users', [
      {
        id: 'megan',
        name: 'Megan',
        tenantId: 't',
        channelUserId: '29:m',
        serviceUrl: 'https://x/',
        channelId: 'msteams',
      },
    ]);
    const users = new KnownUsers(store);
    expect((await users.all()).map((u) => u.name)).toEqual(['Megan']);
    expect(await store.getSetting('known-users')).toBeUndefined();
  });
});
