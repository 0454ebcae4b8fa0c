import type { View, WebClient } from '@slack/web-api';
import { hasIntentStep } from '../domain/item-targets';
import {
  describeStatus,
  displayId,
  ITEM_KINDS,
  type AssignmentRequest,
  type ItemKind,
} from '../domain/request';
import { toldAs } from '../domain/errors';
import type { Logger } from '../logger';
import type { Actor, Result, Services } from '../services';
import type { BackgroundTasks } from '../services/background-tasks';
import type { RequestStore } from '../services/ports/request-store';
import type { SignInLinks } from '../services/sign-in-links';
import { withTimeBudget } from '../services/time-budget';
import type { TargetChoice } from '../services/wizard-choices';
import { ACTIONS, escapeMrkdwn } from './blocks';
import { UnknownSlackUser, type SlackIdentity } from './identity';
import {
  ALL_DEVICES,
  ALL_USERS,
  FIELDS,
  messageModal,
  option,
  rejectModal,
  requestModal,
  reviewModal,
  VIEWS,
} from './modal';
import {
  blockOfRefusal,
  settingsData,
  settingsModal,
  type SettingsMetadata,
} from './settings-modal';
import { SLACK_CHANNEL_SETTING } from './slack-notifier';
import { signInOffer, type Ephemeral } from './sign-in-offer';

/** The slash command, and the global shortcut's callback id (see the Slack app manifest). */
export const SLASH_COMMAND = '/intune-assign';
export const NEW_REQUEST_SHORTCUT = 'new_request';

/** Slack wants each answer within 3 s, network included: the work inside one stops at 2 s. */
const ANSWER_BUDGET_MS = 2000;

/** What a Slack request handler answers over HTTP: a status and a JSON body, or nothing. */
export interface SlackAnswer {
  status: number;
  body?: unknown;
}

const OK: SlackAnswer = { status: 200 };

export interface SlackAppOptions {
  services: Services;
  store: RequestStore;
  slack: WebClient;
  identity: SlackIdentity;
  tasks: BackgroundTasks;
  logger: Logger;
  justificationMax: number;
  /** `SLACK_APPROVALS_CHANNEL_ID`: when set, the slash command cannot move the channel. */
  channelId?: string;
  /** Writes run as the approver: Approve and Retry first sign the approver in to Entra ID. */
  writesAsApprover: boolean;
  /** The sign-in links an approver follows to decide as themselves (writes as the approver). */
  signInLinks?: SignInLinks;
}

type Json = Record<string, unknown>;

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** `view.state.values[block][action]` of a modal, as Slack sends it. */
function stateValue(view: Json | undefined, block: string): string | undefined {
  const values = isJson(view?.state) ? (view.state as Json).values : undefined;
  const field =
    isJson(values) && isJson(values[block]) ? (values[block] as Json)[block] : undefined;
  if (!isJson(field)) return undefined;
  const selected = field.selected_option;
  if (isJson(selected)) return text(selected.value);
  return text(field.value);
}

const HELP = [
  `*${SLASH_COMMAND}*: request an Intune app or app configuration policy assignment (a form opens).`,
  `*${SLASH_COMMAND} pending*: approvers, the requests waiting for a decision.`,
  `*${SLASH_COMMAND} my requests*: your last requests and their states.`,
  `*${SLASH_COMMAND} status REQ-1042*: one request, as it stands.`,
  `*${SLASH_COMMAND} cancel REQ-1042*: cancel your request while it waits for a decision.`,
  `*${SLASH_COMMAND} approvals channel*: approvers, in a channel: post requests there.`,
].join('\n');

/**
 * Slack's side of the product: slash command, shortcut, modal, options, buttons and events turned
 * into the same service calls the Teams bot makes. No business rule lives here; every click is
 * authorized by the services from the Slack user's Entra identity (Slack cannot hide a button from
 * some users), and a refusal is an ephemeral message that only the clicker sees.
 */
export class SlackApp {
  constructor(private readonly options: SlackAppOptions) {}

