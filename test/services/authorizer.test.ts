import { Authorizer } from '../../src/services';
import type { DirectoryPort } from '../../src/services/ports/directory';
import { WELL_KNOWN } from '../../src/simulator/seed';
import { graphHarness, type GraphHarness } from '../support/graph-harness';

/** Answers membership from a fixed table and records every question. */
class RecordingDirectory implements Pick<DirectoryPort, 'isMemberOfAny'> {
  readonly questions: [string, string[]][] = [];
  constructor(private readonly members: Record<string, string[]>) {}
  async isMemberOfAny(userId: string, groupIds: string[]): Promise<boolean> {
    this.questions.push([userId, groupIds]);
    return groupIds.some((g) => this.members[g]?.includes(userId));
  }
}

describe('the authorizer', () => {
  let h: GraphHarness;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());

  test('transitive members of the approvers group are approvers, others are not', async () => {
    const authorizer = new Authorizer({
      directory: h.graph.directory,
      approverGroupIds: [WELL_KNOWN.groups.approvers],
      approverUserIds: [],
    });

    expect(await authorizer.isApprover(WELL_KNOWN.users.approver1)).toBe(true);
    expect(await authorizer.isApprover(WELL_KNOWN.users.nestedApprover)).toBe(true);
    expect(await authorizer.isApprover(WELL_KNOWN.users.outsider)).toBe(false);
  });

  test('listed approver ids count in any case without asking the directory', async () => {
    const directory = new RecordingDirectory({});
    const authorizer = new Authorizer({
      directory,
      approverGroupIds: [],
      approverUserIds: ['ABCDEF00-0000-0000-0000-000000000001'],
    });

    expect(await authorizer.isApprover('abcdef00-0000-0000-0000-000000000001')).toBe(true);
    expect(await authorizer.isApprover('abcdef00-0000-0000-0000-000000000002')).toBe(false);
    expect(directory.questions).toEqual([]);
  });

  test('everyone may request unless a requesters group is configured', async () => {
    const directory = new RecordingDirectory({ requesters: ['u1'] });
    const open = new Authorizer({ directory, approverGroupIds: [], approverUserIds: [] });
    const closed = new Authorizer({
      directory,
      approverGroupIds: [],
      approverUserIds: [],
      requesterGroupId: 'requesters',
    });

    expect(await open.isAllowedRequester('u2')).toBe(true);
    expect(await closed.isAllowedRequester('u1')).toBe(true);
    expect(await closed.isAllowedRequester('u2')).toBe(false);
  });

  test('it is built from the configuration', async () => {
    const directory = new RecordingDirectory({ g: ['u1'] });
    const authorizer = Authorizer.fromConfig(directory, {
      APPROVER_GROUP_ID: 'g',
      APPROVER_USER_IDS: 'C84F72D8-3FFC-4F0D-BD3B-AAEB389EB410',
      REQUESTER_GROUP_ID: undefined,
    });

    expect(await authorizer.isApprover('u1')).toBe(true);
    expect(await authorizer.isApprover('c84f72d8-3ffc-4f0d-bd3b-aaeb389eb410')).toBe(true);
    expect(await authorizer.isAllowedRequester('anyone')).toBe(true);
  });
});
