import type { Request, Response, Server } from 'restify';
import type { StateValues } from '../simulator/slack/slack-sender';
import { findPersona, type Persona } from './personas';
import { ShimError } from './shim';
import type { PlaygroundSlack, SlackPlace } from './slack-client';
import { slackScreen } from './slack-screen';

const API = '/playground/api/slack';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown, max = 3000) =>
  typeof value === 'string' && value.length <= max ? value : undefined;

function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}

/** Slack's `view.state.values`: block id, then action id, then the element's value. */
function stateValues(value: unknown): StateValues | undefined {
  if (!isRecord(value)) return undefined;
  return Object.values(value).every(isRecord) ? (value as StateValues) : undefined;
}

/**
 * The Slack view's API: what a persona sees (`GET /slack?persona=`), and what they do there,
 * which Slack would send the bot: a slash command, a DM, a button click, an options load, a modal
 * submitted or closed. Routes only translate HTTP; `PlaygroundSlack` does the work.
 */
export function mountSlackApi(
  server: Server,
  options: { slack: PlaygroundSlack; personas: readonly Persona[] },
): void {
  const { slack, personas } = options;
  const handle =
    (work: (who: Persona, body: Json) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const body = isRecord(req.body) ? req.body : {};
      const key = new URL(req.url ?? '/', 'http://playground').searchParams.get('persona');
      const who = findPersona(personas, key ?? body.persona);
      if (!who) {
        fail(res, 400, 'unknown-persona', 'Name a persona: megan, patti, nestor or joni.');
        return;
      }
      try {
        res.send(200, (await work(who, body)) ?? {});
      } catch (error) {
        if (!(error instanceof ShimError)) throw error;
        fail(res, error.status, error.code, error.message);
      }
    };
  const bad = (message: string) => new ShimError(400, 'bad-request', message);

  server.get(
    API,
    handle(async (who) => slackScreen(slack, who)),
  );
  server.post(
    `${API}/command`,
    handle(async (who, body) => {
      const text = str(body.text, 1000);
      const place: SlackPlace = body.place === 'channel' ? 'channel' : 'dm';
      if (text === undefined) throw bad('Send the text typed after the command.');
      await slack.command(who, text, place);
    }),
  );
  server.post(
    `${API}/message`,
    handle(async (who, body) => {
      const text = str(body.text, 4000);
      if (!text?.trim()) throw bad('Send the text of the message.');
      await slack.message(who, text);
    }),
  );
  server.post(
    `${API}/click`,
    handle(async (who, body) => {
      const [channel, ts, actionId] = [str(body.channel), str(body.ts), str(body.actionId, 255)];
      if (!channel || !ts || !actionId) throw bad('Name the message (channel, ts) and actionId.');
      await slack.click(who, { channel, ts }, actionId);
    }),
  );
  server.post(
    `${API}/options`,
    handle(async (who, body) => {
      const [viewId, actionId, blockId] = [str(body.viewId), str(body.actionId), str(body.blockId)];
      const value = str(body.value, 1000) ?? '';
      const state = stateValues(body.state ?? {});
      if (!viewId || !actionId || !blockId || !state) {
        throw bad('Name the view, the element (actionId, blockId) and the state.');
      }
      return slack.options(who, { viewId, actionId, blockId, value, state });
    }),
  );
  server.post(
    `${API}/submit`,
    handle(async (who, body) => {
      const viewId = str(body.viewId);
      const values = stateValues(body.values ?? {});
      if (!viewId || !values) throw bad('Name the view and its values.');
      return slack.submit(who, viewId, values);
    }),
  );
  server.post(
    `${API}/close`,
    handle(async (who, body) => {
      const viewId = str(body.viewId);
      if (!viewId) throw bad('Name the view.');
      await slack.close(who, viewId);
    }),
  );
}
