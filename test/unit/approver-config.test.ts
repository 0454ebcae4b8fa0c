import { ConfigError, loadConfig } from '../../src/config';

/** A production configuration that starts, writes as the app. */
const PRODUCTION = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'bot-password-value',
  MicrosoftAppTenantId: '6babcaad-604b-40ac-a9d7-9fd97c0b779f',
  ALLOWED_TENANT_ID: '6babcaad-604b-40ac-a9d7-9fd97c0b779f',
  APPROVER_GROUP_ID: '7dc8150d-2206-415a-9056-716442ae4d1a',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('configuration of writes as the approver', () => {
  test('writes run as the app unless GRAPH_WRITE_AS says approver', () => {
    expect(loadConfig(PRODUCTION).GRAPH_WRITE_AS).toBe('app');
    expect(problemsOf({ ...PRODUCTION, GRAPH_WRITE_AS: 'user' }).join('\n')).toMatch(
      /GRAPH_WRITE_AS/,
    );
  });

  test('production with GRAPH_WRITE_AS=approver starts with the bot secret, its tenant and BOT_DOMAIN', () => {
    const config = loadConfig({
      ...PRODUCTION,
      GRAPH_WRITE_AS: 'approver',
      BOT_DOMAIN: 'bot.contoso.com',
    });
    expect(config.GRAPH_WRITE_AS).toBe('approver');
  });

  test('production with GRAPH_WRITE_AS=approver but no BOT_DOMAIN, no secret, or a loopback authority stops start-up, each named', () => {
    const noDomain = problemsOf({ ...PRODUCTION, GRAPH_WRITE_AS: 'approver' });
    expect(noDomain.join('\n')).toMatch(/needs BOT_DOMAIN/);
    const msi = problemsOf({
      ...PRODUCTION,
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'UserAssignedMSI',
      GRAPH_WRITE_AS: 'approver',
      BOT_DOMAIN: 'bot.contoso.com',
    });
    expect(msi.join('\n')).toMatch(/needs MicrosoftAppPassword/);
    const loopback = problemsOf({
      ...PRODUCTION,
      GRAPH_WRITE_AS: 'approver',
      BOT_DOMAIN: 'bot.contoso.com',
      AZURE_AUTHORITY_HOST: 'https://127.0.0.1:8443',
    });
    expect(loopback.join('\n')).toMatch(/AZURE_AUTHORITY_HOST must be Entra ID/);
    // The password's value is never part of a problem.
    expect([...noDomain, ...loopback].join('\n')).not.toContain('bot-password-value');
  });

  test('an authority host that is not https is refused', () => {
    expect(
      problemsOf({ ...PRODUCTION, AZURE_AUTHORITY_HOST: 'http://login.microsoftonline.com' }).join(
        '\n',
      ),
    ).toMatch(/AZURE_AUTHORITY_HOST: must be an https:\/\/ URL/);
  });

  test('local mode may write as the approver against the simulator without any secret', () => {
    const config = loadConfig({
      GRAPH_BASE_URL: 'http://127.0.0.1:4000',
      GRAPH_WRITE_AS: 'approver',
    });
    expect(config.GRAPH_WRITE_AS).toBe('approver');
  });
});
