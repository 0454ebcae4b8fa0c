import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { ConnectorClients } from '../../src/bot/connector-clients';

/** botbuilder's factory as the kept clients see it: counts what it builds, fails when told. */
class CountingFactory extends ConnectorFactory {
  built: string[] = [];
  failNext = false;

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('token service out of reach');
    }
    this.built.push(`${serviceUrl} ${audience ?? ''}`);
    return { serviceUrl } as unknown as ConnectorClient;
  }
}

describe('kept Bot Connector clients', () => {
  test('one client is built per app id, service URL and audience, and reused after', async () => {
    const clients = new ConnectorClients();
    const inner = new CountingFactory();
    const a = clients.factory('app', inner);
    const first = await a.create('https://smba.example/amer/', 'aud');
    expect(await clients.factory('app', inner).create('https://smba.example/amer/', 'aud')).toBe(
      first,
    );
    await a.create('https://smba.example/emea/', 'aud');
    await clients.factory('other-app', inner).create('https://smba.example/amer/', 'aud');
    expect(inner.built).toHaveLength(3);
  });

  test('a client that failed to build is built again on the next call', async () => {
    const clients = new ConnectorClients();
    const inner = new CountingFactory();
    inner.failNext = true;
    await expect(clients.factory('app', inner).create('https://smba.example/')).rejects.toThrow();
    await clients.factory('app', inner).create('https://smba.example/');
    expect(inner.built).toEqual(['https://smba.example/ ']);
  });

  test('activities from thousands of service URLs keep at most 64 clients, and each URL gets its own client', async () => {
    const clients = new ConnectorClients();
    const inner = new CountingFactory();
    const factory = clients.factory('app', inner);
    for (let i = 0; i < 5_000; i += 1) {
      const url = `https://smba.example/forged-${i}/`;
      const client = (await factory.create(url, 'aud')) as unknown as { serviceUrl: string };
      expect(client.serviceUrl).toBe(url);
    }
    // The 64 newest are kept; the one before them was dropped and is built again.
    const built = inner.built.length;
    for (let i = 5_000 - 64; i < 5_000; i += 1) {
      await factory.create(`https://smba.example/forged-${i}/`, 'aud');
    }
    expect(inner.built).toHaveLength(built);
    await factory.create(`https://smba.example/forged-${5_000 - 65}/`, 'aud');
    expect(inner.built).toHaveLength(built + 1);
  });
});
