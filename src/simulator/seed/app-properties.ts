import type { CatalogApp } from './app-catalog';
import type { Rng } from './random';

/** Properties specific to an app's type, as plain JSON in their beta shape. */
export function typeProperties(app: CatalogApp, rng: Rng): Record<string, unknown> {
  const { key, name } = app;
  switch (app.type) {
    case 'win32LobApp': {
      const msi = key.endsWith('.msi');
      return {
        fileName: `${key.replace(/\.[^.]+$/, '')}.intunewin`,
        setupFilePath: key,
        installCommandLine: msi ? `msiexec /i "${key}" /qn /norestart` : `"${key}" /S`,
        uninstallCommandLine: msi ? `msiexec /x "${key}" /qn /norestart` : `"${key}" /uninstall /S`,
        displayVersion: `${rng.int(1, 30)}.${rng.int(0, 9)}.${rng.int(0, 99)}`,
        applicableArchitectures: 'x64',
        installExperience: { runAsAccount: 'system', deviceRestartBehavior: 'suppress' },
      };
    }
    case 'iosVppApp': {
      const total = rng.int(25, 2000);
      return {
        bundleId: key,
        appStoreUrl: appStoreUrl(name, rng),
        vppTokenAppleId: 'vpp-admin@contoso.com',
        vppTokenOrganizationName: 'Contoso Ltd.',
        licensingType: {
          supportUserLicensing: true,
          supportDeviceLicensing: true,
          supportsUserLicensing: true,
          supportsDeviceLicensing: true,
        },
        totalLicenseCount: total,
        usedLicenseCount: rng.int(0, total),
        applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
      };
    }
    case 'iosStoreApp':
      return {
        bundleId: key,
        appStoreUrl: appStoreUrl(name, rng),
        applicableDeviceType: { iPad: true, iPhoneAndIPod: true },
      };
    case 'androidManagedStoreApp':
      return {
        packageId: key,
        appIdentifier: key,
        appStoreUrl: `https://play.google.com/store/apps/details?id=${key}`,
        isPrivate: false,
        isSystemApp: false,
        supportsOemConfig: false,
      };
    case 'webApp':
      return { appUrl: key, useManagedBrowser: rng.chance(0.5) };
    case 'winGetApp':
      return {
        packageIdentifier: key,
        installExperience: { runAsAccount: rng.chance(0.7) ? 'user' : 'system' },
      };
    case 'officeSuiteApp':
      return {
        productIds: [key],
        updateChannel: 'monthlyEnterprise',
        officePlatformArchitecture: 'x64',
        autoAcceptEula: true,
        useSharedComputerActivation: false,
      };
    case 'macOSLobApp':
      return {
        bundleId: key,
        fileName: `${name.replace(/[^A-Za-z0-9]+/g, '')}.pkg`,
        versionNumber: `${rng.int(1, 20)}.${rng.int(0, 9)}`,
        buildNumber: String(rng.int(100, 9999)),
        ignoreVersionDetection: true,
      };
    case 'microsoftStoreForBusinessApp': {
      const total = rng.int(50, 5000);
      return {
        packageIdentityName: key,
        productKey: `9WZDNCRF${rng.int(1000, 9999)}/0010`,
        licenseType: rng.chance(0.5) ? 'offline' : 'online',
        totalLicenseCount: total,
        usedLicenseCount: rng.int(0, total),
      };
    }
  }
}

function appStoreUrl(name: string, rng: Rng): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `https://apps.apple.com/us/app/${slug}/id${rng.int(284_000_000, 1_699_999_999)}`;
}
