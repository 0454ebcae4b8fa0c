import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, type Logger } from '@slack/web-api';

// ---------------------------------------------------------------------------------------------
// Block Kit limits, as Slack's Block Kit reference documents them.

/** One broken rule in a Block Kit payload, with Slack's JSON pointer to the offending value. */
export interface BlockKitProblem {
  pointer: string;
  message: string;
}

/** Where blocks are shown: a message (50 blocks at most) or a modal view (100). */
export type BlockSurface = 'message' | 'modal';

/** The limits enforced, by name, so tests can build payloads at and past each one. */
export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  accessibilityLabel: 75,
  id: 255,
  placeholder: 150,
  options: 100,
  optionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  overflowOptions: 5,
  choiceOptions: 10,
  textInputLength: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  markdownText: 12_000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  viewBytes: 250 * 1024,
} as const;

const L = BLOCK_KIT_LIMITS;
const SELECTS = ['static_select', 'external_select', 'users_select', 'conversations_select'];
const SELECT_TYPES = [...SELECTS, 'channels_select'].flatMap((t) => [t, `multi_${t}`]);
const ACTION_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  'rich_text_input',
  ...SELECT_TYPES,
]);
const ACCESSORIES = new Set([...ACTION_ELEMENTS, 'image']);
const INPUT_ELEMENTS = new Set([
  ...ACTION_ELEMENTS,
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'url_text_input',
]);
INPUT_ELEMENTS.delete('button');
INPUT_ELEMENTS.delete('overflow');
INPUT_ELEMENTS.delete('workflow_button');
const UNCHECKED_BLOCKS = new Set(['rich_text', 'video', 'file', 'table', 'context_actions']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Slack counts characters, not UTF-16 units. */
const chars = (text: string) => [...text].length;

/** Walks one payload and collects every broken rule, as Slack's validator reports them. */
class Checker {
  readonly problems: BlockKitProblem[] = [];

  add(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  string(value: unknown, at: string, max: number, required = false, min = 1): void {
    if (value === undefined) {
      if (required) this.add(at, `missing required field: ${at.split('/').pop()}`);
      return;
    }
    if (typeof value !== 'string') return this.add(at, 'must be a string');
    if (chars(value) < min) this.add(at, `must be more than ${min - 1} characters`);
    if (chars(value) > max) this.add(at, `must be less than ${max + 1} characters`);
  }

  /** A text object; `plain` when only `plain_text` is allowed there. */
  text(value: unknown, at: string, max: number, options: { plain?: boolean; required?: boolean }) {
    if (value === undefined) {
      if (options.required) this.add(at, `missing required field: ${at.split('/').pop()}`);
      return;
    }
    if (!isObject(value)) return this.add(at, 'must be a text object');
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      return this.add(`${at}/type`, 'must be plain_text or mrkdwn');
    }
    if (options.plain && value.type !== 'plain_text') {
      this.add(`${at}/type`, 'must be plain_text here (mrkdwn is not allowed)');
    }
    this.string(value.text, `${at}/text`, max, true);
  }

  list(value: unknown, at: string, max: number, min = 0): unknown[] {
    if (!Array.isArray(value)) {
      this.add(at, 'must be an array');
      return [];
    }
    if (value.length < min) this.add(at, `must have at least ${min} items`);
    if (value.length > max) this.add(at, `no more than ${max} items allowed`);
    return value;
  }

  unique(seen: Set<string>, value: unknown, at: string, what: string): void {
    if (typeof value !== 'string') return;
    if (seen.has(value)) this.add(at, `duplicate ${what} "${value}"`);
    seen.add(value);
  }
}

/**
 * Every broken Block Kit rule in `blocks` for the surface they are sent to (empty: Slack accepts
 * them). Pointers start at `base` (`/blocks` for a message, `/view/blocks` for a view), as Slack's.
 */
export function blockKitProblems(
  blocks: unknown,
  surface: BlockSurface,
  base = surface === 'modal' ? '/view/blocks' : '/blocks',
): BlockKitProblem[] {
  const c = new Checker();
  checkBlocks(c, blocks, surface, base);
  return c.problems;
}

/** Every broken rule of a modal view object (its own fields and its blocks), at `/view`. */
export function modalViewProblems(view: unknown, base = '/view'): BlockKitProblem[] {
  const c = new Checker();
  if (!isObject(view)) {
    c.add(base, 'must be a view object');
    return c.problems;
  }
  if (view.type !== 'modal') c.add(`${base}/type`, 'must be modal');
  c.text(view.title, `${base}/title`, L.modalTitle, { plain: true, required: true });
  c.text(view.close, `${base}/close`, L.modalButton, { plain: true });
  c.text(view.submit, `${base}/submit`, L.modalButton, { plain: true });
  c.string(view.private_metadata, `${base}/private_metadata`, L.privateMetadata, false, 0);
  c.string(view.callback_id, `${base}/callback_id`, L.callbackId, false, 0);
  c.string(view.external_id, `${base}/external_id`, L.externalId, false, 0);
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  if (view.submit === undefined && blocks.some((b) => isObject(b) && b.type === 'input')) {
    c.add(`${base}/submit`, 'submit is required when the view has input blocks');
  }
  checkBlocks(c, view.blocks, 'modal', `${base}/blocks`);
  if (Buffer.byteLength(JSON.stringify(view)) > L.viewBytes) c.add(base, 'view is over 250 KB');
  return c.problems;
}

/** Slack's wording of a problem in `errors`: `<message> [json-pointer:<pointer>]`. */
export function describeProblem(problem: BlockKitProblem): string {
  return `${problem.message} [json-pointer:${problem.pointer}]`;
}

function checkBlocks(c: Checker, blocks: unknown, surface: BlockSurface, base: string): void {
  const max = surface === 'modal' ? L.modalBlocks : L.messageBlocks;
  const blockIds = new Set<string>();
  c.list(blocks, base, max).forEach((block, i) => {
    const at = `${base}/${i}`;
    if (!isObject(block)) return c.add(at, 'must be a block object');
    c.string(block.block_id, `${at}/block_id`, L.id);
    c.unique(blockIds, block.block_id, `${at}/block_id`, 'block_id');
    checkBlock(c, block, at);
  });
}

function checkBlock(c: Checker, block: Json, at: string): void {
  const actionIds = new Set<string>();
  const element = (value: unknown, where: string, allowed: ReadonlySet<string>) =>
    checkElement(c, value, where, allowed, actionIds);
  switch (block.type) {
    case 'section':
      if (block.text === undefined && block.fields === undefined) {
        c.add(at, 'must provide either text or fields');
      }
      c.text(block.text, `${at}/text`, L.sectionText, {});
      if (block.fields !== undefined) {
        c.list(block.fields, `${at}/fields`, L.sectionFields, 1).forEach((field, i) =>
          c.text(field, `${at}/fields/${i}`, L.sectionField, { required: true }),
        );
      }
      if (block.accessory !== undefined) element(block.accessory, `${at}/accessory`, ACCESSORIES);
      return;
    case 'header':
      return c.text(block.text, `${at}/text`, L.headerText, { plain: true, required: true });
    case 'divider':
      return;
    case 'context':
      c.list(block.elements, `${at}/elements`, L.contextElements, 1).forEach((item, i) => {
        const where = `${at}/elements/${i}`;
        if (isObject(item) && item.type === 'image') checkImage(c, item, where);
        else c.text(item, where, L.sectionText, { required: true });
      });
      return;
    case 'actions':
      c.list(block.elements, `${at}/elements`, L.actionsElements, 1).forEach((item, i) =>
        element(item, `${at}/elements/${i}`, ACTION_ELEMENTS),
      );
      return;
    case 'input':
      c.text(block.label, `${at}/label`, L.inputLabel, { plain: true, required: true });
      c.text(block.hint, `${at}/hint`, L.inputHint, { plain: true });
      if (block.element === undefined) c.add(at, 'missing required field: element');
      else element(block.element, `${at}/element`, INPUT_ELEMENTS);
      return;
    case 'image':
      checkImage(c, block, at);
      return c.text(block.title, `${at}/title`, L.imageTitle, { plain: true });
    case 'markdown':
      return c.string(block.text, `${at}/text`, L.markdownText, true);
    default:
      if (typeof block.type === 'string' && UNCHECKED_BLOCKS.has(block.type)) return;
      c.add(`${at}/type`, `unknown block type ${JSON.stringify(block.type)}`);
  }
}

function checkImage(c: Checker, image: Json, at: string): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    c.add(at, 'missing required field: image_url');
  }
  c.string(image.image_url, `${at}/image_url`, L.url);
  c.string(image.alt_text, `${at}/alt_text`, L.imageAltText, true);
}

