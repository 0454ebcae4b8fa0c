import type { GraphObject } from '../tenant-data';
import { APP_CATALOG, LOB_WORDS, NAME_SUFFIX, type AppType, type CatalogApp } from './app-catalog';
import { typeProperties } from './app-properties';
import { at, type Rng } from './random';
import { WELL_KNOWN } from './well-known';

/** A seeded app and what the assignment generator needs to know about it. */
export interface SeededApp {
  object: GraphObject;
  type: AppType;
  published: boolean;
}

type PublishingState = 'published' | 'notPublished' | 'processing';

const OWNERS = [
  'Contoso IT',
  'Workplace Engineering',
  'End User Computing',
  'Security Operations',
  'Contoso Service Desk',
];

const TYPE_LABEL: Record<AppType, string> = {
  win32LobApp: 'Windows app (Win32) for Windows 10 and later',
  iosVppApp: 'iOS/iPadOS app licensed through Apple Business Manager (VPP)',
  iosStoreApp: 'iOS/iPadOS app from the App Store',
  androidManagedStoreApp: 'Android app from Managed Google Play',
  webApp: 'web link opened in Microsoft Edge',
  winGetApp: 'Microsoft Store app (new)',
  officeSuiteApp: 'Microsoft 365 Apps suite for Windows 10 and later',
  macOSLobApp: 'macOS line-of-business app (.pkg)',
  microsoftStoreForBusinessApp: 'app synced from Microsoft Store for Business',
};

/** Builds a `mobileApp` with the common properties and its type's own. */
export function buildApp(options: {
  id: string;
  entry: CatalogApp;
  displayName: string;
  rng: Rng;
  state?: PublishingState;
}): SeededApp {
  const { id, entry, displayName, rng } = options;
  const state = options.state ?? 'published';
  const domain = entry.publisher
    .replace(/^The /, '')
    .split(/[ ,.]/)[0]
    ?.toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const site = `https://www.${domain || 'contoso'}.com`;
  const created = rng.date('2024-01-01T00:00:00Z', '2025-12-31T23:59:59Z');
  const object: GraphObject = {
    '@odata.type': `#microsoft.graph.${entry.type}`,
    id,
    displayName,
    description: `${entry.name} by ${entry.publisher}: ${TYPE_LABEL[entry.type]}.`,
    publisher: entry.publisher,
    developer: entry.publisher,
    owner: rng.pick(OWNERS),
    notes: `Approved by the Workplace CAB, change CHG${rng.int(10000, 99999)}.`,
    informationUrl: site,
    privacyInformationUrl: `${site}/privacy`,
    isFeatured: rng.chance(0.08),
    createdDateTime: created,
    lastModifiedDateTime: rng.date(created, '2026-03-31T23:59:59Z'),
    publishingState: state,
    isAssigned: false,
    roleScopeTagIds: ['0'],
    ...typeProperties(entry, rng),
  };
  return { object, type: entry.type, published: state === 'published' };
}

const MS = 'Microsoft Corporation';
const ZOOM = 'Zoom Video Communications, Inc.';
const A = WELL_KNOWN.apps;

