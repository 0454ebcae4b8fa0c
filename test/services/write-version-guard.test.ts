import type { RequestedAssignment } from '../../src/domain/assignment';
import { AppError } from '../../src/domain/errors';
import { planAssignment } from '../../src/services/assignment-plan';
import { MemoryIntune, type MemoryAssignment } from '../../src/services/memory-intune';
import type { IntuneVersion } from '../../src/services/ports/intune';
import { assignThrough } from '../support/assign-through';

const APP = '452680f7-bef4-4ce8-a6ef-c8e4907ccf55';
const MARKETING = 'cfc7cb38-cc92-4465-99e9-62cdc9b01af4';
const SALES = '67052cda-1180-473e-8764-7833a22352e3';
const FILTER = 'd70fd405-23e3-4b16-995f-9f2eec57f619';
const item = { kind: 'app' as const, id: APP };

const marketing = (extra: Partial<MemoryAssignment> = {}): MemoryAssignment => ({
  id: `${MARKETING}_1_0`,
  target: { kind: 'group', groupId: MARKETING, exclude: false },
  intent: 'required',
  ...extra,
});

const salesRequired: RequestedAssignment = {
  target: { kind: 'group', groupId: SALES, exclude: false },
  targetName: 'Sales',
  intent: 'required',
};

function tenant(version: IntuneVersion, existing: MemoryAssignment) {
  return new MemoryIntune({
    version,
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
    assignments: { [APP]: [existing] },
  });
}

const failure = (intune: MemoryIntune, requested = salesRequired) =>
  assignThrough(intune, item, requested, { justification: 'x' }).catch((e: unknown) => e);

describe('what a write in the port version would lose is refused, in memory', () => {
  test('an assignment carrying settings v1.0 cannot express refuses a v1.0 write, naming them', async () => {
    const intune = tenant('v1.0', marketing({ unwritable: ['settings.isRemovable'] }));
    const before = await intune.getAssignments(item);
    expect(await failure(intune)).toMatchObject({
      code: 'settings-would-be-lost',
      message: expect.stringContaining('cannot express (isRemovable)'),
    });
    expect(await intune.getAssignments(item)).toEqual(before);
  });

  test('an assignment with a filter refuses a v1.0 write, and beta writes it keeping the filter', async () => {
    const filtered = marketing({ filter: { id: FILTER, mode: 'include' } });
    expect(await failure(tenant('v1.0', filtered))).toMatchObject({
      code: 'filters-would-be-lost',
    });
    const beta = tenant('beta', filtered);
    const done = await assignThrough(beta, item, salesRequired, { justification: 'x' });
    expect(done.status).toBe('assigned');
    expect((await beta.getAssignments(item))[0]?.filter).toEqual({ id: FILTER, mode: 'include' });
  });

  test('a requested filter is refused under v1.0', async () => {
    const requested = { ...salesRequired, filter: { id: FILTER, mode: 'include' as const } };
    expect(await failure(tenant('v1.0', marketing()), requested)).toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('Assignment filters need the beta Graph API'),
    });
  });

  test('a policy set is named before anything else', async () => {
    const both = marketing({ fromPolicySet: true, unwritable: ['settings.isRemovable'] });
    expect(await failure(tenant('v1.0', both))).toMatchObject({ code: 'policy-set' });
  });

  test('re-stating the existing assignment is "already assigned": nothing is written, so nothing is lost', async () => {
    const intune = tenant('v1.0', marketing({ unwritable: ['settings.isRemovable'] }));
    const again: RequestedAssignment = {
      ...salesRequired,
      target: { kind: 'group', groupId: MARKETING, exclude: false },
      targetName: 'Marketing',
    };
    const done = await assignThrough(intune, item, again, { justification: 'x' });
    expect(done.status).toBe('already-assigned');
  });

  test('under v1.0 an assignment carrying what v1.0 cannot express may be removed, but not kept by a re-post', async () => {
    const carrying = marketing({ unwritable: ['settings.isRemovable'] });
    const sales: MemoryAssignment = {
      id: `${SALES}_1_0`,
      target: { kind: 'group', groupId: SALES, exclude: false },
      intent: 'required',
    };
    const intune = tenant('v1.0', carrying);
    await intune.writeAssignments(
      item,
      [
        ...(await intune.getAssignments(item)).map((current) => ({
          kind: 'keep' as const,
          current,
        })),
        { kind: 'add', requested: salesRequired },
      ],
      { justification: 'x', appType: 'iosVppApp' },
    );
    const removal = (groupId: string, targetName: string): RequestedAssignment => ({
      action: 'remove',
      target: { kind: 'group', groupId, exclude: false },
      targetName,
      intent: 'required',
    });

    await expect(planAssignment(intune, item, removal(SALES, 'Sales'))).rejects.toMatchObject({
      code: 'settings-would-be-lost',
    });
    const plan = await planAssignment(intune, item, removal(MARKETING, 'Marketing'));
    if (plan.outcome.kind !== 'write') throw new AppError('invalid-state', plan.outcome.kind);
    expect(plan.outcome.next).toEqual([
      expect.objectContaining({
        kind: 'keep',
        current: expect.objectContaining({ target: sales.target }),
      }),
    ]);
  });
});
