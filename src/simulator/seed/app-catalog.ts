/**
 * Real-world apps the seeded tenant deploys, by Intune app type. Each entry is
 * `[displayName, publisher, key]`; what `key` holds depends on the type (see `AppKey`).
 */

/** The app types the seed creates (the part after `#microsoft.graph.`). */
export type AppType =
  | 'win32LobApp'
  | 'iosVppApp'
  | 'iosStoreApp'
  | 'androidManagedStoreApp'
  | 'webApp'
  | 'winGetApp'
  | 'officeSuiteApp'
  | 'macOSLobApp'
  | 'microsoftStoreForBusinessApp';

/**
 * A catalog entry. `key` is the installer file (win32), bundle id (iOS, macOS), package id
 * (Android), URL (web), Store product id (winGet), Office product id, or package identity name
 * (Store for Business).
 */
export interface CatalogApp {
  type: AppType;
  name: string;
  publisher: string;
  key: string;
}

type Row = readonly [name: string, publisher: string, key: string];

const MS = 'Microsoft Corporation';

const WIN32: Row[] = [
  ['Slack', 'Slack Technologies', 'slack-standalone-x64.msi'],
  ['7-Zip', 'Igor Pavlov', '7z2408-x64.msi'],
  ['Google Chrome', 'Google LLC', 'googlechromestandaloneenterprise64.msi'],
  ['Mozilla Firefox', 'Mozilla', 'Firefox Setup 128.0esr.msi'],
  ['VLC media player', 'VideoLAN', 'vlc-3.0.21-win64.msi'],
  ['Microsoft Teams', MS, 'MSTeams-x64.msix'],
  ['Webex', 'Cisco Systems, Inc.', 'Webex.msi'],
  ['Citrix Workspace', 'Citrix Systems, Inc.', 'CitrixWorkspaceApp.exe'],
  ['Visual Studio Code', MS, 'VSCodeSetup-x64.exe'],
  ['Git for Windows', 'The Git Development Community', 'Git-2.46.0-64-bit.exe'],
  ['Python 3.12', 'Python Software Foundation', 'python-3.12.5-amd64.exe'],
  ['Power BI Desktop', MS, 'PBIDesktopSetup_x64.exe'],
  ['Bitwarden', 'Bitwarden Inc.', 'Bitwarden-Installer.exe'],
  ['1Password', 'AgileBits Inc.', '1PasswordSetup-latest.msi'],
  ['Okta Verify', 'Okta, Inc.', 'OktaVerifySetup.exe'],
  ['Cisco Secure Client', 'Cisco Systems, Inc.', 'cisco-secure-client-win-core-vpn.msi'],
  ['GlobalProtect', 'Palo Alto Networks', 'GlobalProtect64.msi'],
  ['FortiClient VPN', 'Fortinet', 'FortiClientVPN.msi'],
  ['Greenshot', 'Greenshot', 'Greenshot-INSTALLER-1.2.10.exe'],
  ['Paint.NET', 'dotPDN LLC', 'paint.net.install.x64.msi'],
  ['WinSCP', 'Martin Prikryl', 'WinSCP-6.3.4-Setup.exe'],
  ['PuTTY', 'Simon Tatham', 'putty-64bit-0.81-installer.msi'],
  ['KeePassXC', 'KeePassXC Team', 'KeePassXC-2.7.9-Win64.msi'],
  ['Adobe Creative Cloud', 'Adobe Inc.', 'Creative_Cloud_Set-Up.exe'],
  ['Adobe Acrobat Pro', 'Adobe Inc.', 'AcroPro.msi'],
  ['Tableau Desktop', 'Tableau Software', 'TableauDesktop-64bit.exe'],
  ['Docker Desktop', 'Docker Inc.', 'Docker Desktop Installer.exe'],
  ['Postman', 'Postman, Inc.', 'Postman-win64-Setup.exe'],
  ['Node.js LTS', 'OpenJS Foundation', 'node-v20.17.0-x64.msi'],
  ['Eclipse Temurin JRE 21', 'Eclipse Adoptium', 'OpenJDK21U-jre_x64_windows_hotspot.msi'],
  ['Microsoft Power Automate Desktop', MS, 'Setup.Microsoft.PowerAutomate.exe'],
  ['Snagit', 'TechSmith Corporation', 'snagit.msi'],
  ['Camtasia', 'TechSmith Corporation', 'camtasia.msi'],
  ['SAP GUI for Windows', 'SAP SE', 'SAPGUI_8.00_Setup.exe'],
  ['Dell Command | Update', 'Dell Inc.', 'Dell-Command-Update-Windows-Universal-Application.exe'],
  ['HP Support Assistant', 'HP Inc.', 'hp-hpia-5.2.1.exe'],
  ['Lenovo System Update', 'Lenovo', 'system_update_5.08.exe'],
  ['Remote Desktop', MS, 'RemoteDesktop_x64.msi'],
  ['Wireshark', 'The Wireshark developer community', 'Wireshark-4.2.6-x64.exe'],
  ['Audacity', 'Audacity Team', 'audacity-win-3.6.1-64bit.exe'],
  ['GIMP', 'The GIMP Team', 'gimp-2.10.38-setup.exe'],
  ['Inkscape', 'Inkscape Project', 'inkscape-1.3.2_2023-11-25_091e20e-x64.msi'],
  ['LibreOffice', 'The Document Foundation', 'LibreOffice_24.2.5_Win_x86-64.msi'],
  ['Foxit PDF Reader', 'Foxit Software Inc.', 'FoxitPDFReader20242_enu_Setup.msi'],
  ['RingCentral', 'RingCentral, Inc.', 'RingCentral-x64.msi'],
  ['Miro', 'RealtimeBoard, Inc.', 'Miro.msi'],
  ['Figma', 'Figma, Inc.', 'FigmaSetup.msi'],
  ['Microsoft Visual C++ Redistributable 2015-2022', MS, 'VC_redist.x64.exe'],
  ['.NET Desktop Runtime 8', MS, 'windowsdesktop-runtime-8.0.8-win-x64.exe'],
  ['PowerShell 7', MS, 'PowerShell-7.4.5-win-x64.msi'],
  ['Salesforce CLI', 'Salesforce, Inc.', 'sf-x64.exe'],
  ['ServiceNow Agent Client Collector', 'ServiceNow', 'agent-client-collector.msi'],
  ['Zscaler Client Connector', 'Zscaler, Inc.', 'Zscaler-windows-4.4.0-installer-x64.msi'],
  ['CrowdStrike Falcon Sensor', 'CrowdStrike, Inc.', 'WindowsSensor.exe'],
];

