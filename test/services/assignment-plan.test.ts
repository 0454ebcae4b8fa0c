import type { RequestedAssignment } from '../../src/domain/assignment';
import { planAssignment } from '../../src/services/assignment-plan';
import { MemoryIntune } from '../../src/services/memory-intune';

const APP = '452680f7-bef4-4ce8-a6ef-c8e4907ccf55';
const SALES = '67052cda-1180-473e-8764-7833a22352e3';
const GONE = '0bad0bad-0000-4000-8000-000000000000';
const item = { kind: 'app' as const, id: APP };

const include = (groupId: string, targetName: string): RequestedAssignment => ({
  target: { kind: 'group', groupId, exclude: false },
  targetName,
  intent: 'required',
});

const removal = (groupId: string): RequestedAssignment => ({
  ...include(groupId, 'Old group'),
  action: 'remove',
});

const intune = () =>
  new MemoryIntune({
    groups: [SALES],
    apps: [
      {
        id: APP,
        name: 'Zoom for iOS',
        publisher: 'Zoom',
        appType: 'iosVppApp',
        platform: 'iOS/iPadOS',
        published: true,
      },
    ],
    assignments: {
      [APP]: [
        {
          id: `${GONE}_1_0`,
          target: { kind: 'group', groupId: GONE, exclude: false },
          intent: 'required',
        },
      ],
    },
  });

describe('planning a write from one read of the item, its assignments and its groups', () => {
  test('a write to a group the directory no longer has is refused, naming it', async () => {
    const plan = planAssignment(
      intune(),
      item,
      [include(SALES, 'Sales'), include(GONE, 'Old group')],
      {
        checkGroups: true,
      },
    );
    await expect(plan).rejects.toMatchObject({
      code: 'not-found',
      message: 'The group Old group no longer exists in Entra ID; nothing was written.',
    });
  });

  test('a review does not check the groups, and a removal of a deleted group is planned', async () => {
    const review = await planAssignment(intune(), item, include(GONE, 'Old group'));
    expect(review.outcome.kind).not.toBe('refused');
    const removed = await planAssignment(intune(), item, removal(GONE), { checkGroups: true });
    expect(removed.outcome.kind).toBe('write');
  });
});
