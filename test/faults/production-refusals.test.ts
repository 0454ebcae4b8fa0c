import { WELL_KNOWN } from '../../src/simulator/seed';
import { FakeBotIdentity } from '../support/fake-bot-identity';
import {
  PRODUCTION_APP_ID,
  productionApp,
  TEAMS_SERVICE_URL,
  type ProductionApp,
} from '../support/production-app';
import { TeamsClient } from '../support/teams-client';
import {
  gzipBomb,
  postRaw,
  postStreamed,
  upload,
  watchUploads,
  watchStderr,
  warnLinesSince,
  type RawAnswer,
} from './fault-checks';

const MB = 1024 * 1024;
const approver = { aadObjectId: WELL_KNOWN.users.approver1, name: 'Patti Fernandez', mri: '29:p' };

describe('production mode refuses bad requests before authentication, and says nothing in a 401', () => {
  const printed = watchStderr();
  let p: ProductionApp;
  let teams: TeamsClient;
  let forged: string;
  beforeAll(async () => {
    p = await productionApp();
    teams = new TeamsClient({ ...p.teams.options, serviceUrl: TEAMS_SERVICE_URL });
    forged = p.identity.token(
      { appId: PRODUCTION_APP_ID, serviceUrl: TEAMS_SERVICE_URL },
      FakeBotIdentity.otherKey(),
    );
  });
  afterAll(() => p.close());

  const url = () => teams.options.botUrl;
  const pending = () => teams.activity(approver, { type: 'message', text: 'pending' });

  /** Sends, then checks the refusal changed nothing and was logged once, with nothing on stderr. */
  async function refused(send: () => Promise<RawAnswer>, reason: string): Promise<RawAnswer> {
    const from = p.logs.length;
    const mark = printed().length;
    const uploads = watchUploads();
    const result = await send();
    expect(p.connector.calls).toEqual([]);
    expect(await p.app.users.all()).toEqual([]);
    expect(await p.app.store.list({})).toEqual([]);
    expect(p.sim.control.writes()).toEqual([]);
    expect(uploads.created()).toEqual([]);
    const warned = warnLinesSince(p.logs, from);
    expect(warned).toEqual([expect.objectContaining({ reason, url: '/api/messages' })]);
    expect(JSON.stringify(warned)).not.toContain(forged);
    expect(printed().slice(mark)).toEqual([]);
    return result;
  }

  test("a forged approver's `pending` gets 401 with an empty body, one warn line and nothing on stderr", async () => {
    const answer = await refused(
      () =>
        postRaw(url(), JSON.stringify(pending()), {
          'content-type': 'application/json',
          authorization: `Bearer ${forged}`,
        }),
      'unauthenticated',
    );
    expect(answer.status).toBe(401);
    expect(answer.text).toBe('');
  });

  test('a request without a token gets 401 before its body is read', async () => {
    const answer = await refused(() => postRaw(url(), upload(8 * MB)), 'missing-authorization');
    expect(answer.status).toBe(401);
    expect(answer.text).toBe('');
  });

  test('multipart uploads get 415 even with a token, and leave no file on disk', async () => {
    for (let i = 0; i < 3; i += 1) {
      const answer = await refused(
        () => postRaw(url(), upload(8 * MB), { authorization: `Bearer ${forged}` }),
        'unsupported-media-type',
      );
      expect(answer.status).toBe(415);
    }
  });

  test('a gzip body gets 415 even with a token, and is never inflated', async () => {
    const answer = await refused(
      () =>
        postRaw(url(), gzipBomb(pending(), 16 * MB), {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          authorization: `Bearer ${forged}`,
        }),
      'content-encoding',
    );
    expect(answer.status).toBe(415);
  });

  test('oversized bodies get 413 even with a token, declared or streamed', async () => {
    const declared = await refused(
      () =>
        postRaw(url(), JSON.stringify({ ...pending(), text: 'x'.repeat(300 * 1024) }), {
          'content-type': 'application/json',
          authorization: `Bearer ${forged}`,
        }),
      'too-large',
    );
    expect(declared.status).toBe(413);
    const streamed = await refused(
      () => postStreamed(url(), 8 * MB, { authorization: `Bearer ${forged}` }),
      'too-large',
    );
    expect(streamed.status).toBe(413);
  });

  test('a form body gets 415 even with a token', async () => {
    const answer = await refused(
      () =>
        postRaw(url(), 'type=message&text=pending', {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Bearer ${forged}`,
        }),
      'unsupported-media-type',
    );
    expect(answer.status).toBe(415);
  });

  test('a genuine token for an http serviceUrl gets 400, and the serviceUrl is not stored', async () => {
    const local = p.teams;
    const answer = await refused(
      () =>
        postRaw(url(), JSON.stringify(local.activity(approver, { type: 'message', text: 'x' })), {
          'content-type': 'application/json',
          authorization: `Bearer ${p.token(local.options.serviceUrl)}`,
        }),
      'bad-activity',
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      error: { code: 'BadRequest', message: 'The activity serviceUrl must be an https URL.' },
    });
  });
});