const IOS_VPP: Row[] = [
  ['Microsoft Teams', MS, 'com.microsoft.skype.teams'],
  ['Microsoft Word', MS, 'com.microsoft.Office.Word'],
  ['Microsoft Excel', MS, 'com.microsoft.Office.Excel'],
  ['Microsoft PowerPoint', MS, 'com.microsoft.Office.Powerpoint'],
  ['Microsoft OneDrive', MS, 'com.microsoft.skydrive'],
  ['Microsoft Edge', MS, 'com.microsoft.msedge'],
  ['Zoom Workplace', 'Zoom Video Communications, Inc.', 'us.zoom.videomeetings'],
  ['Slack', 'Slack Technologies', 'com.tinyspeck.chatlyio'],
  ['Salesforce', 'Salesforce, Inc.', 'com.salesforce.chatter'],
  ['Webex', 'Cisco Systems, Inc.', 'com.webex.meeting'],
  ['Citrix Workspace', 'Citrix Systems, Inc.', 'com.citrix.ReceiveriPad'],
  ['Power BI', MS, 'com.microsoft.powerbimobile'],
  ['Box', 'Box, Inc.', 'net.box.BoxNet'],
  ['DocuSign', 'DocuSign, Inc.', 'com.docusign.ink'],
];

const IOS_STORE: Row[] = [
  ['Company Portal', MS, 'com.microsoft.CompanyPortal'],
  ['Microsoft Outlook Lite', MS, 'com.microsoft.outlooklite'],
  ['ServiceNow Agent', 'ServiceNow', 'com.servicenow.onboarding'],
  ['Okta Verify', 'Okta, Inc.', 'com.okta.mobile'],
  ['1Password', 'AgileBits Inc.', 'com.1password.1password'],
  ['Bitwarden', 'Bitwarden Inc.', 'com.8bit.bitwarden'],
  ['Adobe Acrobat Reader', 'Adobe Inc.', 'com.adobe.Adobe-Reader'],
  ['Microsoft Defender', MS, 'com.microsoft.scmx'],
  ['Workday', 'Workday, Inc.', 'com.workday.workdayapp'],
  ['SAP Concur', 'Concur Technologies', 'com.concur.breeze'],
  ['Dropbox', 'Dropbox, Inc.', 'com.getdropbox.Dropbox'],
  ['Microsoft To Do', MS, 'com.microsoft.to-do'],
];

