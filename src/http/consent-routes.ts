import type * as restify from 'restify';
import type { Logger } from '../logger';
import { htmlPage } from './html-page';

/** The pages approvers consent through when writes run as them (`GRAPH_WRITE_AS=approver`). */
export const CONSENT_PATH = '/auth/consent';
export const CONSENT_DONE_PATH = '/auth/consent/done';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ConsentRoutesOptions {
  /** The bot's public base URL (`https://<BOT_DOMAIN>`, or its loopback URL in local mode). */
  baseUrl: () => string;
  /** Entra's consent prompt coming back to `redirectUri`. */
  consentUrl: (redirectUri: string, loginHint?: string) => Promise<string>;
  /** Whether the user's object id may be passed to the prompt as the account hint (simulator only). */
  hintWithObjectId: boolean;
  logger: Logger;
}

function page(res: restify.Response, status: number, title: string, text: string): void {
  htmlPage(res, status, { title, text });
}

/**
 * `GET /auth/consent?user=<object id>` sends the approver to Entra ID's consent prompt for the
 * delegated write permission (the sign-in button of Teams' sign-in request leads here), and
 * `GET /auth/consent/done` says how it went. Nothing is exchanged or kept: Entra records the
 * consent, and the next Approve's single sign-on then succeeds. Teams' own consent dialog covers
 * most users; this is the way when single sign-on reported consent missing.
 */
export function addConsentRoutes(server: restify.Server, options: ConsentRoutesOptions): void {
  server.get(CONSENT_PATH, async (req: restify.Request, res: restify.Response) => {
    const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? '';
    if (user !== '' && !GUID.test(user)) {
      page(res, 400, 'Not a sign-in link', 'This link does not come from the bot.');
      return;
    }
    try {
      const hint = options.hintWithObjectId && user !== '' ? user : undefined;
      const target = await options.consentUrl(`${options.baseUrl()}${CONSENT_DONE_PATH}`, hint);
      res.writeHead(302, { Location: target, 'Cache-Control': 'no-store' });
      res.end();
    } catch (error) {
      options.logger.warn({ err: error }, 'consent page unavailable');
      page(
        res,
        503,
        'Sign-in is not available',
        'The bot could not reach Entra ID; try again in a moment.',
      );
    }
  });

  server.get(CONSENT_DONE_PATH, async (req: restify.Request, res: restify.Response) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const error = query.get('error');
    if (error) {
      const why = (query.get('error_description') ?? error).slice(0, 300);
      page(res, 200, 'Nothing was allowed', `Entra ID answered: ${why}`);
      return;
    }
    page(
      res,
      200,
      'You are signed in',
      'The bot may now change Intune app assignments as you, within your own Intune role. Go back to Teams and click Approve again.',
    );
  });
}
