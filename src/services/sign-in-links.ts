import { randomBytes } from 'node:crypto';
import { displayId, type AssignmentRequest, type Person } from '../domain/request';
import { personOf, type Actor } from './actor';
import type { Decisions } from './decisions';
import type { DirectoryPort } from './ports/directory';
import type { WriteIdentity } from './ports/intune';
import { attempt, Refusal, type Result } from './result';
import type { SignInTickets } from './sign-in-tickets';

/** Entra ID's authorization code flow with PKCE, as the Graph layer runs it. */
export interface CodeSignInPort {
  start(request: {
    redirectUri: string;
    state: string;
    loginHint?: string;
  }): Promise<{ url: string; verifier: string }>;
  /** Throws an error whose `problem` says why (`consent-required`, `other-user`, ...). */
  redeem(redemption: {
    code: string;
    verifier: string;
    redirectUri: string;
    user: Person;
  }): Promise<WriteIdentity>;
}

export interface SignInLinksOptions {
  decisions: Decisions;
  directory: DirectoryPort;
  tickets: SignInTickets;
  signIn: CodeSignInPort;
  /** The bot's page a ticket opens (`https://<BOT_DOMAIN>/auth/slack/decide?ticket=...`). */
  linkFor: (ticket: string) => string;
  /** Where Entra ID sends the code back (`https://<BOT_DOMAIN>/auth/slack/done`). */
  redirectUri: () => string;
}

/** What came back to the redirect URI, as Entra ID sends it. */
export interface SignInReturn {
  state?: string;
  code?: string;
  error?: string;
  errorDescription?: string;
}

export type Verb = 'approve' | 'retry';

/** How a sign-in's return ended: decided, or the approver must first allow the bot (consent). */
export type Finished =
  | { kind: 'decided'; request: AssignmentRequest; verb: Verb }
  | { kind: 'consent'; user: Person; message: string };

const problemOf = (error: unknown) =>
  typeof error === 'object' && error !== null ? (error as { problem?: unknown }).problem : '';

/**
 * Approving outside Teams when writes run as the approver: the click is checked first (nobody
 * signs in for a click that would be refused), then answered with a link to the bot's page, which
 * sends the approver to Entra ID's sign-in; the code that comes back is redeemed for their Graph
 * token, checked to be theirs, and the decision runs at once with it. The token lives in memory
 * for that write (and a Multi Admin Approval replay) only.
 */
export class SignInLinks {
  constructor(private readonly options: SignInLinksOptions) {}

  /** A sign-in link for the click, or the refusal the click gets. */
  offer(
    requestId: string,
    actor: Actor,
    verb: Verb,
    chatUser: string,
  ): Promise<Result<{ request: AssignmentRequest; url: string }>> {
    return attempt(async () => {
      const allowed = await this.options.decisions.mayDecide(requestId, actor, verb);
      if (!allowed.ok)
        throw new Refusal(allowed.error.code, allowed.error.message, allowed.request);
      const user = await this.options.directory.getUser(actor.id);
      const ticket = await this.options.tickets.issue({
        requestId,
        verb,
        actor,
        chatUser,
        loginHint: user?.userPrincipalName,
      });
      return { request: allowed.value, url: this.options.linkFor(ticket) };
    });
  }

  /** Where the link's page sends the browser: Entra ID's sign-in for the ticket's approver. */
  open(ticket: string): Promise<Result<string>> {
    return attempt(async () => {
      const binding = await this.options.tickets.peek(ticket);
      if (!binding) throw invalidLink();
      const state = randomBytes(24).toString('base64url');
      const started = await this.options.signIn.start({
        redirectUri: this.options.redirectUri(),
        state,
        loginHint: binding.loginHint,
      });
      await this.options.tickets.start(state, ticket, started.verifier);
      return started.url;
    });
  }

  /** The sign-in's return: the decision made as the approver, or why nothing changed. */
  finish(back: SignInReturn): Promise<Result<Finished>> {
    return attempt(async () => {
      if (back.error) {
        const why = (back.errorDescription ?? back.error).slice(0, 300);
        throw new Refusal('sign-in-failed', `Entra ID did not sign you in: ${why}`);
      }
      const spent =
        back.state && back.code ? await this.options.tickets.spend(back.state) : undefined;
      if (!spent || !back.code) throw invalidLink();
      const { binding, verifier } = spent;
      const identity = await this.identity(back.code, verifier, binding.actor);
      if ('message' in identity) {
        return { kind: 'consent', user: personOf(binding.actor), message: identity.message };
      }
      const { decisions } = this.options;
      const decided =
        binding.verb === 'approve'
          ? await decisions.approve(binding.requestId, binding.actor, identity)
          : await decisions.retry(binding.requestId, binding.actor, identity);
      if (!decided.ok)
        throw new Refusal(decided.error.code, decided.error.message, decided.request);
      return { kind: 'decided', request: decided.value, verb: binding.verb };
    });
  }

  /** The approver's identity, or why Entra ID needs their consent first. */
  private async identity(
    code: string,
    verifier: string,
    actor: Actor,
  ): Promise<WriteIdentity | { message: string }> {
    try {
      return await this.options.signIn.redeem({
        code,
        verifier,
        redirectUri: this.options.redirectUri(),
        user: { id: actor.id, name: actor.name },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const problem = problemOf(error);
      if (problem === 'consent-required') return { message };
      if (problem === 'unavailable') throw new Refusal('graph-unavailable', message);
      throw new Refusal('sign-in-failed', message);
    }
  }
}

const invalidLink = () =>
  new Refusal(
    'sign-in-link-invalid',
    'This sign-in link has been used, has expired or is not one the bot made; nothing was changed. Click the button in the chat again for a new link.',
  );

/** "REQ-12 approved" for the page the approver lands on. */
export const decidedText = (request: AssignmentRequest, verb: Verb) =>
  `${displayId(request)} ${verb === 'approve' ? 'approved' : 'retried'}`;
