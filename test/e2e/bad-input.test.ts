import { randomUUID } from 'node:crypto';
import type { AssignmentRequest } from '../../src/domain/request';
import { cardOf, cardText } from '../support/bot-harness';
import {
  clickInThread,
  invokeError,
  personalChat,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
} from '../support/e2e';
import { ZOOM_TO_SALES } from '../support/walk';

const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

/** A pending request of another tenant, as a shared store of several tenants could hold. */
function foreignRequest(now: string): AssignmentRequest {
  return {
    id: randomUUID(),
    number: 4242,
    revision: 1,
    status: 'pending',
    tenantId: OTHER_TENANT,
    requester: { id: randomUUID(), name: 'Someone Elsewhere' },
    item: {
      kind: 'app',
      id: randomUUID(),
      name: 'Their app',
      type: 'win32LobApp',
      platform: 'Windows',
    },
    target: { kind: 'allUsers' },
    targetName: 'All users',
    intent: 'required',
    justification: 'Theirs.',
    createdAt: now,
    updatedAt: now,
    submittedAt: now,
    expiresAt: '2099-01-01T00:00:00.000Z',
    attempts: 0,
  };
}

describe('forged and unknown card data', () => {
  const bot = useBot();

  test('a click carrying a request id that does not exist is refused', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const callsBefore = h.connector.calls.length;

    for (const verb of ['request.approve', 'request.reject', 'request.cancel', 'request.refresh']) {
      const answer = await h.teams.execute(h.users.approver1, verb, {
        requestId: randomUUID(),
        reason: 'forged',
      });
      expect(invokeError(answer)).toMatchObject({ statusCode: 404, code: 'unknown-request' });
    }
    const garbage = await h.teams.execute(h.users.approver1, 'request.approve', {
      requestId: "x'; DROP TABLE requests; --",
    });
    expect(invokeError(garbage).statusCode).toBe(400);
    await h.settle();

    expect(h.connector.calls.slice(callsBefore)).toEqual([]);
    expect(await statusOf(h, req.requestId)).toBe('pending');
  });

  test("another user's draft id is refused to everyone but its requester", async () => {
    const h = bot();
    await h.teams.say(h.users.requester, 'assign');
    const draft = (await h.app.store.list({ requesterId: h.users.requester.aadObjectId }))[0];
    expect(draft?.status).toBe('draft');
    const id = draft!.id;

    const kind = await h.teams.execute(h.users.outsider, 'wizard.kind', {
      requestId: id,
      kind: 'app',
    });
    expect(invokeError(kind)).toMatchObject({ statusCode: 403, code: 'not-requester' });
    const submit = await h.teams.execute(h.users.approver1, 'wizard.submit', { requestId: id });
    expect(invokeError(submit).code).toBe('not-requester');
    const approve = await h.teams.execute(h.users.approver1, 'request.approve', { requestId: id });
    expect(invokeError(approve).message).toMatch(/draft/);
    const peek = await h.teams.execute(h.users.outsider, 'request.refresh', { requestId: id });
    expect(invokeError(peek).code).toBe('unknown-request');
    await h.settle();

    expect(await h.app.store.get(id)).toEqual(draft);
  });

  test("another tenant's request id is refused as unknown", async () => {
    const h = bot();
    const theirs = foreignRequest(h.clock.now().toISOString());
    await h.app.store.create(theirs);

    for (const verb of ['request.approve', 'request.refresh']) {
      const answer = await h.teams.execute(h.users.approver1, verb, { requestId: theirs.id });
      expect(invokeError(answer)).toMatchObject({ statusCode: 404, code: 'unknown-request' });
    }
    await h.teams.say(h.users.approver1, 'status REQ-4242');
    const reply = h.connector.calls.find(
      (c) => c.conversationId === personalChat(h.users.approver1),
    );
    expect(cardText(cardOf(reply))).toContain('There is no request REQ-4242');
    await h.settle();

    expect(await h.app.store.get(theirs.id)).toEqual(theirs);
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('a click with a verb the bot does not know is refused', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);

    for (const verb of ['request.delete', 'request.approveAll', '', 'wizard.kind2']) {
      const answer = await clickInThread(h, h.users.approver1, verb, req);
      expect(invokeError(answer)).toMatchObject({ statusCode: 400, code: 'unknown-verb' });
    }
    for (const value of [{ trigger: 'manual' }, undefined, { action: 'request.approve' }]) {
      const malformed = await h.teams.post(
        h.teams.activity(h.users.approver1, { type: 'invoke', name: 'adaptiveCard/action', value }),
      );
      expect([malformed.status, invokeError(malformed).statusCode]).toEqual([400, 400]);
    }
    const search = await h.teams.post(
      h.teams.activity(h.users.approver1, { type: 'invoke', name: 'application/search' }),
    );
    expect(search.status).toBe(400);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('pending');
    expect(threadReplies(h, req.thread)).toEqual([]);
  });
});

