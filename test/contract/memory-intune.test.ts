import type { AppSummary } from '../../src/services/ports/intune';
import { MemoryIntune } from '../../src/services/memory-intune';
import { describeIntuneContract } from './intune.contract';

const SALES = '67052cda-1180-473e-8764-7833a22352e3';
const CONTRACTORS = 'cfc7cb38-cc92-4465-99e9-62cdc9b01af4';
const VPN = '16435ff1-3a0d-4c18-b18c-17ff303ad2d3';
const NOTEPAD = 'c77c1d54-d0b2-41ee-bcfd-65085dc231c5';
const ACROBAT = '9436c231-d8ce-43cf-ae4a-3ec171ab0445';
const PILOT = 'e85b5609-6c40-4672-9558-b2e2c8ce771e';
const POLICY = 'b5d33c30-b70b-4754-a01b-a145058c484f';

const win32 = (id: string, name: string): AppSummary => ({
  id,
  name,
  publisher: 'Contoso',
  appType: 'win32LobApp',
  platform: 'Windows',
  published: true,
});

const ENGINEERING = 'dbfd0d05-a41e-4f1a-924a-d9385c7cefb2';

describeIntuneContract('in-memory', async () => {
  const intune = new MemoryIntune({
    groups: [SALES, CONTRACTORS, PILOT, ENGINEERING],
    apps: [win32(VPN, 'Contoso VPN'), win32(NOTEPAD, 'Notepad++'), win32(ACROBAT, 'Acrobat')],
    policies: [
      {
        id: POLICY,
        name: 'Outlook iOS - Corporate accounts',
        policyType: 'iosMobileAppConfiguration',
        platform: 'iOS/iPadOS',
        assignmentCount: 0,
      },
    ],
    assignments: {
      [ACROBAT]: [
        {
          id: `${PILOT}_1_0`,
          target: { kind: 'group', groupId: PILOT, exclude: false },
          intent: 'required',
          fromPolicySet: true,
        },
        { id: 'allUsers_0_0', target: { kind: 'allUsers' }, intent: 'available' },
      ],
      [VPN]: [
        {
          id: `${SALES}_1_0`,
          target: { kind: 'group', groupId: SALES, exclude: false },
          intent: 'required',
          settings: { '@odata.type': '#microsoft.graph.win32LobAppAssignmentSettings' },
        },
        {
          id: `${CONTRACTORS}_1_1`,
          target: { kind: 'group', groupId: CONTRACTORS, exclude: true },
          intent: 'required',
        },
      ],
    },
  });
  return {
    intune,
    version: 'beta',
    assignedApp: { id: VPN, name: 'Contoso VPN' },
    unassignedApp: NOTEPAD,
    policySetApp: ACROBAT,
    policy: POLICY,
    freeGroups: [
      { id: ENGINEERING, name: 'Engineering' },
      { id: PILOT, name: 'Intune Pilot Users' },
    ],
    failNextWrite: () => intune.failNextWrites(1),
    requireApproval: () => intune.requireApproval(),
    decide: (code, decision) => intune.decide(code, decision),
  };
});
