import type { ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import { generate } from 'selfsigned';
import type { SimulatorState } from '../state';
import type { EntraAuthority } from './authority';
import { readBody } from '../http-types';
import { answerEntra } from './service';

/**
 * The simulated Entra ID token service over HTTPS on loopback: MSAL refuses an authority that is
 * not https. The certificate is self-signed, made at start for `127.0.0.1` and `localhost`;
 * clients trust it through `caPem`. restify only carries bytes, as for the simulated Graph.
 */

/** Token requests are small forms; anything larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;

export interface RunningEntra {
  url: string;
  caPem: string;
  close(): Promise<void>;
}

async function certificate(): Promise<{ cert: string; key: string }> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Starts the token service for `authority` on 127.0.0.1 and sets the authority's URL. */
export async function startEntra(
  authority: EntraAuthority,
  state: SimulatorState,
  port = 0,
): Promise<RunningEntra> {
  const { cert, key } = await certificate();
  const server = restify.createServer({
    name: 'entra-simulator',
    certificate: cert,
    key,
    handleUncaughtExceptions: false,
  });
  const handle = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const { body, tooLarge } = await readBody(req, MAX_BODY_BYTES);
    const answer = tooLarge
      ? { status: 413, headers: { 'Content-Type': 'text/plain' }, body: 'Request too large.' }
      : answerEntra(
          {
            method: (req.method ?? 'GET').toUpperCase(),
            url: req.url ?? '/',
            headers: req.headers,
            body,
          },
          authority,
          state,
        );
    const out = res as unknown as ServerResponse;
    out.writeHead(answer.status, answer.headers);
    out.end(answer.body);
  };
  for (const method of ['get', 'post'] as const) server[method]('/*', handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  authority.url = `https://127.0.0.1:${bound}`;
  authority.caPem = cert;
  return {
    url: authority.url,
    caPem: cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server.server as unknown as HttpsServer).closeAllConnections();
      }),
  };
}
