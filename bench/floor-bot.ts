/**
 * The bare bot of the benchmark part `approval-floor` (see `perf/approval-floor.ts`): botbuilder's
 * CloudAdapter behind restify in local mode (empty MicrosoftAppId: no inbound auth, no outbound
 * token), with none of the product's code. It imports only botbuilder, restify and Node.
 *
 * Its `adaptiveCard/action` handler answers with a pre-expanded ~3 KB Adaptive Card and, once the
 * HTTP answer has left, does the other exchanges of one approval, one after another:
 *
 * - `connector`: 4 replies (POST /v3/conversations/{id}/activities/{replyToId}) and 3 updates
 *   (PUT /v3/conversations/{id}/activities/{activityId}), each with the card as an attachment
 *   (`text`: the replies carry a line of text instead, as the product's thread replies and requester
 *   messages do), through the turn's connector client (the one the adapter built for the turn);
 * - `fetch`: 3 GETs and 2 POSTs with a ~2 KB JSON body to `GRAPH_URL`, with global fetch (where
 *   the product's Graph client ends), each answer read as JSON.
 *
 * The action's `data.parts` says which (`invoke` for none, `connector`, `fetch`, `all`); a line
 * `done <activity id>` on stdout says they are over. Compiled and run by `perf/approval-floor.ts`
 * with production's node flags; the first line is `listening <url>`.
 */
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import * as restify from 'restify';

export type FloorParts = 'invoke' | 'connector' | 'fetch' | 'all';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A request card as the product shows one, already expanded: about 3 KB of JSON. */
export function floorCard(): Record<string, unknown> {
  const facts = [
    ['App', 'Contoso Expense Reporting for Windows 10 and 11 (Win32)'],
    ['Publisher', 'Contoso Ltd.'],
    ['App type', 'Windows app (Win32)'],
    ['Group', 'Finance - Accounts Payable - EMEA (all users)'],
    ['Intent', 'Required'],
    ['Filter', 'None'],
    ['Delivery optimization', 'Content download in background'],
    ['Restart grace period', 'Off'],
    ['Requested by', 'Adele Vance (adele.vance@contoso.onmicrosoft.com)'],
    ['Requested', '2024-05-14 09:12 UTC'],
    ['Request id', '5f1d2c3b-8a9e-4c7d-b6f5-0e1a2b3c4d5e'],
    ['Status', 'Pending approval'],
    ['Approvers', 'Members of Intune App Approvers (IT - Endpoint Management)'],
    ['Install behaviour', 'System context, no user interaction, hidden'],
    ['Current assignments', '2 groups (1 required, 1 available)'],
    ['Devices in the group', 'About 180 Windows devices'],
    ['Version', '4.12.3 (uploaded 2024-05-02)'],
    ['Requirement rules', 'Windows 10 1809 or later, x64, 2 GB of free disk space'],
    ['Detection rule', 'MSI product code {8F4E2A1B-3C5D-4E6F-9A0B-1C2D3E4F5A6B}'],
  ].map(([title, value]) => ({ title, value }));
  const execute = (title: string, verb: string, style?: string) => ({
    type: 'Action.Execute',
    title,
    verb,
    style,
    data: { requestId: '5f1d2c3b-8a9e-4c7d-b6f5-0e1a2b3c4d5e', rev: 3 },
  });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    refresh: {
      action: {
        type: 'Action.Execute',
        verb: 'request.refresh',
        data: { requestId: '5f1d2c3b-8a9e-4c7d-b6f5-0e1a2b3c4d5e' },
      },
      userIds: ['29:1a2b3c4d5e6f7a8b9c0d-approver', '29:9f8e7d6c5b4a3f2e1d0c-approver2'],
    },
    body: [
      {
        type: 'TextBlock',
        text: 'App assignment request: Contoso Expense Reporting',
        size: 'Large',
        weight: 'Bolder',
        color: 'Accent',
        wrap: true,
      },
      { type: 'FactSet', facts },
      { type: 'TextBlock', text: 'Justification', weight: 'Bolder', wrap: true },
      {
        type: 'RichTextBlock',
        spacing: 'None',
        inlines: [
          {
            type: 'TextRun',
            text: 'The accounts payable team moves to the new expense tool on the first of next month; every member needs it installed before the training sessions that start next week.',
          },
        ],
      },
      { type: 'TextBlock', text: 'Change to the current assignments', weight: 'Bolder' },
      {
        type: 'Container',
        style: 'emphasis',
        items: [
          {
            type: 'RichTextBlock',
            spacing: 'None',
            inlines: [{ type: 'TextRun', text: '+ Required: Finance - Accounts Payable - EMEA' }],
          },
          {
            type: 'RichTextBlock',
            spacing: 'None',
            inlines: [{ type: 'TextRun', text: '= Available: All users (unchanged)' }],
          },
        ],
      },
      {
        type: 'ActionSet',
        actions: [
          execute('Approve', 'request.approve', 'positive'),
          execute('Reject', 'request.reject', 'destructive'),
          execute('Show details', 'request.details'),
        ],
      },
    ],
  };
}