const ANDROID: Row[] = [
  ['Microsoft Outlook', MS, 'com.microsoft.office.outlook'],
  ['Microsoft Authenticator', MS, 'com.azure.authenticator'],
  ['Company Portal', MS, 'com.microsoft.windowsintune.companyportal'],
  ['Microsoft Edge', MS, 'com.microsoft.emmx'],
  ['Microsoft OneDrive', MS, 'com.microsoft.skydrive'],
  ['Microsoft Word', MS, 'com.microsoft.office.word'],
  ['Microsoft Excel', MS, 'com.microsoft.office.excel'],
  ['Zoom Workplace', 'Zoom Video Communications, Inc.', 'us.zoom.videomeetings'],
  ['Slack', 'Slack Technologies', 'com.Slack'],
  ['Salesforce', 'Salesforce, Inc.', 'com.salesforce.chatter'],
  ['ServiceNow Agent', 'ServiceNow', 'com.servicenow.fulfiller'],
  ['Webex', 'Cisco Systems, Inc.', 'com.cisco.wx2.android'],
  ['Okta Verify', 'Okta, Inc.', 'com.okta.android.auth'],
  ['1Password', 'AgileBits Inc.', 'com.onepassword.android'],
  ['Google Chrome', 'Google LLC', 'com.android.chrome'],
  ['Microsoft Defender', MS, 'com.microsoft.scmx'],
];

const WEB: Row[] = [
  ['ServiceNow Portal', 'ServiceNow', 'https://contoso.service-now.com/sp'],
  ['Workday', 'Workday, Inc.', 'https://wd3.myworkday.com/contoso'],
  ['SAP Concur', 'Concur Technologies', 'https://www.concursolutions.com'],
  ['Confluence', 'Atlassian', 'https://contoso.atlassian.net/wiki'],
  ['Jira', 'Atlassian', 'https://contoso.atlassian.net/jira'],
  ['Contoso Intranet', 'Contoso IT', 'https://contoso.sharepoint.com/sites/intranet'],
  ['HR Self-Service', 'Contoso HR', 'https://hr.contoso.com'],
  ['Benefits Portal', 'Contoso HR', 'https://benefits.contoso.com'],
  ['Microsoft 365 Copilot', MS, 'https://m365.cloud.microsoft'],
  ['Miro', 'RealtimeBoard, Inc.', 'https://miro.com/app'],
];

const WINGET: Row[] = [
  ['Microsoft To Do', MS, '9NBLGGH5R558'],
  ['Windows Terminal', MS, '9N0DX20HK701'],
  ['Microsoft Whiteboard', MS, '9MSPC6MP8FM4'],
  ['Microsoft PowerToys', MS, 'XP89DCGQ3K6VLD'],
  ['WhatsApp', 'WhatsApp Inc.', '9NKSQGP7F2NH'],
  ['Microsoft Authenticator', MS, '9NBLGGH4N0PZ'],
  ['Spotify', 'Spotify AB', '9NCBCSZSJRSB'],
  ['Microsoft Loop', MS, '9NSJLSVBHXD9'],
  ['Notion', 'Notion Labs, Inc.', 'XPFHR1XN5VZP4C'],
];