function checkElement(
  c: Checker,
  element: unknown,
  at: string,
  allowed: ReadonlySet<string>,
  actionIds: Set<string>,
): void {
  if (!isObject(element)) return c.add(at, 'must be an element object');
  const type = element.type;
  if (typeof type !== 'string' || !allowed.has(type)) {
    return c.add(`${at}/type`, `element type ${JSON.stringify(type)} is not allowed here`);
  }
  c.string(element.action_id, `${at}/action_id`, L.id);
  c.unique(actionIds, element.action_id, `${at}/action_id`, 'action_id in the block');
  c.text(element.placeholder, `${at}/placeholder`, L.placeholder, { plain: true });
  if (element.confirm !== undefined) checkConfirm(c, element.confirm, `${at}/confirm`);
  if (type === 'button') return checkButton(c, element, at);
  if (type === 'image') return checkImage(c, element, at);
  if (type === 'plain_text_input') return checkTextInput(c, element, at);
  if (type === 'overflow') {
    return checkOptions(c, element.options, `${at}/options`, L.overflowOptions, true);
  }
  if (type === 'checkboxes' || type === 'radio_buttons') {
    return checkOptions(c, element.options, `${at}/options`, L.choiceOptions, false);
  }
  if (type === 'static_select' || type === 'multi_static_select') checkStaticSelect(c, element, at);
}

