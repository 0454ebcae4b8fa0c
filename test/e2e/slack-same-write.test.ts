import { WELL_KNOWN } from '../../src/simulator/seed';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { clickInThread, submitRequest } from '../support/e2e';
import { withoutReadOnly } from '../support/settings-walk';
import { requestInSlack, SLACK_CHANNEL, slackHarness } from '../support/slack-harness';
import { ZOOM_TO_SALES } from '../support/walk';

const ZOOM = WELL_KNOWN.apps.win32;

/** The one write the approval made: its method, path, version, body and answer. */
async function approvedWrite(from: 'teams' | 'slack') {
  const s = await slackHarness();
  const before = structuredClone(s.sim.control.tenant().appAssignments.get(ZOOM) ?? []);
  try {
    if (from === 'teams') {
      const request = await submitRequest(s.h, ZOOM_TO_SALES);
      await clickInThread(s.h, s.h.users.approver1, 'request.approve', request);
    } else {
      await requestInSlack(s, s.people.megan, {
        itemId: ZOOM,
        target: `group:${WELL_KNOWN.groups.sales}`,
        justification: 'Sales moves to Zoom.',
      });
      const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
      await s.slack.click(s.people.patti, { message: posted! }, 'request.approve');
    }
    await s.h.settle();
    const writes = s.sim.control.writes();
    expect(writes).toHaveLength(1);
    const { method, version, path, body, status } = writes[0]!;
    const sent = (body as { mobileAppAssignments: GraphObject[] }).mobileAppAssignments;
    expect(sent.slice(0, before.length)).toEqual(before.map(withoutReadOnly));
    expect(sent).toHaveLength(before.length + 1);
    return { method, version, path, body, status };
  } finally {
    await s.close();
  }
}

describe('the same request from Teams or from Slack', () => {
  test('makes the same Graph write, byte for byte: one assign of the full set, every assignment kept', async () => {
    const teams = await approvedWrite('teams');
    const slack = await approvedWrite('slack');
    expect(JSON.stringify(slack)).toBe(JSON.stringify(teams));
    expect(teams).toMatchObject({ method: 'POST', status: 204 });
    expect(teams.path).toMatch(/\/assign$/);
  });
});
