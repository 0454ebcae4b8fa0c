import { WELL_KNOWN } from '../../src/simulator/seed';
import { stateValue } from '../../src/simulator/slack/slack-sender';
import type { GraphObject } from '../../src/simulator/tenant-data';
import { withoutReadOnly, writtenAssignments } from '../support/settings-walk';
import { initialState, SLACK_CHANNEL, useSlack } from '../support/slack-harness';
import type { FakeSlackView } from '../../src/simulator/slack/fake-slack';

const { apps, groups } = WELL_KNOWN;
type Json = Record<string, unknown>;
type State = Record<string, Record<string, unknown>>;

const viewOf = (body: unknown) => (body as { view?: Json } | undefined)?.view;
const inputsOf = (view: Json | undefined) =>
  ((view?.blocks as Json[] | undefined) ?? [])
    .filter((b) => b.type === 'input')
    .map((b) => b.block_id);

describe('Slack: the assignment settings step of the request modal', () => {
  const s = useSlack();

  const assignmentsOf = (appId: string): GraphObject[] =>
    structuredClone(s.sim.control.tenant().appAssignments.get(appId) ?? []);

  /** Megan's request modal, filled and submitted: the settings modal it answers with. */
  async function toSettings(itemId: string, intent = 'required') {
    await s.slack.command(s.people.megan, '/intune-assign', '');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.megan.id).at(-1)!;
    const answer = await s.slack.viewSubmission(s.people.megan, modal, {
      kind: { kind: stateValue.option('app', 'Mobile app') },
      item: { item: stateValue.option(itemId, 'item', 'external_select') },
      target: {
        target: stateValue.option(`group:${groups.sales}`, 'Sales', 'external_select'),
      },
      mode: { mode: stateValue.option('include', 'Include', 'radio_buttons') },
      intent: { intent: stateValue.option(intent) },
      justification: { justification: stateValue.text('Sales needs it before the launch.') },
    });
    return { modal, view: viewOf(answer.body)!, answer };
  }

  /** Submits a view with the values Slack would send: its initial ones, with `changes` over them. */
  const submit = (modal: FakeSlackView, view: Json, changes: State = {}) =>
    s.slack.viewSubmission(
      s.people.megan,
      { ...view, id: modal.id },
      {
        ...initialState(view),
        ...changes,
      },
    );

  async function submitAndApprove(modal: FakeSlackView, review: Json) {
    await submit(modal, review);
    await s.h.settle();
    const [posted] = s.fake.messagesIn(SLACK_CHANNEL);
    await s.slack.click(s.people.patti, { message: posted! }, 'request.approve');
    await s.h.settle();
    return posted!;
  }

  test('a Win32 app asks for its settings after the intent; the chosen ones are reviewed, approved and written with it', async () => {
    const before = assignmentsOf(apps.win32Unassigned);
    const { modal, view } = await toSettings(apps.win32Unassigned);
    expect(view.callback_id).toBe('request.settings');
    expect(inputsOf(view)).toEqual(
      expect.arrayContaining(['notifications', 'deadlineDate', 'deadlineTime', 'gracePeriod']),
    );
    expect(inputsOf(view)).not.toContain('deviceLicensing');
    expect(JSON.stringify(view)).toContain('Sales needs it before the launch.');

    const answer = await submit(modal, view, {
      notifications: { notifications: stateValue.option('hideAll') },
      timeZone: { timeZone: stateValue.option('device', 'device', 'radio_buttons') },
      deadlineDate: { deadlineDate: { type: 'datepicker', selected_date: '2026-12-10' } },
      deadlineTime: { deadlineTime: { type: 'timepicker', selected_time: '17:00' } },
    });
    const review = viewOf(answer.body)!;
    expect(review.callback_id).toBe('request.review');
    expect(JSON.stringify(review)).toContain(
      '+ Sales (required, notifications: hide all, time zone: device time zone, installation deadline: 2026-12-10 17:00)',
    );

    const posted = await submitAndApprove(modal, review);
    expect(JSON.stringify(posted.blocks)).toContain('installation deadline: 2026-12-10 17:00');
    const written = writtenAssignments(s.h);
    expect(written).toHaveLength(before.length + 1);
    const settings = {
      '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings',
      notifications: 'hideAll',
      deliveryOptimizationPriority: 'notConfigured',
      installTimeSettings: { deadlineDateTime: '2026-12-10T17:00:00Z', useLocalTime: true },
      restartSettings: null,
    };
    expect(written.at(-1)).toMatchObject({ intent: 'required', settings });
    expect(assignmentsOf(apps.win32Unassigned).at(-1)?.settings).toEqual(settings);
  });

  test('an iOS volume-purchase app’s options are checkboxes; unticking device licensing is written, every other assignment kept verbatim', async () => {
    const before = assignmentsOf(apps.iosVpp);
    const { modal, view } = await toSettings(apps.iosVpp);
    expect(inputsOf(view)).toContain('toggles');
    const options = JSON.stringify(view);
    expect(options).toContain('Use device licensing');

    const answer = await submit(modal, view, {
      toggles: {
        toggles: {
          type: 'checkboxes',
          selected_options: [{ value: 'uninstallOnDeviceRemoval' }, { value: 'removable' }],
        },
      },
    });
    const review = viewOf(answer.body)!;
    expect(JSON.stringify(review)).toContain('+ Sales (required, device licensing: off)');
    await submitAndApprove(modal, review);

    const written = writtenAssignments(s.h);
    expect(written.slice(0, before.length)).toEqual(before.map(withoutReadOnly));
    expect(written.at(-1)?.settings).toEqual({
      '@odata.type': '#microsoft.graph.iosVppAppAssignmentSettings',
      useDeviceLicensing: false,
      vpnConfigurationId: null,
    });
  });

  test('settings left as they are change nothing in the body: the assignment gets Intune’s defaults', async () => {
    const { modal, view } = await toSettings(apps.win32Unassigned);
    const review = viewOf((await submit(modal, view)).body)!;
    expect(JSON.stringify(review)).toContain('+ Sales (required)');
    expect(JSON.stringify(review)).not.toContain('notifications:');
    await submitAndApprove(modal, review);
    const request = (await s.h.app.store.list({ statuses: ['assigned'] }))[0];
    expect(request?.settings).toBeUndefined();
  });

  test('a deadline in the past, or a setting the app does not have, is answered in the modal and nothing is submitted', async () => {
    const { modal, view } = await toSettings(apps.win32Unassigned);
    const past = await submit(modal, view, {
      deadlineDate: { deadlineDate: { type: 'datepicker', selected_date: '2020-01-01' } },
    });
    expect(past.body).toMatchObject({
      response_action: 'errors',
      errors: { deadlineDate: expect.stringMatching(/deadline/i) },
    });

    const forged = await submit(modal, view, {
      deviceContext: { deviceContext: stateValue.option('device', 'device', 'radio_buttons') },
    });
    expect(forged.body).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(forged.body)).toContain('not a setting of');

    const empty = await submit(modal, view, {
      justification: { justification: stateValue.text('') },
    });
    expect(empty.body).toMatchObject({
      response_action: 'errors',
      errors: { justification: expect.any(String) },
    });

    await s.h.settle();
    expect(s.fake.messagesIn(SLACK_CHANNEL)).toEqual([]);
    expect(await s.h.app.store.list({ statuses: ['pending'] })).toEqual([]);
    expect(s.sim.control.writes()).toEqual([]);
  });

  test('an exclusion has no settings step: the modal goes straight to the review', async () => {
    await s.slack.command(s.people.megan, '/intune-assign', '');
    await s.h.settle();
    const modal = s.fake.openViews(s.people.megan.id).at(-1)!;
    const answer = await s.slack.viewSubmission(s.people.megan, modal, {
      kind: { kind: stateValue.option('app', 'Mobile app') },
      item: { item: stateValue.option(apps.win32Unassigned, 'item', 'external_select') },
      target: {
        target: stateValue.option(`group:${groups.sales}`, 'Sales', 'external_select'),
      },
      mode: { mode: stateValue.option('exclude', 'Exclude', 'radio_buttons') },
      intent: { intent: stateValue.option('required') },
      justification: { justification: stateValue.text('Sales keeps the old client.') },
    });
    expect(viewOf(answer.body)?.callback_id).toBe('request.review');
  });
});