const OFFICE: Row[] = [
  ['Microsoft 365 Apps for business', MS, 'o365BusinessRetail'],
  ['Microsoft Visio Plan 2', MS, 'visioProRetail'],
  ['Microsoft Project Online Desktop Client', MS, 'projectProRetail'],
];

const MACOS: Row[] = [
  ['Slack', 'Slack Technologies', 'com.tinyspeck.slackmacgap'],
  ['Google Chrome', 'Google LLC', 'com.google.Chrome'],
  ['Mozilla Firefox', 'Mozilla', 'org.mozilla.firefox'],
  ['Visual Studio Code', MS, 'com.microsoft.VSCode'],
  ['Webex', 'Cisco Systems, Inc.', 'Cisco-Systems.Spark'],
  ['Citrix Workspace', 'Citrix Systems, Inc.', 'com.citrix.receiver.nomas'],
  ['1Password', 'AgileBits Inc.', 'com.1password.1password'],
  ['Company Portal', MS, 'com.microsoft.CompanyPortalMac'],
  ['Microsoft Edge', MS, 'com.microsoft.edgemac'],
  ['Adobe Acrobat Reader DC', 'Adobe Inc.', 'com.adobe.Reader'],
  ['VLC media player', 'VideoLAN', 'org.videolan.vlc'],
];

const STORE_FOR_BUSINESS: Row[] = [
  ['Microsoft To Do', MS, 'Microsoft.Todos'],
  ['Microsoft Sticky Notes', MS, 'Microsoft.MicrosoftStickyNotes'],
  ['Windows Calculator', MS, 'Microsoft.WindowsCalculator'],
  ['Microsoft Power BI', MS, 'Microsoft.MicrosoftPowerBIForWindows'],
];

function rows(type: AppType, list: Row[]): CatalogApp[] {
  return list.map(([name, publisher, key]) => ({ type, name, publisher, key }));
}

/** The catalog, in a fixed order. */
export const APP_CATALOG: readonly CatalogApp[] = [
  ...rows('win32LobApp', WIN32),
  ...rows('iosVppApp', IOS_VPP),
  ...rows('iosStoreApp', IOS_STORE),
  ...rows('androidManagedStoreApp', ANDROID),
  ...rows('webApp', WEB),
  ...rows('winGetApp', WINGET),
  ...rows('officeSuiteApp', OFFICE),
  ...rows('macOSLobApp', MACOS),
  ...rows('microsoftStoreForBusinessApp', STORE_FOR_BUSINESS),
];

/** Line-of-business app names for generated "Contoso ... (LOB)" apps. */
export const LOB_WORDS = [
  'Expense',
  'Timesheet',
  'Inventory',
  'Claims',
  'Dispatch',
  'Point of Sale',
  'Warehouse Scanner',
  'Travel',
  'Helpdesk',
  'Payroll',
  'Onboarding',
  'Visitor Check-in',
  'Safety Audit',
  'Fleet Manager',
  'Quote Builder',
  'Asset Tracker',
  'Shift Planner',
  'Lab Notebook',
  'Badge Printer',
  'Contract Viewer',
];

/** Display-name suffix per type, so the same product on two platforms keeps unique names. */
export const NAME_SUFFIX: Record<AppType, string> = {
  win32LobApp: '',
  iosVppApp: ' (iOS)',
  iosStoreApp: ' (iOS)',
  androidManagedStoreApp: ' (Android)',
  webApp: ' (Web)',
  winGetApp: '',
  officeSuiteApp: '',
  macOSLobApp: ' (macOS)',
  microsoftStoreForBusinessApp: ' (Store for Business)',
};
