import { WELL_KNOWN } from '../../src/simulator/seed';
import { BASELINE_POLICY_SET_ID } from '../../src/simulator/seed/well-known';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { cardText } from '../support/bot-harness';
import {
  appliedWrites,
  clickInThread,
  dmTexts,
  statusOf,
  submitRequest,
  threadReplies,
  useBot,
} from '../support/e2e';
import type { WalkChoice } from '../support/walk';
import { wizardAt } from '../support/wizard-session';

type Harness = ReturnType<ReturnType<typeof useBot>>;

/** The app's assignments exactly as Intune stores them (the beta shape, everything included). */
const assignmentsOf = (h: Harness, appId: string): GraphObject[] =>
  structuredClone(h.sim.control.tenant().appAssignments.get(appId) ?? []);

const setAssignments = (h: Harness, appId: string, assignments: GraphObject[]) =>
  h.sim.control.tenant().appAssignments.set(appId, assignments);

const BETA_ONLY_VPP_SETTINGS = {
  uninstallOnDeviceRemoval: true,
  isRemovable: false,
  preventManagedAppBackup: true,
  preventAutoAppUpdate: true,
};

const VPP_TO_SALES: WalkChoice = {
  kind: 'app',
  itemId: WELL_KNOWN.apps.iosVpp,
  target: { type: 'group', groupId: WELL_KNOWN.groups.sales },
  intent: 'required',
};

const ZOOM_UNASSIGNED_TO_SALES: WalkChoice = {
  kind: 'app',
  itemId: WELL_KNOWN.apps.win32Unassigned,
  target: { type: 'group', groupId: WELL_KNOWN.groups.sales },
  intent: 'required',
};

/** The iOS VPP app's assignments with only the settings v1.0 knows, as a v1.0 tool leaves them. */
function withV1SettingsOnly(assignments: GraphObject[]): GraphObject[] {
  return assignments.map((a) => ({
    ...a,
    settings: {
      '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
      useDeviceLicensing: true,
      vpnConfigurationId: null,
    },
  }));
}

describe('with GRAPH_INTUNE_VERSION=v1.0, nothing Intune holds is lost or converted', () => {
  const bot = useBot(() => ({ env: { GRAPH_INTUNE_VERSION: 'v1.0' } }));

  test('an app assigned through a policy set is refused when chosen, as with beta', async () => {
    const h = bot();
    const before = assignmentsOf(h, WELL_KNOWN.apps.policySet);
    const wizard = await wizardAt(h, 'item');

    const card = await wizard.step('wizard.item', { itemId: WELL_KNOWN.apps.policySet });
    await h.settle();

    expect(cardText(card)).toContain(
      "This app's assignments come from a policy set (Intune Pilot Users); change them in Intune.",
    );
    expect(cardText(card)).toContain('Which app?');
    expect(assignmentsOf(h, WELL_KNOWN.apps.policySet)).toEqual(before);
    expect(h.sim.control.writes()).toEqual([]);
  });

  test('approving a request for an app that joined a policy set since review is refused in the thread and Intune keeps its assignments', async () => {
    const h = bot();
    const app = WELL_KNOWN.apps.win32Unassigned;
    const req = await submitRequest(h, ZOOM_UNASSIGNED_TO_SALES);
    const fromPolicySet: GraphObject = {
      '@odata.type': '#microsoft.graph.mobileAppAssignment',
      id: `${WELL_KNOWN.groups.pilotUsers}_1_0`,
      intent: 'required',
      source: 'policySets',
      sourceId: BASELINE_POLICY_SET_ID,
      target: {
        '@odata.type': '#microsoft.graph.groupAssignmentTarget',
        groupId: WELL_KNOWN.groups.pilotUsers,
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: 'none',
      },
      settings: null,
    };
    setAssignments(h, app, [fromPolicySet]);
    const before = assignmentsOf(h, app);

    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('failed');
    expect(threadReplies(h, req.thread)).toContainEqual(
      expect.stringContaining(
        `failed: This app's assignments come from a policy set (${WELL_KNOWN.groups.pilotUsers}); change them in Intune.`,
      ),
    );
    expect(dmTexts(h, h.users.requester)).toContainEqual(
      expect.stringContaining('come from a policy set'),
    );
    expect(appliedWrites(h)).toEqual([]);
    expect(assignmentsOf(h, app)).toEqual(before);
    expect(assignmentsOf(h, app)[0]).toMatchObject({ source: 'policySets' });
  });

  test('an iOS VPP app whose assignment has settings v1.0 cannot express is refused when chosen, naming them', async () => {
    const h = bot();
    const before = assignmentsOf(h, WELL_KNOWN.apps.iosVpp);
    expect(before[0]?.settings).toMatchObject({ isRemovable: true, preventAutoAppUpdate: false });
    const wizard = await wizardAt(h, 'item');

    const card = await wizard.step('wizard.item', { itemId: WELL_KNOWN.apps.iosVpp });
    await h.settle();

    expect(cardText(card)).toContain(
      '1 assignment(s) of this item carry settings Graph v1.0 cannot express (isRemovable, preventAutoAppUpdate, preventManagedAppBackup, uninstallOnDeviceRemoval); a v1.0 write would silently remove them. Use GRAPH_INTUNE_VERSION=beta.',
    );
    expect(cardText(card)).toContain('Which app?');
    expect(h.sim.control.writes()).toEqual([]);
    expect(assignmentsOf(h, WELL_KNOWN.apps.iosVpp)).toEqual(before);
  });

  test('approving a request for an iOS VPP app whose settings an admin changed since review is refused, and no setting is dropped', async () => {
    const h = bot();
    const app = WELL_KNOWN.apps.iosVpp;
    setAssignments(h, app, withV1SettingsOnly(assignmentsOf(h, app)));
    const req = await submitRequest(h, VPP_TO_SALES);
    expect(req.reviewText).toContain('+ Sales (required)');
    const edited = assignmentsOf(h, app).map((a) => ({
      ...a,
      settings: { ...(a.settings as object), ...BETA_ONLY_VPP_SETTINGS },
    }));
    setAssignments(h, app, edited);
    const before = assignmentsOf(h, app);

    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('failed');
    const failure = threadReplies(h, req.thread).find((t) => t.includes('failed'));
    expect(failure).toContain(
      'isRemovable, preventAutoAppUpdate, preventManagedAppBackup, uninstallOnDeviceRemoval',
    );
    expect(failure).toContain('Graph v1.0 cannot express');
    expect(failure).toContain('GRAPH_INTUNE_VERSION=beta. An approver can retry.');
    expect(appliedWrites(h)).toEqual([]);
    expect(assignmentsOf(h, app)).toEqual(before);
  });

  test('an app whose assignments carry nothing v1.0 lacks is still assigned under v1.0', async () => {
    const h = bot();
    const app = WELL_KNOWN.apps.iosVpp;
    setAssignments(h, app, withV1SettingsOnly(assignmentsOf(h, app)));
    const before = assignmentsOf(h, app);
    const req = await submitRequest(h, VPP_TO_SALES);

    await clickInThread(h, h.users.approver1, 'request.approve', req);
    await h.settle();

    expect(await statusOf(h, req.requestId)).toBe('assigned');
    const writes = appliedWrites(h);
    expect(writes.map((w) => w.version)).toEqual(['v1.0']);
    const after = assignmentsOf(h, app);
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(0, before.length)).toEqual(before);
  });
});
