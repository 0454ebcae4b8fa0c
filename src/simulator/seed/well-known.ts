/**
 * Stable ids of the seeded tenant's landmark objects. Tests and demos address these directly, so
 * they never change with the scale or with the rest of the seed.
 */
export const WELL_KNOWN = {
  apps: {
    /** "Zoom Workplace": win32LobApp with an include (settings + include filter), an exclusion, All users and All devices (exclude filter). */
    win32: '16435ff1-3a0d-4c18-b18c-17ff303ad2d3',
    /** "Notepad++": published win32LobApp without assignments. */
    win32Unassigned: 'c77c1d54-d0b2-41ee-bcfd-65085dc231c5',
    iosVpp: '452680f7-bef4-4ce8-a6ef-c8e4907ccf55',
    iosStore: '1010fe2f-0a6b-42f7-89f3-2cb0fa7ca6f7',
    androidManagedStore: '5e84c59e-301a-48a2-a64b-d4703984f7c7',
    webApp: '8c47ff2c-77ba-4059-952e-dcb894921010',
    /** "Company Portal" from the Microsoft Store (new). */
    winGet: '2fa0cbd9-d731-4f15-ba22-6796aff6532d',
    /** "Microsoft 365 Apps for enterprise". */
    officeSuite: 'cbf65b7b-3fee-4613-9a7e-3b621945540a',
    /**
     * "Zoom Workplace" for macOS: tagged only with scope tag `1` ("Finance apps"), so only a user
     * whose Intune role covers tag 1 (approver1) may assign it with a delegated token.
     */
    macOSLob: '02533438-8312-429b-ae79-1d7a1cc1fe6f',
    storeForBusiness: 'dbbc9597-8f62-4ec8-87e5-49e3d362d282',
    /** "Adobe Acrobat Reader DC": one assignment comes from a policy set. */
    policySet: '9436c231-d8ce-43cf-ae4a-3ec171ab0445',
    /** publishingState `notPublished`, no assignments. */
    unpublished: '00219b77-902a-4ea2-b727-f7708712efa1',
  },
  configPolicies: {
    /** "Outlook iOS - Corporate accounts", one group assignment. */
    ios: 'b5d33c30-b70b-4754-a01b-a145058c484f',
    /** "Teams Android - Org allowed accounts", no assignments. */
    android: '63c59186-caa9-4ae3-bab3-153bf4f1d850',
    /** "Zebra OEMConfig - Warehouse scanners": an OEMConfig profile, one group assignment. */
    oemConfig: '5b0f7a3e-2c4d-4e6f-8a1b-3c5d7e9f0a2b',
  },
  managedAppConfigs: {
    /** "Outlook - Managed apps settings": includes Sales, excludes Pilot users. */
    outlook: '3f1b7c52-5d0e-4a1f-9b7e-2c8d4e6a9f01',
    /** "Teams - Org allowed accounts (managed apps)": includes Marketing. */
    teams: '8a2e4d6f-1b3c-4e5a-8f7d-9c0b1a2e3d45',
    /** "Edge - Managed bookmarks (managed apps)": no assignments. */
    edge: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
  },
  groups: {
    sales: '67052cda-1180-473e-8764-7833a22352e3',
    marketing: 'cfc7cb38-cc92-4465-99e9-62cdc9b01af4',
    engineering: 'dbfd0d05-a41e-4f1a-924a-d9385c7cefb2',
    pilotUsers: 'e85b5609-6c40-4672-9558-b2e2c8ce771e',
    /** "Intune App Approvers". */
    approvers: '7dc8150d-2206-415a-9056-716442ae4d1a',
    /** Direct member of `approvers`. */
    approversNested: '7c6355e8-ff81-40ed-ab99-c4ae5ffd668a',
    /** Direct member of `approversNested`: two levels below `approvers`. */
    approversNestedDeep: '03fe084b-e679-40b5-9cdf-89e5076de352',
    /** "Intune App Requesters". */
    requesters: '7c8212d2-6989-46e9-b60a-7b5f7b7cb367',
  },
  users: {
    /** Member of `requesters` (and `marketing`). No Intune role. */
    requester: '5874a82d-739c-46e8-89bb-77c6690ee3c1',
    /**
     * Direct member of `approvers`. Intune role: Application Manager over scope tags `0` and `1`,
     * so a delegated token of theirs may assign every app.
     */
    approver1: 'c84f72d8-3ffc-4f0d-bd3b-aaeb389eb410',
    /**
     * Direct member of `approvers`. Intune role: Application Manager over scope tag `0` only, so
     * a delegated token of theirs may assign every app but `apps.macOSLob` (tag `1`).
     */
    approver2: 'e014f8cf-6715-4550-996f-bfc016cac48c',
    /**
     * Member of `approversNestedDeep` only: a transitive approver. No Intune role: a delegated
     * token of theirs may neither read nor assign apps.
     */
    nestedApprover: 'c4ce7cbb-9c38-4298-b0c7-bf610c9ce076',
    /** Member of no group at all. No Intune role. */
    outsider: 'aaf6d740-6d75-46c6-8103-fdb616924407',
  },
  /** Intune scope tags (`deviceManagement/roleScopeTags`). */
  scopeTags: {
    /** "Default": built in; the tag of every item that lists none. */
    default: '0',
    /** "Finance apps": only `apps.macOSLob` carries it. */
    financeApps: '1',
  },
  /** The simulated tenant's built-in Intune role definitions (see `rbac/roles.ts`). */
  intuneRoles: {
    /** Reads, creates, updates and assigns apps and managed-app policies. */
    applicationManager: '5a1f4a3e-7c2b-4d6e-9f10-3b8c2d4e6a01',
    /** Entra ID's Intune Administrator: everything, not limited by scope tags. */
    intuneAdministrator: '5a1f4a3e-7c2b-4d6e-9f10-3b8c2d4e6a02',
    /** Reads, and assigns apps and managed-app policies. */
    helpDeskOperator: '5a1f4a3e-7c2b-4d6e-9f10-3b8c2d4e6a03',
    /** Reads only. */
    readOnlyOperator: '5a1f4a3e-7c2b-4d6e-9f10-3b8c2d4e6a04',
  },
  filters: {
    windowsCorporate: 'be136b91-ab10-4901-9702-a51d3ae50975',
    iosCorporate: 'd70fd405-23e3-4b16-995f-9f2eec57f619',
    androidCorporate: '6a85b658-c015-40f7-a5b3-a0a605e5203f',
  },
} as const;

/** The exclude filter on Zoom's All devices assignment ("Windows - Shared and kiosk devices"). */
export const KIOSK_FILTER_ID = '30c0191f-ad28-4332-8203-af8d73adfaef';

/** The policy set that deploys Adobe Acrobat Reader DC to the pilot users. */
export const BASELINE_POLICY_SET_ID = '93f56649-a95f-4c5d-ab6d-e2a9c7e6efd5';

/** Intune's fixed virtual group ids, used in assignment ids. */
export const ALL_USERS_VIRTUAL_ID = 'acacacac-9df4-4c7d-9d50-4ef0226f57a9';
export const ALL_DEVICES_VIRTUAL_ID = 'adadadad-808e-44e2-905a-0b7873a8a531';