function checkButton(c: Checker, button: Json, at: string): void {
  c.text(button.text, `${at}/text`, L.buttonText, { plain: true, required: true });
  c.string(button.value, `${at}/value`, L.buttonValue);
  c.string(button.url, `${at}/url`, L.url);
  c.string(button.accessibility_label, `${at}/accessibility_label`, L.accessibilityLabel);
  if (button.style !== undefined && button.style !== 'primary' && button.style !== 'danger') {
    c.add(`${at}/style`, 'must be primary or danger');
  }
}

function checkTextInput(c: Checker, input: Json, at: string): void {
  const bound = (name: 'min_length' | 'max_length', min: number) => {
    const value = input[name];
    if (value === undefined) return;
    if (!Number.isInteger(value) || (value as number) < min) {
      c.add(`${at}/${name}`, `must be an integer of at least ${min}`);
    } else if ((value as number) > L.textInputLength) {
      c.add(`${at}/${name}`, `must be no more than ${L.textInputLength}`);
    }
  };
  bound('min_length', 0);
  bound('max_length', 1);
  if (typeof input.min_length === 'number' && typeof input.max_length === 'number') {
    if (input.min_length > input.max_length)
      c.add(`${at}/min_length`, 'must not exceed max_length');
  }
  if (typeof input.initial_value === 'string' && typeof input.max_length === 'number') {
    if (chars(input.initial_value) > input.max_length) {
      c.add(`${at}/initial_value`, 'must not be longer than max_length');
    }
  }
}

function checkStaticSelect(c: Checker, select: Json, at: string): void {
  const values: unknown[] = [];
  if ((select.options === undefined) === (select.option_groups === undefined)) {
    c.add(at, 'must provide exactly one of options or option_groups');
  }
  if (select.options !== undefined) {
    checkOptions(c, select.options, `${at}/options`, L.options, true, values);
  }
  if (select.option_groups !== undefined) {
    c.list(select.option_groups, `${at}/option_groups`, L.optionGroups, 1).forEach((group, i) => {
      const where = `${at}/option_groups/${i}`;
      if (!isObject(group)) return c.add(where, 'must be an option group');
      c.text(group.label, `${where}/label`, L.optionText, { plain: true, required: true });
      checkOptions(c, group.options, `${where}/options`, L.options, true, values);
    });
  }
  const initial = [
    select.initial_option,
    ...(Array.isArray(select.initial_options) ? select.initial_options : []),
  ];
  initial.forEach((option) => {
    if (isObject(option) && !values.includes(option.value)) {
      c.add(`${at}/initial_option`, 'must be one of the options');
    }
  });
}

function checkOptions(
  c: Checker,
  options: unknown,
  at: string,
  max: number,
  plain: boolean,
  values: unknown[] = [],
): void {
  c.list(options, at, max, 1).forEach((option, i) => {
    const where = `${at}/${i}`;
    if (!isObject(option)) return c.add(where, 'must be an option object');
    c.text(option.text, `${where}/text`, L.optionText, { plain, required: true });
    c.string(option.value, `${where}/value`, L.optionValue, true);
    c.text(option.description, `${where}/description`, L.optionDescription, { plain });
    c.string(option.url, `${where}/url`, L.url);
    values.push(option.value);
  });
}

function checkConfirm(c: Checker, confirm: unknown, at: string): void {
  if (!isObject(confirm)) return c.add(at, 'must be a confirmation dialog object');
  c.text(confirm.title, `${at}/title`, L.confirmTitle, { plain: true, required: true });
  c.text(confirm.text, `${at}/text`, L.confirmText, { required: true });
  c.text(confirm.confirm, `${at}/confirm`, L.confirmButton, { plain: true, required: true });
  c.text(confirm.deny, `${at}/deny`, L.confirmButton, { plain: true, required: true });
}

// ---------------------------------------------------------------------------------------------
// The simulated Web API.

/**
 * A WebClient logger that says nothing: the client logs Slack's `[ERROR]` messages of every
 * refusal a test provokes on purpose. Pass `logger: quietSlackLogger` where a test expects them.
 */
export const quietSlackLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** A member of the simulated workspace. */
export interface FakeSlackUser {
  id: string;
  teamId: string;
  name: string;
  email: string;
  realName?: string;
  displayName?: string;
}

