import type { Server } from 'restify';
import type { DelegatedSignIn } from '../graph/sign-in';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { Clock } from '../services/ports/clock';
import type { DirectoryPort } from '../services/ports/directory';
import type { RequestStore } from '../services/ports/request-store';
import { SignInLinks } from '../services/sign-in-links';
import { SignInTickets } from '../services/sign-in-tickets';
import { addSignInLinkRoutes, SIGN_IN_DONE_PATH, SIGN_IN_LINK_PATH } from './sign-in-link-routes';

/**
 * Writes as the approver, from Slack: the sign-in links (tickets in the store, Entra ID's
 * authorization code flow through the Graph layer) and the bot's two pages for them.
 */
export function slackSignIn(deps: {
  server: Server;
  services: Services;
  signInGraph: DelegatedSignIn;
  store: RequestStore;
  clock: Clock;
  directory: DirectoryPort;
  baseUrl: () => string;
  logger: Logger;
}): SignInLinks {
  const { signInGraph, baseUrl } = deps;
  const links = new SignInLinks({
    decisions: deps.services.decisions,
    directory: deps.directory,
    tickets: new SignInTickets(deps.store, deps.clock),
    signIn: {
      start: (request) => signInGraph.startCode(request),
      redeem: (redemption) => signInGraph.redeemCode(redemption),
    },
    linkFor: (ticket) => `${baseUrl()}${SIGN_IN_LINK_PATH}?ticket=${encodeURIComponent(ticket)}`,
    redirectUri: () => `${baseUrl()}${SIGN_IN_DONE_PATH}`,
  });
  addSignInLinkRoutes(deps.server, { links, baseUrl, chat: 'Slack', logger: deps.logger });
  return links;
}
