import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A stand-in for Bot Framework's token service: an OpenID metadata document and signing keys on
 * loopback, and tokens signed the way the Bot Connector signs them (issuer
 * `https://api.botframework.com`, audience = the bot's app id, the `serviceurl` claim), so the
 * adapter's real validation can be exercised without reaching Microsoft.
 */
export class FakeBotIdentity {
  private server?: Server;
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly kid = 'test-signing-key';
  metadataUrl = '';

  async start(): Promise<void> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/keys')) {
        res.end(
          JSON.stringify({
            keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }],
          }),
        );
      } else {
        const base = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
        res.end(
          JSON.stringify({
            issuer: 'https://api.botframework.com',
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A token as the Bot Connector would send; `signWith` another key forges it. */
  token(
    claims: { appId: string; serviceUrl: string },
    signWith: KeyObject = this.keys.privateKey,
  ): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const payload = b64url(
      JSON.stringify({
        iss: 'https://api.botframework.com',
        aud: claims.appId,
        serviceurl: claims.serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: now + 3600,
      }),
    );
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(signWith);
    return `${header}.${payload}.${b64url(signature)}`;
  }

  /** A key the token service does not know: tokens signed with it are forgeries. */
  static otherKey(): KeyObject {
    return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
}