export interface FakeSlackOptions {
  /** The bot token the WebClient must present (`Authorization: Bearer xoxb-...`). */
  botToken: string;
  /** The workspace (T...). */
  teamId?: string;
  teamDomain?: string;
  users?: FakeSlackUser[];
  /** Channels (C... or G...) that exist; when absent, any well-formed id does. */
  channels?: string[];
  /** The clock in milliseconds (tests move it to expire triggers). */
  now?: () => number;
  /** How long a trigger id may be exchanged: Slack's 3 seconds. */
  triggerTtlMs?: number;
  /** Told of every call answered (after it changed what the fake holds), e.g. to redraw a page. */
  onCall?: (call: FakeSlackCall) => void;
  /**
   * The bot token's scopes, as the app was installed with them (default: those of the Slack app
   * manifest). A method needing another is refused with Slack's `missing_scope`, and a profile's
   * email is left out of `users.info` without `users:read.email`, as Slack does.
   */
  scopes?: readonly string[];
}

/** The scope each Web API method needs with a bot token (Slack's method reference); none for views. */
const METHOD_SCOPES: Record<string, string | undefined> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
};

/** The scopes the Slack app manifest asks for (`manifest/slack-app.template.json`). */
export const MANIFEST_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'users:read.email',
  'app_mentions:read',
  'im:history',
] as const;

/** One call the fake answered, rate-limited ones included. */
export interface FakeSlackCall {
  method: string;
  /** The arguments as Slack reads them: JSON-encoded values (blocks, view) decoded. */
  args: Record<string, unknown>;
  at: number;
  contentType: string;
  status: number;
  answer: Record<string, unknown>;
}

/** A message as it stands now, with every version it had. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  /** The member who wrote it; absent for the bot's own messages. */
  user?: string;
  text: string;
  blocks?: unknown[];
  versions: { text: string; blocks?: unknown[]; at: number }[];
}

export interface FakeSlackEphemeral {
  channel: string;
  user: string;
  messageTs: string;
  threadTs?: string;
  text: string;
  blocks?: unknown[];
}

/** An open modal view: the payload last sent for it, and its place in its stack. */
export interface FakeSlackView {
  id: string;
  rootId: string;
  previousId: string | null;
  userId?: string;
  hash: string;
  externalId?: string;
  view: Json;
  /** How many times it was updated. */
  updates: number;
}

/** A problem seen in a payload: which call, and Slack's pointer and message. */
export interface SeenProblem extends BlockKitProblem {
  method: string;
}

interface Trigger {
  issuedAt: number;
  used: boolean;
  userId?: string;
  viewId?: string;
}

type Answer = Record<string, unknown>;
type Handler = (args: Json) => Answer;

const BOT_USER = 'U0BOT00001';
const BOT_ID = 'B0BOT00001';
const APP_ID = 'A0APP00001';
/** Arguments Slack reads as JSON when they come form-encoded. */
const JSON_ARGS = ['blocks', 'attachments', 'view', 'metadata'];

const fail = (error: string, extra: Answer = {}): Answer => ({ ok: false, error, ...extra });
const isChannelId = (id: string) => /^[CGD][A-Z0-9]{2,}$/.test(id);
const isUserId = (id: string) => /^[UW][A-Z0-9]{2,}$/.test(id);

/**
 * The Slack Web API on loopback, for a real `@slack/web-api` WebClient pointed at it
 * (`slackApiUrl: fake.apiUrl`). It answers Slack's response shapes and errors, checks the bot
 * token, every Block Kit payload against Slack's limits, trigger ids (issued by the test, used
 * once, within 3 s), and can answer HTTP 429 with `Retry-After` as Slack does. It records every
 * call and keeps messages (with their updates), thread replies, DMs, ephemerals and open views.
 */
export class FakeSlack {
  readonly calls: FakeSlackCall[] = [];
  /** Every Block Kit problem seen, whether or not the call was refused for it. */
  readonly problems: SeenProblem[] = [];
  readonly ephemerals: FakeSlackEphemeral[] = [];
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId = BOT_USER;
  url = '';
  private server?: Server;
  private readonly now: () => number;
  private readonly users: FakeSlackUser[];
  private readonly messages = new Map<string, FakeSlackMessage>();
  private readonly dms = new Map<string, string>();
  private readonly views = new Map<string, FakeSlackView>();
  private readonly triggers = new Map<string, Trigger>();
  private readonly limited = new Map<string, { times: number; retryAfter: number }>();
  private counter = 0;
  private lastSeconds = 0;

  constructor(private readonly options: FakeSlackOptions) {
    this.teamId = options.teamId ?? 'T0TEAM0001';
    this.teamDomain = options.teamDomain ?? 'contoso';
    this.users = options.users ?? [];
    this.now = options.now ?? Date.now;
  }

