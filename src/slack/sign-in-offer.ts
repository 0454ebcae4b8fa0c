import { displayId } from '../domain/request';
import { toldAs } from '../domain/errors';
import type { Actor } from '../services/actor';
import type { SignInLinks, Verb } from '../services/sign-in-links';
import { escapeMrkdwn, plain, section, type Block } from './blocks';

/** An ephemeral message: its text, and its blocks when it has a button. */
export interface Ephemeral {
  text: string;
  blocks?: Block[];
}

/** The sign-in button's action id: Slack reports its click, which needs no answer. */
export const SIGN_IN_ACTION = 'sign-in.open';

/**
 * Approve (or Retry) clicked in Slack when writes run as the approver: the click is checked
 * first; then only the clicker sees a button to the bot's sign-in page, whose link works once and
 * for ten minutes. Slack cannot sign anyone in to Entra ID itself.
 */
export async function signInOffer(
  links: SignInLinks,
  click: { requestId: string; actor: Actor; verb: Verb; slackUser: string },
): Promise<Ephemeral> {
  const offered = await links.offer(click.requestId, click.actor, click.verb, click.slackUser);
  if (!offered.ok)
    return { text: escapeMrkdwn(toldAs(offered.error.code) ?? offered.error.message) };
  const id = displayId(offered.value.request);
  const label = `Sign in to Microsoft to ${click.verb} ${id}`;
  const text = `Writes to Intune run as you: sign in to Microsoft to ${click.verb} ${id}. The link works once, for 10 minutes.`;
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: plain(label, 75),
            url: offered.value.url,
            action_id: SIGN_IN_ACTION,
            style: 'primary',
          },
        ],
      },
    ],
  };
}