/** The landmark apps, in a fixed order; their assignments come from `wellKnownAssignments`. */
export function wellKnownApps(rng: Rng): SeededApp[] {
  const specs: [string, AppType, string, string, string, PublishingState?][] = [
    [A.win32, 'win32LobApp', 'Zoom Workplace', ZOOM, 'ZoomInstallerFull.msi'],
    [
      A.win32Unassigned,
      'win32LobApp',
      'Notepad++',
      'Notepad++ Team',
      'npp.8.6.9.Installer.x64.exe',
    ],
    [A.iosVpp, 'iosVppApp', 'Microsoft Outlook', MS, 'com.microsoft.Office.Outlook'],
    [A.iosStore, 'iosStoreApp', 'Microsoft Authenticator', MS, 'com.microsoft.azureauthenticator'],
    [A.androidManagedStore, 'androidManagedStoreApp', 'Microsoft Teams', MS, 'com.microsoft.teams'],
    [A.webApp, 'webApp', 'Salesforce', 'Salesforce, Inc.', 'https://contoso.my.salesforce.com'],
    [A.winGet, 'winGetApp', 'Company Portal', MS, '9WZDNCRFJ3PZ'],
    [A.officeSuite, 'officeSuiteApp', 'Microsoft 365 Apps for enterprise', MS, 'o365ProPlusRetail'],
    [A.macOSLob, 'macOSLobApp', 'Zoom Workplace', ZOOM, 'us.zoom.xos'],
    [
      A.storeForBusiness,
      'microsoftStoreForBusinessApp',
      'Microsoft Whiteboard',
      MS,
      'Microsoft.Whiteboard',
    ],
    [
      A.policySet,
      'win32LobApp',
      'Adobe Acrobat Reader DC',
      'Adobe Inc.',
      'AcroRdrDCx642400220857_en_US.exe',
    ],
    [
      A.unpublished,
      'win32LobApp',
      'Contoso Field Service 2.0',
      'Contoso IT',
      'ContosoFieldService.msi',
      'notPublished',
    ],
  ];
  return specs.map(([id, type, name, publisher, key, state]) => {
    const entry: CatalogApp = { type, name, publisher, key };
    const displayName = state === 'notPublished' ? `${name} (LOB)` : name + NAME_SUFFIX[type];
    const app = buildApp({ id, entry, displayName, rng, state });
    if (id === A.macOSLob) app.object.roleScopeTagIds = [WELL_KNOWN.scopeTags.financeApps];
    return app;
  });
}

const TAGS = [
  'Pilot',
  'Kiosk',
  'EMEA',
  'APAC',
  'AMER',
  'Frontline',
  'Shared Devices',
  'Lab',
  'Executives',
  'Contractors',
];

/** The `cycle`-th extra deployment of a catalog product: an audience, then later waves of it. */
function variantName(entry: CatalogApp, cycle: number): string {
  const tag = at(TAGS, cycle % TAGS.length);
  const wave = Math.floor(cycle / TAGS.length);
  return `${entry.name} - ${tag}${wave > 0 ? ` (wave ${wave + 1})` : ''}`;
}

/** The `index`-th in-house line-of-business app, alternating Windows and macOS. */
function lobEntry(index: number): { entry: CatalogApp; name: string } {
  const word = at(LOB_WORDS, index % LOB_WORDS.length);
  const mac = Math.floor(index / LOB_WORDS.length) % 2 === 1;
  const cycle = Math.floor(index / (LOB_WORDS.length * 2));
  const version = `${1 + (cycle % 9)}.${Math.floor(cycle / 9)}`;
  const compact = word.replace(/[^A-Za-z]/g, '');
  const entry: CatalogApp = mac
    ? {
        type: 'macOSLobApp',
        name: `Contoso ${word}`,
        publisher: 'Contoso IT',
        key: `com.contoso.${compact.toLowerCase()}`,
      }
    : {
        type: 'win32LobApp',
        name: `Contoso ${word}`,
        publisher: 'Contoso IT',
        key: `Contoso${compact}Setup.msi`,
      };
  return { entry, name: `Contoso ${word} ${version}${mac ? ' for Mac' : ''} (LOB)` };
}

/**
 * `count` further apps: the catalog once in a shuffled order, then versions and audience variants
 * of it, with one in three an in-house LOB app. `usedNames` (the landmark names) keeps names unique.
 */
export function generatedApps(count: number, usedNames: Set<string>, rng: Rng): SeededApp[] {
  const catalog = [...APP_CATALOG];
  for (let i = catalog.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [catalog[i], catalog[j]] = [at(catalog, j), at(catalog, i)];
  }
  const apps: SeededApp[] = [];
  let variants = 0;
  let lobs = 0;
  for (let k = 0; k < count; k++) {
    let entry: CatalogApp;
    let name: string;
    if (k < catalog.length) {
      entry = at(catalog, k);
      name = entry.name + NAME_SUFFIX[entry.type];
    } else if ((k - catalog.length) % 3 === 2) {
      ({ entry, name } = lobEntry(lobs++));
    } else {
      entry = at(catalog, variants % catalog.length);
      name = variantName(entry, Math.floor(variants++ / catalog.length)) + NAME_SUFFIX[entry.type];
    }
    while (usedNames.has(name)) name = `${name} (${k})`;
    usedNames.add(name);
    const roll = rng.next();
    const state = roll < 0.02 ? 'notPublished' : roll < 0.03 ? 'processing' : 'published';
    apps.push(buildApp({ id: rng.guid(), entry, displayName: name, rng, state }));
  }
  return apps;
}