  /** The `slackApiUrl` to give a WebClient: `<url>/api/`. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forgets the recorded calls and problems (messages, views and users stay). */
  clear(): void {
    this.calls.length = 0;
    this.problems.length = 0;
    this.ephemerals.length = 0;
  }

  /** A trigger id as Slack puts in an interaction, for the user (and the view) it came from. */
  newTriggerId(from: { userId?: string; viewId?: string } = {}): string {
    this.counter += 1;
    const id = `${1_000_000 + this.counter}.${this.teamId.replace(/\D/g, '') || '1'}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), used: false, ...from });
    return id;
  }

  /** Answers the next `times` calls of `method` with HTTP 429 and `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, times = 1, retryAfterSeconds = 1): void {
    this.limited.set(method, { times, retryAfter: retryAfterSeconds });
  }

  callsOf(method: string): FakeSlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The top-level messages of a channel (thread replies left out), as they stand now. */
  messagesIn(channel: string): FakeSlackMessage[] {
    return [...this.messages.values()].filter((m) => m.channel === channel && !m.threadTs);
  }

  /** The replies in the thread of `ts`, oldest first. */
  repliesTo(ts: string, channel?: string): FakeSlackMessage[] {
    return [...this.messages.values()].filter(
      (m) => m.threadTs === ts && (channel === undefined || m.channel === channel),
    );
  }

  /** The bot's direct messages to a user (posted to their id or their DM channel). */
  dmsTo(userId: string): FakeSlackMessage[] {
    const channel = this.dms.get(userId);
    return channel ? [...this.messages.values()].filter((m) => m.channel === channel) : [];
  }

  /** The DM channel (D...) of a user, once opened. */
  dmChannelOf(userId: string): string | undefined {
    return this.dms.get(userId);
  }

  /** A message's current content, after every update. */
  message(channel: string, ts: string): FakeSlackMessage | undefined {
    return this.messages.get(`${channel}/${ts}`);
  }

  /** A view by id, while open. */
  view(id: string): FakeSlackView | undefined {
    return this.views.get(id);
  }

  /** The open modal views (roots and pushed ones), optionally one user's. */
  openViews(userId?: string): FakeSlackView[] {
    return [...this.views.values()].filter((v) => userId === undefined || v.userId === userId);
  }

  /** A member of the workspace, by id. */
  user(id: string): FakeSlackUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  /**
   * A message a member writes in a channel, or to the bot when `channel` is their own id (their
   * DM with the bot opens, as Slack's client does). Undefined when there is no such channel.
   */
  memberPosts(userId: string, channel: string, text: string): FakeSlackMessage | undefined {
    const to = this.channelFor(channel);
    if (!to || !this.user(userId)) return undefined;
    const ts = this.nextTs();
    const message = { channel: to, ts, user: userId, text, versions: [{ text, at: this.now() }] };
    this.messages.set(`${to}/${ts}`, message);
    return message;
  }

  /**
   * What Slack does with the bot's answer to a slash command typed in `channel`: its text (or
   * blocks) shown to that member only, or posted in the channel when it says `in_channel`.
   */
  answerCommand(userId: string, channel: string, answer: unknown): void {
    const body = isObject(answer) ? answer : {};
    const text = typeof body.text === 'string' ? body.text : '';
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (text === '' && !blocks) return;
    if (body.response_type === 'in_channel') {
      this.postMessage({ channel, text, ...(blocks ? { blocks } : {}) });
      return;
    }
    const messageTs = this.nextTs();
    this.ephemerals.push({ channel, user: userId, messageTs, text, ...(blocks ? { blocks } : {}) });
  }

  /**
   * What Slack does with the bot's answer to a `view_submission` of view `id`: `update` replaces
   * the view, `push` stacks a new one on it, `clear` closes the whole stack, `errors` keeps it
   * open and returns the errors by block id, and any other answer closes it.
   */
  applyViewAnswer(id: string, answer: unknown): { errors?: Record<string, string> } {
    const view = this.views.get(id);
    if (!view) return {};
    const body = isObject(answer) ? answer : {};
    const next = isObject(body.view) ? body.view : undefined;
    if (body.response_action === 'errors' && isObject(body.errors)) {
      return { errors: body.errors as Record<string, string> };
    }
    if (body.response_action === 'update' && next && !this.viewRefusal('response_action', next)) {
      view.updates += 1;
      this.storeView(view.id, view.rootId, view.previousId, view.userId, next);
    } else if (
      body.response_action === 'push' &&
      next &&
      !this.viewRefusal('response_action', next)
    ) {
      this.storeView(this.nextId('V'), view.rootId, view.id, view.userId, next);
    } else if (body.response_action === 'clear') {
      this.closeView(id);
    } else {
      this.views.delete(id);
    }
    return {};
  }