  /** A slash command (`application/x-www-form-urlencoded` fields). */
  async command(fields: URLSearchParams): Promise<SlackAnswer> {
    const words = (fields.get('text') ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
    const user = fields.get('user_id') ?? '';
    const channel = fields.get('channel_id') ?? '';
    const trigger = fields.get('trigger_id') ?? '';
    if (words === '' || words === 'new' || words === 'assign') {
      this.later('open the request modal', () => this.openRequest(trigger));
      return OK;
    }
    if (words === 'help') return ephemeral(HELP);
    return this.inBudget(async () => {
      const actor = await this.options.identity.actorOf(user);
      if (words === 'approvals channel' || words === 'set approvals channel') {
        return ephemeral(await this.setChannel(actor, channel));
      }
      const answer = await this.answer(actor, words);
      return ephemeral(answer ?? `I do not know "${words.slice(0, 100)}".\n${HELP}`);
    });
  }

  /** An interaction (`payload`): buttons, modal submissions, shortcuts. */
  async interaction(payload: Json): Promise<SlackAnswer> {
    switch (payload.type) {
      case 'shortcut':
        if (payload.callback_id === NEW_REQUEST_SHORTCUT) {
          this.later('open the request modal', () => this.openRequest(text(payload.trigger_id)));
        }
        return OK;
      case 'block_actions':
        return this.buttons(payload);
      case 'view_submission':
        return this.submission(payload);
      default:
        return OK;
    }
  }

  /**
   * An Events API delivery (already verified, its retries already dropped): a direct message to
   * the bot is a command (help, pending, my requests), a mention is answered with the help.
   */
  async event(payload: Json): Promise<SlackAnswer> {
    const event = isJson(payload.event) ? payload.event : undefined;
    if (!event || event.bot_id !== undefined || event.subtype !== undefined) return OK;
    const channel = text(event.channel);
    const user = text(event.user);
    if (!channel || !user) return OK;
    const say = (message: string) =>
      this.options.slack.chat
        .postMessage({
          channel,
          text: message,
          ...(event.ts && event.type === 'app_mention' ? { thread_ts: text(event.ts) } : {}),
        })
        .then(() => undefined);
    if (event.type === 'app_mention') {
      this.later('answer a mention', () => say(HELP));
    } else if (event.type === 'message' && event.channel_type === 'im') {
      const words = (text(event.text) ?? '')
        .trim()
        .toLowerCase()
        .replace(/\s+/g, ' ')
        .slice(0, 100);
      this.later('answer a direct message', async () => {
        const known = /^(pending|my requests|(status|cancel) \S+)$/.test(words);
        const actor = known ? await this.options.identity.actorOf(user) : undefined;
        await say((actor && (await this.answer(actor, words))) ?? HELP);
      });
    }
    return OK;
  }

  /** An options load (`block_suggestion`) of the modal's typeahead fields. */
  async suggestions(payload: Json): Promise<SlackAnswer> {
    const query = (text(payload.value) ?? '').slice(0, 100);
    const view = isJson(payload.view) ? payload.view : undefined;
    return this.inBudget(async () => {
      if (payload.action_id === FIELDS.item) {
        const chosen = stateValue(view, FIELDS.kind);
        const kind = ITEM_KINDS.includes(chosen as ItemKind) ? (chosen as ItemKind) : 'app';
        if (query.trim() === '') return { status: 200, body: { options: [] } };
        const found = await this.options.services.wizard.searchItems(kind, query, 25);
        if (!found.ok) return { status: 200, body: { options: [] } };
        const options = found.value.map((item) =>
          option(`${item.name} (${item.platform})`, item.id),
        );
        return { status: 200, body: { options } };
      }
      if (payload.action_id === FIELDS.target) {
        const fixed = [option('All users', ALL_USERS), option('All devices', ALL_DEVICES)];
        const groups =
          query.trim() === ''
            ? undefined
            : await this.options.services.wizard.searchGroups(query, 25);
        const found = groups?.ok ? groups.value.map((g) => option(g.name, `group:${g.id}`)) : [];
        const matching = fixed.filter((o) =>
          o.text.text.toLowerCase().includes(query.toLowerCase()),
        );
        return { status: 200, body: { options: [...matching, ...found].slice(0, 100) } };
      }
      return { status: 200, body: { options: [] } };
    });
  }

  private async buttons(payload: Json): Promise<SlackAnswer> {
    const action =
      Array.isArray(payload.actions) && isJson(payload.actions[0]) ? payload.actions[0] : undefined;
    const requestId = text(action?.value) ?? '';
    const user = isJson(payload.user) ? text(payload.user.id) : undefined;
    const channel = isJson(payload.channel) ? text(payload.channel.id) : undefined;
    if (!action || !user || requestId === '' || requestId.length > 100) return OK;
    const tell = (message: string | Ephemeral) =>
      channel
        ? this.options.slack.chat
            .postEphemeral({
              channel,
              user,
              // Plain words, escaped: a refusal may quote what people typed.
              ...(typeof message === 'string' ? { text: escapeMrkdwn(message) } : message),
            })
            .then(() => undefined)
        : Promise.resolve();
    const verb = text(action.action_id);
    if (verb === ACTIONS.reject) {
      // The reason is asked in a modal, opened with this click's trigger (valid 3 s).
      this.later('open the reject modal', async () => {
        const request = await this.options.store.get(requestId);
        if (!request) return tell('No such request.');
        await this.options.slack.views.open({
          trigger_id: text(payload.trigger_id) ?? '',
          view: rejectModal(
            requestId,
            displayId(request),
            this.options.justificationMax,
          ) as unknown as View,
        });
      });
      return OK;
    }
    this.later(`${verb} ${requestId}`, async () => {
      const message = await this.decide(verb, requestId, user);
      if (message) await tell(message);
    });
    return OK;
  }

  /** A button's decision, after the acknowledgement; what to tell the clicker, if anything. */
  private async decide(
    verb: string | undefined,
    requestId: string,
    user: string,
  ): Promise<string | Ephemeral | undefined> {
    const { decisions } = this.options.services;
    const actor = await this.actorOrWhy(user);
    if (typeof actor === 'string') return actor;
    let result: Result<unknown>;
    if ((verb === ACTIONS.approve || verb === ACTIONS.retry) && this.options.writesAsApprover) {
      const links = this.options.signInLinks;
      if (!links) {
        return 'Writes to Intune run as the approver, who signs in through Teams: approve this request in Teams.';
      }
      const signInVerb = verb === ACTIONS.approve ? 'approve' : 'retry';
      return signInOffer(links, { requestId, actor, verb: signInVerb, slackUser: user });
    }
    if (verb === ACTIONS.approve) result = await decisions.approve(requestId, actor);
    else if (verb === ACTIONS.retry) result = await decisions.retry(requestId, actor);
    else if (verb === ACTIONS.cancel) result = await decisions.cancel(requestId, actor);
    else return undefined;
    return result.ok ? undefined : refusalText(result);
  }

  /** The Slack user's Entra actor, or what to tell them when they cannot be told apart. */
  private async actorOrWhy(user: string): Promise<Actor | string> {
    try {
      return await this.options.identity.actorOf(user);
    } catch (error) {
      return error instanceof UnknownSlackUser
        ? error.message
        : 'The bot could not tell who you are.';
    }
  }

  private async submission(payload: Json): Promise<SlackAnswer> {
    const view = isJson(payload.view) ? payload.view : {};
    const user = isJson(payload.user) ? text(payload.user.id) : undefined;
    if (!user) return OK;
    return this.inBudget(async () => {
      const actor = await this.actorOrWhy(user);
      if (typeof actor === 'string') return update(messageModal('Not sent', actor));
      switch (view.callback_id) {
        case VIEWS.request:
          return this.draft(actor, view);
        case VIEWS.settings:
          return this.settings(actor, view);
        case VIEWS.review:
          return this.submit(actor, text(view.private_metadata) ?? '');
        case VIEWS.reject:
          return this.reject(
            actor,
            text(view.private_metadata) ?? '',
            stateValue(view, FIELDS.reason) ?? '',
          );
        default:
          return OK;
      }
    });
  }

  /** The modal's answers run through the wizard's steps; the review shows the diff. */
  private async draft(actor: Actor, view: Json): Promise<SlackAnswer> {
    const { wizard } = this.options.services;
    const kindValue = stateValue(view, FIELDS.kind);
    const kind = ITEM_KINDS.includes(kindValue as ItemKind) ? (kindValue as ItemKind) : 'app';
    const started = await wizard.startDraft(actor);
    if (!started.ok) return errors(FIELDS.item, refusalText(started));
    const id = started.value.id;
    const steps: [string, () => Promise<Result<unknown>>][] = [
      [FIELDS.kind, () => wizard.chooseKind(id, actor, kind)],
      [FIELDS.item, () => wizard.chooseItem(id, actor, stateValue(view, FIELDS.item) ?? '')],
      [FIELDS.target, () => wizard.chooseTarget(id, actor, targetChoice(view))],
    ];
    if (hasIntentStep(kind)) {
      const intent = stateValue(view, FIELDS.intent);
      if (!intent) return errors(FIELDS.intent, 'Choose the intent: how Intune offers the app.');
      steps.push([
        FIELDS.intent,
        () => wizard.chooseIntent(id, actor, { intent: intent as never }),
      ]);
    }
    for (const [field, step] of steps) {
      const result = await step();
      if (!result.ok) {
        await wizard.discard(id, actor);
        return errors(field === FIELDS.kind ? FIELDS.item : field, refusalText(result));
      }
    }
    const justification = stateValue(view, FIELDS.justification) ?? '';
    const chosen = await this.options.store.get(id);
    if (chosen && wizard.hasSettingsStep(chosen)) {
      // The app has assignment settings: they come next, with the justification carried along.
      const form = await wizard.settingsForm(chosen);
      if (!form.ok) {
        await wizard.discard(id, actor);
        return errors(FIELDS.item, refusalText(form));
      }
      if (form.value) {
        const max = this.options.justificationMax;
        return update(settingsModal(chosen, form.value, { text: justification, max }));
      }
    }
    const justified = await wizard.setJustification(id, actor, justification);
    if (!justified.ok) {
      await wizard.discard(id, actor);
      return errors(FIELDS.justification, refusalText(justified));
    }
    return this.review(id);
  }

  /** The settings modal's answers, checked by the same service as the Teams card's; then the review. */
  private async settings(actor: Actor, view: Json): Promise<SlackAnswer> {
    const { wizard } = this.options.services;
    const meta = settingsMetadata(text(view.private_metadata));
    const values = isJson(view.state) && isJson(view.state.values) ? view.state.values : {};
    if (!meta) return update(messageModal('Not sent', 'This form is not one the bot opened.'));
    const chosen = await wizard.chooseSettings(meta.id, actor, settingsData(values, meta.toggles));
    if (!chosen.ok) {
      const message = refusalText(chosen);
      const shown = blocksOf(view);
      return errors(blockOfRefusal(message, shown) ?? FIELDS.justification, message);
    }
    const justification = stateValue(view, FIELDS.justification) ?? '';
    const justified = await wizard.setJustification(meta.id, actor, justification);
    if (!justified.ok) return errors(FIELDS.justification, refusalText(justified));
    return this.review(meta.id);
  }

  private async review(draftId: string): Promise<SlackAnswer> {
    const draft = await this.options.store.get(draftId);
    if (!draft) return update(messageModal('Not sent', 'The draft was lost; try again.'));
    return update(reviewModal(draft));
  }

  private async submit(actor: Actor, draftId: string): Promise<SlackAnswer> {
    const submitted = await this.options.services.wizard.submit(draftId, actor);
    if (!submitted.ok) return update(messageModal('Not submitted', refusalText(submitted)));
    const id = displayId(submitted.value);
    return update(
      messageModal(
        `${id} submitted`,
        `${id} is waiting for an approver. You get a direct message at each step.`,
      ),
    );
  }

  private async reject(actor: Actor, requestId: string, reason: string): Promise<SlackAnswer> {
    const rejected = await this.options.services.decisions.reject(requestId, actor, reason);
    if (rejected.ok) return { status: 200, body: { response_action: 'clear' } };
    return errors(FIELDS.reason, refusalText(rejected));
  }

  private async openRequest(trigger: string | undefined): Promise<void> {
    if (!trigger) return;
    await this.options.slack.views.open({
      trigger_id: trigger,
      view: requestModal(this.options.justificationMax) as unknown as View,
    });
  }

  private async setChannel(actor: Actor, channel: string): Promise<string> {
    if (this.options.channelId) {
      return 'The approvals channel is set by SLACK_APPROVALS_CHANNEL_ID; ask your administrators to change it.';
    }
    if (!/^[CG][A-Z0-9]{2,}$/.test(channel)) {
      return 'Type this in the channel where requests should be posted.';
    }
    if (!(await this.options.services.authorizer.isApprover(actor.id))) {
      return 'Only approvers may choose the approvals channel.';
    }
    await this.options.store.putSetting(SLACK_CHANNEL_SETTING, channel);
    return 'Requests are now posted in this channel.';
  }

  /** The text commands of the slash command and of direct messages; undefined for others. */
  private async answer(actor: Actor, words: string): Promise<string | undefined> {
    if (words === 'pending') return this.pending(actor);
    if (words === 'my requests') return this.mine(actor);
    const [verb, id, ...more] = words.split(' ');
    if ((verb !== 'status' && verb !== 'cancel') || !id || more.length > 0) return undefined;
    const found = await this.options.services.queries.status(id, actor);
    if (!found.ok) return refusalText(found);
    if (verb === 'status') return statusText(found.value);
    const cancelled = await this.options.services.decisions.cancel(found.value.id, actor);
    return cancelled.ok ? describeStatus(cancelled.value) : refusalText(cancelled);
  }

  private async pending(actor: Actor): Promise<string> {
    const found = await this.options.services.queries.pendingForApprover(actor);
    if (!found.ok) return refusalText(found);
    if (found.value.length === 0) return 'Nothing is waiting for a decision.';
    return escapeMrkdwn(
      found.value.map((r) => `${describeStatus(r)}: ${r.item?.name ?? ''}`).join('\n'),
    );
  }

  private async mine(actor: Actor): Promise<string> {
    const found = await this.options.services.queries.myRequests(actor);
    if (!found.ok) return refusalText(found);
    if (found.value.length === 0)
      return `You have no requests yet. Type ${SLASH_COMMAND} to make one.`;
    return escapeMrkdwn(
      found.value.map((r) => `${describeStatus(r)}: ${r.item?.name ?? ''}`).join('\n'),
    );
  }

  /** The answer's work within Slack's 3 s; Intune being slow is said, not waited for. */
  private async inBudget(work: () => Promise<SlackAnswer>): Promise<SlackAnswer> {
    try {
      return await withTimeBudget(ANSWER_BUDGET_MS, work);
    } catch (error) {
      if (error instanceof UnknownSlackUser) return ephemeral(error.message);
      this.options.logger.error({ err: error }, 'Slack request failed');
      return ephemeral('Something went wrong; nothing was changed. Try again in a moment.');
    }
  }

  /** Work after the acknowledgement. */
  private later(label: string, work: () => Promise<void>): void {
    this.options.tasks.run(async () => {
      try {
        await work();
      } catch (error) {
        this.options.logger.warn(
          { err: error, label },
          'Slack work after the acknowledgement failed',
        );
      }
    }, `slack ${label}`);
  }
}

/** The input blocks of a view, as Slack sends it back. */
function blocksOf(view: Json): string[] {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  return blocks
    .filter(isJson)
    .flatMap((b) => (b.type === 'input' && text(b.block_id) ? [text(b.block_id)!] : []));
}

/** The settings modal's own metadata; anything else is refused. */
function settingsMetadata(raw: string | undefined): SettingsMetadata | undefined {
  try {
    const meta: unknown = JSON.parse(raw ?? '');
    if (!isJson(meta) || typeof meta.id !== 'string' || !Array.isArray(meta.toggles))
      return undefined;
    const toggles = meta.toggles.filter((t): t is string => typeof t === 'string');
    return { id: meta.id, toggles };
  } catch {
    return undefined;
  }
}

function targetChoice(view: Json): TargetChoice {
  const value = stateValue(view, FIELDS.target) ?? '';
  const exclude = stateValue(view, FIELDS.mode) === 'exclude';
  if (value === ALL_USERS || value === ALL_DEVICES) return { type: value, exclude };
  return { type: 'group', groupId: value.replace(/^group:/, ''), exclude };
}

/** One request in a few lines: its state, what it asks, and the justification. */
function statusText(request: AssignmentRequest): string {
  const lines = [
    describeStatus(request),
    `${request.item?.name ?? ''}: ${(request.diff ?? []).map((d) => d.text).join('; ')}`,
    request.justification ? `Justification: ${request.justification}` : '',
  ];
  // People typed the justification: escaped, it cannot become a mention or a link.
  return escapeMrkdwn(lines.filter((line) => line.trim() !== '' && line !== ': ').join('\n'));
}

/** A refusal as the user reads it: what the catalog says to tell, else the service's message. */
function refusalText(result: Extract<Result<unknown>, { ok: false }>): string {
  return toldAs(result.error.code) ?? result.error.message;
}

const ephemeral = (message: string): SlackAnswer => ({
  status: 200,
  body: { response_type: 'ephemeral', text: message.slice(0, 3000) },
});

const update = (view: unknown): SlackAnswer => ({
  status: 200,
  body: { response_action: 'update', view },
});

const errors = (block: string, message: string): SlackAnswer => ({
  status: 200,
  body: { response_action: 'errors', errors: { [block]: message.slice(0, 2000) } },
});
