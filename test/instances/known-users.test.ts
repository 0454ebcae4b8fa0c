import type { BotHarness } from '../support/bot-harness';
import { eventually } from '../support/e2e';
import { walkWizard, ZOOM_TO_SALES } from '../support/walk';
import { APPROVER, REQUESTER, startPair, type Pair } from './two-instances';

describe('two bot instances on one Azure Storage account', () => {
  let p: Pair;
  beforeEach(async () => {
    p = await startPair();
  }, 60_000);
  afterEach(() => p.close(), 30_000);

  test('a person met by one instance is known to the other: the approver who spoke to B gets the request posted through A', async () => {
    await p.b.teams.say(APPROVER, 'help');
    const harness = { teams: p.a.teams, connector: p.connector } as unknown as BotHarness;
    await walkWizard(harness, REQUESTER, ZOOM_TO_SALES);

    const toApprover = `a:personal-${APPROVER.mri}`;
    await eventually(
      () =>
        p.connector.allCalls().some((c) => c.conversationId === toApprover && c.body.attachments),
      'the approver’s direct message',
    );
    expect(new Set(p.connector.allCalls().map((c) => c.conversationId))).toContain(toApprover);
  });
});