  /** The user closed the modal (or submitted it and it closed): its whole stack goes. */
  closeView(id: string): void {
    const rootId = this.views.get(id)?.rootId;
    for (const [key, view] of this.views) if (view.rootId === rootId) this.views.delete(key);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = url.pathname.startsWith('/api/') ? url.pathname.slice(5) : '';
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const parsed = parseArgs(contentType, Buffer.concat(chunks).toString('utf8'), url);
    const args = 'error' in parsed ? {} : parsed.args;
    const record = (status: number, answer: Answer) => {
      const call = { method, args, at: this.now(), contentType, status, answer };
      this.calls.push(call);
      this.options.onCall?.(call);
    };
    const limit = this.limited.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      const answer = fail('ratelimited');
      record(429, answer);
      return send(res, 429, answer, { 'retry-after': String(limit.retryAfter) });
    }
    const answer = 'error' in parsed ? fail(parsed.error) : this.answer(method, req, args);
    record(200, answer);
    send(res, 200, answer, { 'x-oauth-scopes': this.scopes.join(',') });
  }

  private answer(method: string, req: IncomingMessage, args: Json): Answer {
    const handler = this.handlers[method];
    if (!handler) return fail('unknown_method');
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : args.token;
    if (!token) return fail('not_authed');
    if (token !== this.options.botToken) return fail('invalid_auth');
    const needed = METHOD_SCOPES[method];
    if (needed && !this.scopes.includes(needed)) {
      return { ...fail('missing_scope'), needed, provided: this.scopes.join(',') };
    }
    return handler(args);
  }

  private get scopes(): readonly string[] {
    return this.options.scopes ?? MANIFEST_SCOPES;
  }

  private readonly handlers: Record<string, Handler> = {
    'auth.test': () => ({
      ok: true,
      url: `https://${this.teamDomain}.slack.com/`,
      team: this.teamDomain,
      user: 'intune-assign',
      team_id: this.teamId,
      user_id: BOT_USER,
      bot_id: BOT_ID,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (args) => this.postMessage(args),
    'chat.update': (args) => this.update(args),
    'chat.postEphemeral': (args) => this.postEphemeral(args),
    'conversations.open': (args) => this.open(args),
    'views.open': (args) => this.openView(args),
    'views.push': (args) => this.pushView(args),
    'views.update': (args) => this.updateView(args),
    'users.info': (args) => {
      const user = this.users.find((u) => u.id === args.user);
      if (!user) return fail('user_not_found');
      return { ok: true, user: userObject(user, this.scopes.includes('users:read.email')) };
    },
    'users.lookupByEmail': (args) => {
      const email = String(args.email ?? '').toLowerCase();
      const user = this.users.find((u) => u.email.toLowerCase() === email);
      return user ? { ok: true, user: userObject(user, true) } : fail('users_not_found');
    },
  };

  /** The channel a post goes to: a user id opens (or reuses) their DM, as Slack does. */
  private channelFor(target: unknown): string | undefined {
    if (typeof target !== 'string') return undefined;
    if (isUserId(target)) {
      return this.users.some((u) => u.id === target) ? this.dmWith(target) : undefined;
    }
    if (target.startsWith('D')) return [...this.dms.values()].includes(target) ? target : undefined;
    if (!isChannelId(target)) return undefined;
    return !this.options.channels || this.options.channels.includes(target) ? target : undefined;
  }

  private dmWith(userId: string): string {
    let channel = this.dms.get(userId);
    if (!channel) {
      channel = `D${userId.slice(1)}`;
      this.dms.set(userId, channel);
    }
    return channel;
  }

  /** Checks `text` and `blocks` of a message; an answer when Slack would refuse them. */
  private messageRefusal(method: string, args: Json, needText: boolean): Answer | undefined {
    const text = args.text;
    if (needText && (typeof text !== 'string' || text === '') && args.blocks === undefined) {
      return args.attachments === undefined ? fail('no_text') : undefined;
    }
    if (typeof text === 'string' && chars(text) > L.messageText) return fail('msg_too_long');
    if (args.blocks === undefined) return undefined;
    if (!Array.isArray(args.blocks)) return fail('invalid_blocks_format');
    const problems = blockKitProblems(args.blocks, 'message');
    if (problems.length === 0) return undefined;
    this.problems.push(...problems.map((p) => ({ method, ...p })));
    const errors = problems.map(describeProblem);
    return fail('invalid_blocks', {
      errors,
      response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
    });
  }

  private postMessage(args: Json): Answer {
    const channel = this.channelFor(args.channel);
    if (!channel) return fail('channel_not_found');
    const refused = this.messageRefusal('chat.postMessage', args, true);
    if (refused) return refused;
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    const parent = threadTs ? this.messages.get(`${channel}/${threadTs}`) : undefined;
    if (threadTs && (!parent || parent.threadTs)) {
      // Slack answers ok and the reply is lost from view: a problem worth failing a test for.
      const message = 'thread_ts names no top-level message of the channel (Slack loses the reply)';
      this.problems.push({ method: 'chat.postMessage', pointer: '/thread_ts', message });
    }
    const ts = this.nextTs();
    const text = typeof args.text === 'string' ? args.text : '';
    const blocks = args.blocks as unknown[] | undefined;
    this.messages.set(`${channel}/${ts}`, {
      channel,
      ts,
      threadTs,
      text,
      blocks,
      versions: [{ text, blocks, at: this.now() }],
    });
    return { ok: true, channel, ts, message: this.messageObject({ ts, text, blocks, threadTs }) };
  }

  private update(args: Json): Answer {
    const channel = typeof args.channel === 'string' ? args.channel : '';
    const message = this.messages.get(`${channel}/${String(args.ts)}`);
    if (!message) return fail('message_not_found');
    const refused = this.messageRefusal('chat.update', args, false);
    if (refused) return refused;
    if (typeof args.text === 'string') message.text = args.text;
    // Slack keeps the previous blocks when none are sent; [] removes them.
    if (args.blocks !== undefined) message.blocks = args.blocks as unknown[];
    message.versions.push({ text: message.text, blocks: message.blocks, at: this.now() });
    const { ts, text, blocks, threadTs } = message;
    return {
      ok: true,
      channel,
      ts,
      text,
      message: this.messageObject({ ts, text, blocks, threadTs }),
    };
  }

  private postEphemeral(args: Json): Answer {
    const channel = this.channelFor(args.channel);
    if (!channel) return fail('channel_not_found');
    const user = this.users.find((u) => u.id === args.user);
    if (!user) return fail('user_not_found');
    const refused = this.messageRefusal('chat.postEphemeral', args, true);
    if (refused) return refused;
    const messageTs = this.nextTs();
    this.ephemerals.push({
      channel,
      user: user.id,
      messageTs,
      threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : undefined,
      text: typeof args.text === 'string' ? args.text : '',
      blocks: args.blocks as unknown[] | undefined,
    });
    return { ok: true, message_ts: messageTs };
  }

  private open(args: Json): Answer {
    const users = String(args.users ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 1) return fail('not_supported_in_fake');
    const userId = users[0]!;
    if (!this.users.some((u) => u.id === userId)) return fail('user_not_found');
    const already = this.dms.has(userId);
    const channel = { id: this.dmWith(userId) };
    return already ? { ok: true, no_op: true, already_open: true, channel } : { ok: true, channel };
  }

  /** The trigger's refusal, Slack's way, or undefined once it is exchanged. */
  private exchange(triggerId: unknown): { error: string } | { trigger: Trigger } {
    const trigger = typeof triggerId === 'string' ? this.triggers.get(triggerId) : undefined;
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > (this.options.triggerTtlMs ?? 3000)) {
      return { error: 'expired_trigger_id' };
    }
    trigger.used = true;
    return { trigger };
  }

  private viewRefusal(method: string, view: unknown): Answer | undefined {
    if (!isObject(view)) return fail('invalid_arguments');
    const problems = modalViewProblems(view);
    if (problems.length === 0) return undefined;
    this.problems.push(...problems.map((p) => ({ method, ...p })));
    if (problems.some((p) => p.message === 'view is over 250 KB')) return fail('view_too_large');
    const messages = problems.map((p) => `[ERROR] ${describeProblem(p)}`);
    return fail('invalid_arguments', { response_metadata: { messages } });
  }

  private externalTaken(view: unknown, except?: string): boolean {
    const external = isObject(view) ? view.external_id : undefined;
    if (typeof external !== 'string' || external === '') return false;
    return [...this.views.values()].some((v) => v.externalId === external && v.id !== except);
  }

  private openView(args: Json): Answer {
    const refused = this.viewRefusal('views.open', args.view);
    if (refused) return refused;
    if (this.externalTaken(args.view)) return fail('duplicate_external_id');
    const exchanged = this.exchange(args.trigger_id);
    if ('error' in exchanged) return fail(exchanged.error);
    const id = this.nextId('V');
    return this.storeView(id, id, null, exchanged.trigger.userId, args.view as Json);
  }

  private pushView(args: Json): Answer {
    const refused = this.viewRefusal('views.push', args.view);
    if (refused) return refused;
    if (this.externalTaken(args.view)) return fail('duplicate_external_id');
    const exchanged = this.exchange(args.trigger_id);
    if ('error' in exchanged) return fail(exchanged.error);
    const { viewId, userId } = exchanged.trigger;
    // The view the interaction came from, else the user's latest open one.
    const under = viewId
      ? this.views.get(viewId)
      : userId
        ? this.openViews(userId).pop()
        : undefined;
    if (!under) return fail('not_found');
    const stack = this.openViews().filter((v) => v.rootId === under.rootId);
    if (stack.length >= 3) return fail('push_limit_reached');
    const top = stack[stack.length - 1]!;
    return this.storeView(this.nextId('V'), under.rootId, top.id, under.userId, args.view as Json);
  }

  private updateView(args: Json): Answer {
    const view =
      typeof args.view_id === 'string'
        ? this.views.get(args.view_id)
        : [...this.views.values()].find((v) => v.externalId === args.external_id);
    if (!view) return fail('not_found');
    const refused = this.viewRefusal('views.update', args.view);
    if (refused) return refused;
    if (this.externalTaken(args.view, view.id)) return fail('duplicate_external_id');
    if (typeof args.hash === 'string' && args.hash !== view.hash) return fail('hash_conflict');
    view.updates += 1;
    return this.storeView(view.id, view.rootId, view.previousId, view.userId, args.view as Json);
  }

  private storeView(
    id: string,
    rootId: string,
    previousId: string | null,
    userId: string | undefined,
    payload: Json,
  ): Answer {
    const hash = `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`;
    // An update that names no external id keeps the one the view had.
    const externalId =
      typeof payload.external_id === 'string'
        ? payload.external_id
        : this.views.get(id)?.externalId;
    const updates = this.views.get(id)?.updates ?? 0;
    this.views.set(id, {
      id,
      rootId,
      previousId,
      userId,
      hash,
      externalId,
      view: payload,
      updates,
    });
    return {
      ok: true,
      view: {
        id,
        team_id: this.teamId,
        type: payload.type,
        title: payload.title,
        close: payload.close ?? null,
        submit: payload.submit ?? null,
        blocks: payload.blocks,
        private_metadata: payload.private_metadata ?? '',
        callback_id: payload.callback_id ?? '',
        external_id: externalId ?? '',
        state: { values: {} },
        hash,
        clear_on_close: payload.clear_on_close ?? false,
        notify_on_close: payload.notify_on_close ?? false,
        root_view_id: rootId,
        previous_view_id: previousId,
        app_id: APP_ID,
        app_installed_team_id: this.teamId,
        bot_id: BOT_ID,
      },
    };
  }

  private messageObject(m: { ts: string; text: string; blocks?: unknown[]; threadTs?: string }) {
    return {
      user: BOT_USER,
      type: 'message',
      ts: m.ts,
      bot_id: BOT_ID,
      app_id: APP_ID,
      text: m.text,
      team: this.teamId,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.threadTs ? { thread_ts: m.threadTs, parent_user_id: BOT_USER } : {}),
      bot_profile: { id: BOT_ID, app_id: APP_ID, name: 'Intune Assign', team_id: this.teamId },
    };
  }

  /** Slack's message timestamps: epoch seconds and a six-digit sequence, unique and rising. */
  private nextTs(): string {
    this.counter += 1;
    this.lastSeconds = Math.max(this.lastSeconds, Math.floor(this.now() / 1000));
    return `${this.lastSeconds}.${String(this.counter % 1_000_000).padStart(6, '0')}`;
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}0${String(this.counter).padStart(8, '0')}`;
  }
}

function userObject(user: FakeSlackUser, withEmail: boolean) {
  const realName = user.realName ?? user.name;
  const displayName = user.displayName ?? user.name;
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: false,
    real_name: realName,
    tz: 'Europe/London',
    is_admin: false,
    is_bot: false,
    profile: {
      ...(withEmail ? { email: user.email } : {}),
      real_name: realName,
      real_name_normalized: realName,
      display_name: displayName,
      display_name_normalized: displayName,
      team: user.teamId,
    },
  };
}

/** The arguments of a Web API call: form-encoded (JSON values decoded) or a JSON body. */
function parseArgs(
  contentType: string,
  body: string,
  url: URL,
): { args: Json } | { error: string } {
  const args: Json = Object.fromEntries(url.searchParams);
  if (contentType === 'application/json') {
    try {
      const parsed: unknown = body ? JSON.parse(body) : {};
      if (!isObject(parsed)) return { error: 'invalid_json' };
      Object.assign(args, parsed);
    } catch {
      return { error: 'invalid_json' };
    }
  } else if (contentType === 'application/x-www-form-urlencoded' || body === '') {
    Object.assign(args, Object.fromEntries(new URLSearchParams(body)));
  } else {
    return { error: 'invalid_form_data' };
  }
  for (const key of JSON_ARGS) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      args[key] = undefined;
      return { error: key === 'blocks' ? 'invalid_blocks_format' : 'invalid_arguments' };
    }
  }
  return { args };
}

function send(res: ServerResponse, status: number, answer: Answer, headers: Json = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    ...(headers as Record<string, string>),
  });
  res.end(JSON.stringify(answer));
}