/** A Graph-like object of about `bytes` bytes of JSON. */
export function graphObject(bytes: number): Record<string, unknown> {
  const object: Record<string, unknown> = {
    '@odata.context': 'https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps',
    id: '0b2f6a1c-7d3e-4f5a-9b8c-1d2e3f4a5b6c',
    displayName: 'Contoso Expense Reporting',
    publisher: 'Contoso Ltd.',
  };
  for (let i = 0; JSON.stringify(object).length < bytes; i += 1) {
    object[`property${i}`] = `value ${i} of a Graph object, long enough to look like one`;
  }
  return object;
}

/** Built once: the turns only send them. */
const CARD = floorCard();
const ATTACHMENT = { contentType: CARD_TYPE, content: CARD };
const POST_BODY = JSON.stringify(graphObject(2_000));

/** The exchanges after the answer: 4 replies and 3 updates to the connector. */
async function connectorCalls(client: ConnectorClient, activity: Activity, text: boolean) {
  const message = (withCard: boolean): Partial<Activity> => ({
    type: ActivityTypes.Message,
    from: activity.recipient,
    ...(withCard
      ? { attachments: [ATTACHMENT] }
      : { text: 'Approved by Megan Bowen: assigning now.' }),
  });
  const thread = '19:approvals@thread.tacv2;messageid=root';
  const personal = activity.conversation.id;
  const replies: [string, string][] = [
    [thread, 'root'],
    [personal, 'requester-1'],
    [thread, 'root'],
    [personal, 'requester-1'],
  ];
  for (const [conversation, replyTo] of replies) {
    await client.conversations.replyToActivity(conversation, replyTo, message(!text));
  }
  const updates: [string, string][] = [
    [thread, 'root'],
    [personal, 'requester-1'],
    ['a:personal-approver', 'approver-1'],
  ];
  for (const [conversation, id] of updates) {
    await client.conversations.updateActivity(conversation, id, { ...message(true), id });
  }
}

/** The Graph-like exchanges after the answer: 3 GETs, 2 POSTs with a ~2 KB body. */
async function fetches(graphUrl: string) {
  const headers = {
    authorization: 'Bearer local-mode-token',
    accept: 'application/json',
    'client-request-id': '4a6d9f2e-1b3c-4d5e-8f7a-9b0c1d2e3f4a',
  };
  for (const path of ['/beta/deviceAppManagement/mobileApps/app', '/v1.0/groups/g', '/beta/a']) {
    const answer = await fetch(`${graphUrl}${path}`, { headers });
    await answer.json();
  }
  for (const path of ['/beta/deviceAppManagement/mobileApps/app/assign', '/v1.0/$batch']) {
    const answer = await fetch(`${graphUrl}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: POST_BODY,
    });
    await answer.json();
  }
}

function main() {
  const graphUrl = process.env.GRAPH_URL ?? '';
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
    }),
  );
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    let after: (() => Promise<void>) | undefined;
    await adapter.process(req, res, async (context: TurnContext) => {
      const { activity } = context;
      if (activity.type !== ActivityTypes.Invoke || activity.name !== 'adaptiveCard/action') return;
      const data = (
        activity.value as { action?: { data?: { parts?: FloorParts; text?: boolean } } }
      ).action?.data;
      const parts = data?.parts ?? 'all';
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: CARD } },
      });
      const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
      after = async () => {
        if (parts === 'connector' || parts === 'all') {
          await connectorCalls(client, activity, data?.text === true);
        }
        if (parts === 'fetch' || parts === 'all') await fetches(graphUrl);
        process.stdout.write(`done ${activity.id}\n`);
      };
    });
    // adapter.process resolves once the answer has been sent: the rest happens after it.
    if (after) {
      after().catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
    }
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening ${server.url}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

if (require.main === module) main();
