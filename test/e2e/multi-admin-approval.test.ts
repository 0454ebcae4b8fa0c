import { cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  currentCard,
  dmTexts,
  eventually,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
  type Submitted,
} from '../support/e2e';
import { ZOOM_TO_SALES } from '../support/walk';

type Harness = ReturnType<ReturnType<typeof useBot>>;

/** Approves in chat and waits until Intune holds the write; answers the approval code. */
async function approveIntoMaa(h: Harness, req: Submitted): Promise<string> {
  await clickInThread(h, h.users.approver1, 'request.approve', req);
  await eventually(
    async () => (await statusOf(h, req.requestId)) === 'awaiting-intune-approval',
    'the request to wait for Intune',
  );
  const code = (await h.app.store.get(req.requestId))?.outcome?.approvalCode;
  expect(code).toEqual(expect.any(String));
  const told = () =>
    threadReplies(h, req.thread).some((t) => t.includes(String(code))) &&
    dmTexts(h, h.users.requester).some((t) => t.includes(String(code))) &&
    cardText(currentCard(h, req.thread.rootId)).includes(String(code));
  await eventually(told, 'the thread, the requester and the cards to say so');
  return String(code);
}

describe('Intune Multi Admin Approval', () => {
  const bot = useBot();

  test('an approved request waits for an Intune administrator, then the held write is replayed once', async () => {
    const h = bot();
    h.sim.control.settings({ multiAdminApproval: true });
    const req = await submitRequest(h, ZOOM_TO_SALES);

    const code = await approveIntoMaa(h, req);
    const waiting = threadReplies(h, req.thread).find((t) => t.includes(code));
    expect(waiting).toMatch(/waiting for Intune Multi Admin Approval.*Intune admin center/);
    expect(dmTexts(h, h.users.requester)).toContain(`Your request ${waiting}`);
    expect(cardText(currentCard(h, req.thread.rootId))).toContain(`Approval code: ${code}`);
    expect(appliedWrites(h)).toEqual([]);
    const held = h.sim.control.writes();
    expect(held).toHaveLength(1);
    expect(held[0]!.headers['x-msft-approval-justification']).toBe(
      Buffer.from('The team needs it for the Q1 rollout.').toString('base64'),
    );

    h.sim.control.decideApproval(code, 'approve');
    await eventually(
      async () => (await statusOf(h, req.requestId)) === 'assigned',
      'the replay after the Intune approval',
    );
    await h.settle();

    const applied = appliedWrites(h);
    expect(applied).toHaveLength(1);
    expect(applied[0]!.headers['x-msft-approval-code']).toBe(code);
    expect(applied[0]!.body).toEqual(held[0]!.body);
    expect(h.sim.control.writes()).toHaveLength(2);
    expect(threadReplies(h, req.thread)).toContainEqual(
      expect.stringContaining(
        `is done: + Sales (required) (Graph request-id ${applied[0]!.requestId})`,
      ),
    );
    expect(cardText(currentCard(h, req.thread.rootId))).toMatch(/Assigned/);
  });

  test('an Intune administrator rejects the held write: the request fails visibly and nothing is written', async () => {
    const h = bot();
    h.sim.control.settings({ multiAdminApproval: true });
    const req = await submitRequest(h, ZOOM_TO_SALES);
    const code = await approveIntoMaa(h, req);

    h.sim.control.decideApproval(code, 'reject');
    await eventually(
      async () => (await statusOf(h, req.requestId)) === 'failed',
      'the request to fail after the Intune rejection',
    );
    await h.settle();

    expect(appliedWrites(h)).toEqual([]);
    expect(threadReplies(h, req.thread)).toContainEqual(
      expect.stringMatching(/failed: An Intune administrator rejected the change/),
    );
    expect(cardText(currentCard(h, req.thread.rootId))).toMatch(/Assignment failed/);
  });
});
