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
});