describe('bad HTTP bodies and foreign tenants', () => {
  const bot = useBot();

  const postRaw = async (url: string, body: string, type = 'application/json') => {
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    await response.text();
    return response.status;
  };

  test('malformed or oversized bodies get a 4xx and run nothing', async () => {
    const h = bot();
    const url = h.teams.options.botUrl;
    const bodies = [
      '{"type": "message", "text": "assign"',
      'assign',
      '[]',
      'null',
      '"message"',
      JSON.stringify({ type: 'message', text: 'x'.repeat(400 * 1024) }),
    ];
    const statuses = await Promise.all(bodies.map((body) => postRaw(url, body)));
    expect(statuses).toEqual([400, 400, 400, 400, 400, 413]);
    await h.settle();

    expect(h.connector.calls).toEqual([]);
    expect(await h.app.store.list({})).toEqual([]);
  });

  test('a JSON object that is not an activity gets a 400 and runs nothing', async () => {
    const h = bot();
    const url = h.teams.options.botUrl;
    const statuses = await Promise.all([
      postRaw(url, '{}'),
      postRaw(url, '{"type":"message","text":"assign"}'),
    ]);
    await h.settle();
    expect(statuses).toEqual([400, 400]);
    expect(h.logs.filter((l) => l.msg === 'turn failed')).toEqual([]);
  });

  test('an activity from another tenant is refused and changes nothing', async () => {
    const h = bot();
    const req = await submitRequest(h, ZOOM_TO_SALES);
    h.connector.clear();
    const foreign = (activity: Record<string, unknown>) => ({
      ...activity,
      conversation: { ...(activity.conversation as object), tenantId: OTHER_TENANT },
      channelData: { ...(activity.channelData as object), tenant: { id: OTHER_TENANT } },
    });

    const typed = await h.teams.post(
      foreign(h.teams.activity(h.users.outsider, { type: 'message', text: 'assign' })),
    );
    expect(typed.status).toBeLessThan(300);
    expect(h.connector.calls.map((c) => c.body.text)).toEqual([
      expect.stringMatching(/serves one organisation only/),
    ]);

    const click = await h.teams.post(
      foreign(
        h.teams.activity(h.users.approver1, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'request.approve',
              data: { requestId: req.requestId },
            },
            trigger: 'manual',
          },
        }),
      ),
    );
    expect(click.status).toBe(403);
    expect(invokeError({ status: click.status, body: click.body }).code).toBe('foreign-tenant');

    const search = await h.teams.post(
      foreign(
        h.teams.activity(h.users.approver1, {
          type: 'invoke',
          name: 'application/search',
          value: { kind: 'search', queryText: 'zoom', dataset: 'apps' },
        }),
      ),
    );
    expect(search.status).toBe(403);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('pending');
    expect(h.sim.control.writes()).toEqual([]);
    const drafts = await h.app.store.list({ requesterId: h.users.outsider.aadObjectId });
    expect(drafts).toEqual([]);
  });
});
