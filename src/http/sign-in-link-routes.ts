import type * as restify from 'restify';
import { statusOf } from '../domain/errors';
import type { Logger } from '../logger';
import { decidedText, type SignInLinks } from '../services/sign-in-links';
import { CONSENT_PATH } from './consent-routes';
import { htmlPage } from './html-page';

/** The sign-in link's page and Entra ID's redirect URI (register it on the bot's app). */
export const SIGN_IN_LINK_PATH = '/auth/slack/decide';
export const SIGN_IN_DONE_PATH = '/auth/slack/done';

export interface SignInLinkRoutesOptions {
  links: SignInLinks;
  /** The bot's public base URL, for the consent page's link. */
  baseUrl: () => string;
  /** Where the approver follows the request (`Slack`). */
  chat: string;
  logger: Logger;
}

const queryOf = (req: restify.Request) => new URL(req.url ?? '/', 'http://x').searchParams;
const param = (query: URLSearchParams, name: string) => query.get(name)?.slice(0, 4096);

/**
 * `GET /auth/slack/decide?ticket=...` sends the approver to Entra ID's sign-in (302), and
 * `GET /auth/slack/done` takes the code back, decides as the approver and says how it went on a
 * small page. Neither logs the query: it carries the ticket, the state and the code.
 */
export function addSignInLinkRoutes(server: restify.Server, options: SignInLinkRoutesOptions) {
  const { links, logger } = options;
  server.get(SIGN_IN_LINK_PATH, async (req: restify.Request, res: restify.Response) => {
    const opened = await links.open(param(queryOf(req), 'ticket') ?? '');
    if (!opened.ok) {
      logger.info({ code: opened.error.code }, 'sign-in link refused');
      htmlPage(res, statusOf(opened.error.code), {
        title: 'Nothing was changed',
        text: opened.error.message,
      });
      return;
    }
    res.writeHead(302, { Location: opened.value, 'Cache-Control': 'no-store' });
    res.end();
  });

  server.get(SIGN_IN_DONE_PATH, async (req: restify.Request, res: restify.Response) => {
    const query = queryOf(req);
    const finished = await links.finish({
      state: param(query, 'state'),
      code: param(query, 'code'),
      error: param(query, 'error'),
      errorDescription: param(query, 'error_description'),
    });
    if (!finished.ok) {
      const { code, message } = finished.error;
      logger.info({ code, requestId: finished.request?.id }, 'decision after signing in refused');
      htmlPage(res, statusOf(code), { title: 'Nothing was changed', text: message });
      return;
    }
    const done = finished.value;
    if (done.kind === 'consent') {
      logger.info({ userId: done.user.id }, 'sign-in needs consent');
      htmlPage(res, 403, {
        title: 'Nothing was changed',
        text: `${done.message} Then click Approve in ${options.chat} again.`,
        link: {
          href: `${options.baseUrl()}${CONSENT_PATH}?user=${encodeURIComponent(done.user.id)}`,
          text: 'Allow the bot to change Intune as you',
        },
      });
      return;
    }
    logger.info({ requestId: done.request.id, verb: done.verb }, 'decided after signing in');
    htmlPage(res, 200, {
      title: decidedText(done.request, done.verb),
      text: `${decidedText(done.request, done.verb)}; the write to Intune is running as you. Follow it in ${options.chat}.`,
    });
  });
}
