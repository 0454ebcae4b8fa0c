import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../src/playground/playground';
import { WELL_KNOWN } from '../../src/simulator/seed';

/**
 * `npm run test:browser`: the playground's whole flow in Debian's Chromium, driven with
 * playwright-core (no browser download). Megan Bowen requests Zoom Workplace for Sales through the
 * wizard in Web Chat; Patti Fernandez approves in the channel thread; the thread reports the
 * assignment with Graph's request id and the Graph panel shows the assign body. Then the same run
 * in the Slack view: Megan requests Zoom for the pilot users with the slash command and the modal,
 * Patti approves in the Slack channel. Each step leaves a screenshot in test-results/playground/; the
 * Teams approval's is copied to docs/playground.png.
 */

const SHOTS = join('test-results', 'playground');
const DOCS_SHOT = join('docs', 'playground.png');
const TIMEOUT = 15_000;

interface Run {
  page: Page;
  playground: Playground;
  step: number;
  /** Where this run's screenshots go. */
  shots: string;
}

const chat = (page: Page) => page.locator('.webchat-host:not([hidden])');
const threads = (page: Page) => page.locator('#threads');
const writesPanel = (page: Page) => page.locator('#writes');

/** Web Chat renders a hidden copy of each card button: the visible one, last on the page. */
function button(scope: Locator, title: string): Locator {
  return scope
    .locator('button.ac-pushButton', { hasText: new RegExp(`^\\s*${title}\\s*$`) })
    .filter({ visible: true })
    .last();
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A radio choice of an `Input.ChoiceSet` by the start of its title (`$` ends an exact one). */
function choice(scope: Locator, title: string): Locator {
  const exact = title.endsWith('$');
  const text = escape(exact ? title.slice(0, -1) : title);
  const pattern = new RegExp(`^\\s*${text}${exact ? '\\s*$' : ''}`);
  return scope.locator('label', { hasText: pattern }).filter({ visible: true }).last();
}

async function clickAndWait(scope: Locator, title: string, next: Locator): Promise<void> {
  await button(scope, title).click();
  await next.first().waitFor({ state: 'visible', timeout: TIMEOUT });
}

async function step(run: Run, name: string, work: () => Promise<void>): Promise<void> {
  run.step += 1;
  const label = `${String(run.step).padStart(2, '0')}-${name}`;
  const started = Date.now();
  try {
    await work();
  } catch (error) {
    await run.page
      .screenshot({ path: join(run.shots, `${label}-FAILED.png`) })
      .catch(() => undefined);
    console.error(`  ✗ ${label}`);
    throw error;
  }
  // Let the last card finish rendering before the picture.
  await run.page.waitForTimeout(250);
  await run.page.screenshot({ path: join(run.shots, `${label}.png`) });
  console.log(`  ✓ ${label} (${Date.now() - started} ms)`);
}

async function walk(run: Run): Promise<void> {
  const { page } = run;
  const me = chat(page);

  await step(run, 'welcome', async () => {
    await page.goto(run.playground.url);
    await button(me, 'New request').waitFor({ timeout: TIMEOUT });
    await threads(page).getByText('No approval requests yet.').waitFor();
  });

  await step(run, 'assign', async () => {
    const input = me.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('assign');
    await input.press('Enter');
    await choice(me, 'A mobile app$').waitFor({ timeout: TIMEOUT });
  });

  await step(run, 'choose-app', async () => {
    await choice(me, 'A mobile app$').click();
    await clickAndWait(me, 'Next', me.getByLabel('Search by name').filter({ visible: true }));
  });

  await step(run, 'search-zoom', async () => {
    await me.getByLabel('Search by name').filter({ visible: true }).fill('zoom');
    await clickAndWait(me, 'Search', choice(me, 'Zoom Workplace — '));
  });

  await step(run, 'target-search-sales', async () => {
    await choice(me, 'Zoom Workplace — ').click();
    const groupSearch = me.getByLabel('Search groups by name').filter({ visible: true });
    await clickAndWait(me, 'Next', groupSearch);
    await groupSearch.fill('sales');
    await clickAndWait(me, 'Search', choice(me, 'Sales — '));
  });

  await step(run, 'intent-required', async () => {
    await choice(me, 'Sales — ').click();
    await clickAndWait(me, 'Next', choice(me, 'Required'));
    await choice(me, 'Required').click();
  });

  await step(run, 'settings-checked', async () => {
    await clickAndWait(me, 'Next', button(me, 'Use defaults'));
    const deadline = me.getByLabel(/Installation deadline/).filter({ visible: true });
    await deadline.fill('2025-01-10');
    const passed = me.getByText(/has already passed; choose a later one/);
    await clickAndWait(me, 'Next', passed.filter({ visible: true }));
  });

  await step(run, 'review', async () => {
    const justification = me.getByLabel(/Justification/).filter({ visible: true });
    await clickAndWait(me, 'Use defaults', justification);
    await justification.fill('Sales moves to Zoom Workplace on 1 March.');
    await clickAndWait(me, 'Next', me.getByText('+ Sales (required)').filter({ visible: true }));
  });

  await step(run, 'submitted', async () => {
    await clickAndWait(me, 'Submit', me.getByText(/REQ-\d+/).filter({ visible: true }));
    await threads(page).locator('.thread').first().waitFor({ timeout: TIMEOUT });
    // The requester sees the request's status in the channel, never Approve.
    await threads(page)
      .getByText(/REQ-\d+/)
      .first()
      .waitFor();
    if ((await button(threads(page), 'Approve').count()) > 0)
      throw new Error('The requester was shown Approve in the channel thread.');
  });

  await step(run, 'joni-sees-status', async () => {
    // Not an approver: the card is not refreshed for Joni, who sees the status only.
    await page.locator('.persona[data-persona="joni"]').click();
    await threads(page).getByText('Waiting for approval.').waitFor({ timeout: TIMEOUT });
    await page.waitForTimeout(500);
    if ((await button(threads(page), 'Approve').count()) > 0)
      throw new Error('Joni, who is not an approver, was shown Approve.');
  });

  await step(run, 'patti-sees-approve', async () => {
    await page.locator('.persona[data-persona="patti"]').click();
    await button(threads(page), 'Approve').waitFor({ timeout: TIMEOUT });
    await button(threads(page), 'Reject').waitFor();
    // Approvers also get the request in their chat with the bot.
    await chat(page)
      .getByText(/REQ-\d+ · Pending approval/)
      .filter({ visible: true })
      .waitFor();
  });

  await step(run, 'approved-and-assigned', async () => {
    await button(threads(page), 'Approve').click();
    await threads(page)
      .getByText(/is done: \+ Sales \(required\)/)
      .waitFor({ timeout: TIMEOUT });
    await writesPanel(page).locator('.write').first().waitFor({ timeout: TIMEOUT });
    const write = run.playground.sim.control.writes()[0];
    if (!write) throw new Error('The simulated tenant recorded no write.');
    await threads(page).locator('.reply-text', { hasText: write.requestId }).waitFor();
    await writesPanel(page).getByText(write.requestId).waitFor();
    const body = await writesPanel(page).locator('pre.json').first().innerText();
    if (!body.includes('"mobileAppAssignments"') || !body.includes(WELL_KNOWN.groups.sales))
      throw new Error(`The Graph panel does not show the assign body for Sales:\n${body}`);
    if ((await button(threads(page), 'Approve').count()) > 0)
      throw new Error('The thread still offers Approve after the assignment.');
    // The new assignment is the last one in the body: show it in the picture.
    await writesPanel(page).locator('.note', { hasText: 'Sales' }).scrollIntoViewIfNeeded();
  });
}

const slack = (page: Page) => page.locator('#slack');
const modal = (page: Page) => slack(page).locator('.sk-modal');

/** Picks `option` of the external select labelled `label` after typing `query` in it. */
async function typeahead(page: Page, label: string, query: string, option: string) {
  await modal(page).getByRole('combobox', { name: label }).fill(query);
  await modal(page).getByRole('option', { name: option, exact: true }).click();
}

/**
 * The same run in the Slack view: Megan opens the modal with the slash command, picks the app and
 * the group by typeahead, reviews and submits; Patti approves in the channel and sees the thread
 * report the assignment and the message updated in place.
 */
async function slackWalk(run: Run): Promise<void> {
  const { page } = run;
  await step(run, 'slack-view', async () => {
    await page.locator('.persona[data-persona="megan"]').click();
    await page.locator('.view-tab[data-view="slack"]').click();
    await slack(page).getByRole('button', { name: '# app-approvals' }).waitFor();
    // The request made in Teams is in the Slack channel too.
    await slack(page).locator('.sk-message').first().waitFor({ timeout: TIMEOUT });
  });

  await step(run, 'slack-command-opens-modal', async () => {
    const box = slack(page).getByRole('textbox', { name: 'Message' });
    await box.fill('/intune-assign');
    await box.press('Enter');
    await modal(page).getByText('Request an assignment').waitFor({ timeout: TIMEOUT });
  });

  await step(run, 'slack-typeahead', async () => {
    await typeahead(page, 'App or policy (type to search)', 'zoom', 'Zoom Workplace (Windows)');
    await typeahead(page, 'Assign to (type a group name)', 'pilot', 'Intune Pilot Users');
    await modal(page).getByLabel('Intent (apps only)').selectOption({ label: 'Required' });
    await modal(page)
      .getByLabel('Justification (approvers see it)')
      .fill('The pilot users try Zoom first.');
  });

  await step(run, 'slack-review', async () => {
    await modal(page).getByRole('button', { name: 'Review' }).click();
    const review = modal(page).getByText('Review the request');
    const settings = modal(page).getByText('Assignment settings');
    await review.or(settings).first().waitFor({ timeout: TIMEOUT });
    // The app's assignment settings, when the modal asks for them, left as they are.
    if (await settings.isVisible()) await modal(page).locator('.sk-modal-foot .primary').click();
    await review.waitFor({ timeout: TIMEOUT });
    await modal(page).getByText('+ Intune Pilot Users (required)').waitFor();
  });

  await step(run, 'slack-submitted', async () => {
    await modal(page).getByRole('button', { name: 'Submit' }).click();
    await modal(page)
      .getByText(/REQ-\d+ submitted/)
      .waitFor({ timeout: TIMEOUT });
    await modal(page).locator('.sk-modal-foot').getByRole('button', { name: 'Close' }).click();
    await modal(page).waitFor({ state: 'detached' });
    await slack(page)
      .locator('.sk-message', { hasText: 'Intune Pilot Users' })
      .getByRole('button', { name: 'Approve' })
      .waitFor({ timeout: TIMEOUT });
  });

  await step(run, 'slack-patti-approves', async () => {
    await page.locator('.persona[data-persona="patti"]').click();
    const message = slack(page).locator('.sk-messages > .sk-message', {
      hasText: 'Intune Pilot Users',
    });
    await message.getByRole('button', { name: 'Approve' }).click();
    await message.getByText('(edited)').first().waitFor({ timeout: TIMEOUT });
    await message.getByRole('button', { name: /\d+ repl/ }).click();
    await message
      .locator('.sk-thread')
      .getByText(/is done: \+ Intune Pilot Users \(required\)/)
      .waitFor({ timeout: TIMEOUT });
    await message
      .getByText(/Assigned/)
      .first()
      .waitFor();
    if ((await message.getByRole('button', { name: 'Approve' }).count()) > 0)
      throw new Error('The Slack message still offers Approve after the assignment.');
    // Times are Slack date tokens, shown in the reader's zone; no card function leaks through.
    await message.locator('time').first().waitFor();
    if (/\{\{|<!date/.test(await message.innerText()))
      throw new Error('The Slack message shows a time as markup, not as a time.');
    await writesPanel(page).getByText(WELL_KNOWN.groups.pilotUsers).first().waitFor();
  });
}

/** Two instances: every bot message in both panes says which one sent it, and both answered. */
async function instancesShown(run: Run): Promise<void> {
  const { page } = run;
  await step(run, 'instances-labelled', async () => {
    const tags = threads(page).locator('.instance-tag');
    const replies = await threads(page).locator('.post-head').count();
    if ((await tags.count()) !== replies)
      throw new Error(`${replies} channel messages, but ${await tags.count()} instance labels.`);
    const shown = new Set(await tags.allInnerTexts());
    const chatTags = chat(page).getByText(/^instance [12]$/);
    await chatTags.first().waitFor();
    for (const text of await chatTags.allInnerTexts()) shown.add(text);
    if (!shown.has('instance 1') || !shown.has('instance 2'))
      throw new Error(`Expected answers from both instances, saw ${[...shown].join(', ')}.`);
  });
}

async function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One walk through the page against a playground of `instances` bot instances. */
async function runWith(instances: number, tmp: string, problems: string[]): Promise<Run> {
  const playground = await startPlayground({
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    port: 0,
    sqlitePath: join(tmp, 'playground.db'),
    instances,
  });
  let context: BrowserContext | undefined;
  try {
    context = await launch(join(tmp, `profile-${instances}`));
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const shots = instances === 1 ? SHOTS : join(SHOTS, `${instances}-instances`);
    mkdirSync(shots, { recursive: true });
    const run: Run = { page, playground, step: 0, shots };
    console.log(`Playground browser test, ${instances} instance(s), against ${playground.url}`);
    await walk(run);
    if (instances > 1) await instancesShown(run);
    await slackWalk(run);
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return run;
  } finally {
    await context?.close();
    await playground.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'playground-browser-'));
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync('docs', { recursive: true });
  const problems: string[] = [];
  try {
    const run = await runWith(1, tmp, problems);
    const teamsShot = readdirSync(SHOTS).find((n) => n.endsWith('-approved-and-assigned.png'));
    const last = join(SHOTS, teamsShot ?? 'missing-approved-and-assigned.png');
    copyFileSync(last, DOCS_SHOT);
    const two = await runWith(2, tmp, problems);
    const kb = Math.round(statSync(DOCS_SHOT).size / 1024);
    console.log(
      `PASS: playground browser test, ${run.step} steps with one instance and ${two.step} with two in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${SHOTS}/, ${DOCS_SHOT} (${kb} KB)`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(
      `FAIL: playground browser test: ${error instanceof Error ? error.stack : String(error)}`,
    );
    process.exit(1);
  },
);
