/**
 * Benchmark part `approval-floor`: what the exchanges of one approval cost on the bare stack, with
 * none of the product's work: the floor under `approval-cost`'s CPU per approval.
 *
 * A bare bot (`bench/floor-bot.ts`: botbuilder's CloudAdapter behind restify, local mode, no
 * product code) runs as its own process, compiled and started with production's node flags as
 * the product's bot is. Each Approve invoke it gets is answered with a pre-expanded ~3 KB Adaptive
 * Card; after the answer the bot makes the 7 Bot Connector calls of an approval (4 replies and 3
 * updates, with the card attached, through the turn's connector client) to the fake connector, and
 * 5 fetches (3 GET, 2 POST with a ~2 KB JSON body) to a loopback JSON server standing in for Graph.
 * The fake connector, the Graph stand-in and the clicks run in this process.
 *
 * Invokes go one after another (each waits until the bot has made its calls) in one bot process's
 * life; the bot's CPU per invoke comes from `/proc/<pid>/stat` as in `approval-cost`:
 *
 * - `ROUNDS` (100) after `WARM_UP` (20) unmeasured ones: the floor figure;
 * - rounds 2-100, as `approval-cost` measures the product (one approval first, then 99). The bare
 *   bot's first hundred rounds cost more than later ones (V8 still compiling its hot code: about
 *   300 rounds to settle here, at a steady garbage collection rate), while the product's CPU per
 *   approval stayed flat over 500 approvals (about 25 ms in each hundred, measured once with a
 *   longer run of `approval-cost`): set the steady state beside approval-cost's figure;
 * - after `STEADY_AFTER` (500) rounds, `STEADY_ROUNDS` (200) each: every exchange, the invoke
 *   alone, the invoke with the connector calls only and with the fetches only (each part's floor,
 *   by difference), and with the 4 replies carrying a line of text instead of the card, as the
 *   product's thread replies and requester messages do.
 *
 * About 30 s. `FLOOR_ROUNDS=<n>` changes `ROUNDS`; `FLOOR_PROFILE=<dir>` writes a CPU profile of the
 * bare bot (`--cpu-prof`).
 *
 *   npx tsx bench/performance.ts approval-floor
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import ts from 'typescript';
import { FakeConnector } from '../../test/fakes/fake-connector';
import { TeamsClient } from '../../test/support/teams-client';
import { PRODUCTION_NODE_ARGS } from '../bench-processes';
import { BENCH_USERS } from '../bot-on-store';
import { summary } from '../figures';
import { floorCard, graphObject, type FloorParts } from '../floor-bot';
import { cpuMsOf } from '../process-cpu';
import { TENANT_ID } from '../seed-requests';

const ROOT = join(__dirname, '../..');
const ROUNDS = Number(process.env.FLOOR_ROUNDS ?? 100);
const WARM_UP = 20;
/** Rounds before the steady-state figures: the JIT has settled by then (about 300 on this machine). */
const STEADY_AFTER = 500;
const STEADY_ROUNDS = 200;
const CONNECTOR_CALLS = 7;
const FETCHES = 5;

/** A loopback JSON server standing in for Graph: ~3 KB answers to GETs, ~1 KB to POSTs. */
async function startGraphStandIn() {
  const got = JSON.stringify(graphObject(3_000));
  const posted = JSON.stringify(graphObject(1_000));
  let calls = 0;
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST') JSON.parse(Buffer.concat(chunks).toString('utf8'));
      calls += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.method === 'POST' ? posted : got);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    connections: () => connections,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `bench/floor-bot.ts` as JavaScript in `dir` (type-checked with the rest, only transpiled here). */
function compileBareBot(dir: string): string {
  const source = readFileSync(join(ROOT, 'bench/floor-bot.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  const file = join(dir, 'floor-bot.js');
  writeFileSync(file, outputText);
  return file;
}

/** The bare bot as its own process, with production's node flags; resolves once it listens. */
async function startBareBot(file: string, graphUrl: string) {
  const profile = process.env.FLOOR_PROFILE;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...PRODUCTION_NODE_ARGS, ...nodeArgs, file], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // The compiled file lives outside the project: its packages come from the project's.
      NODE_PATH: join(ROOT, 'node_modules'),
      GRAPH_URL: graphUrl,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const waiting = new Map<string, () => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    void exited.then(() => reject(new Error('the bare bot exited')));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, rest = ''] = line.split(' ');
      if (word === 'listening') resolve(rest.replace('0.0.0.0', '127.0.0.1'));
      if (word === 'done') waiting.get(rest)?.();
    });
  });
  return {
    child,
    url,
    exited,
    /** Resolves once the bot has printed `done <id>`. */
    done: (id: string) => new Promise<void>((resolve) => waiting.set(id, resolve)),
    forget: (id: string) => waiting.delete(id),
  };
}

type BareBot = Awaited<ReturnType<typeof startBareBot>>;

interface Measured {
  cpuMs: number;
  connectorCalls: number;
  connectorConnections: number;
  fetches: number;
  fetchConnections: number;
  /** The body of the first connector call. */
  firstBody: Record<string, unknown>;
  /** Connector calls by kind (reply, update, ...). */
  kinds: Map<string, number>;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'approval-floor-'));
  const connector = new FakeConnector();
  await connector.start();
  const graph = await startGraphStandIn();
  let bot: BareBot | undefined;
  try {
    bot = await startBareBot(compileBareBot(dir), graph.url);
    const pid = bot.child.pid!;
    const teams = new TeamsClient({
      botUrl: bot.url,
      serviceUrl: connector.url,
      tenantId: TENANT_ID,
    });
    const user = BENCH_USERS.approver;

    /** One Approve invoke; resolves once the bot has made the calls of `parts`. */
    const approve = async (parts: FloorParts, text = false) => {
      const value = {
        action: { type: 'Action.Execute', verb: 'request.approve', data: { parts, text } },
        trigger: 'manual',
      };
      const activity = teams.activity(user, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        value,
      });
      const done = bot!.done(activity.id);
      const start = performance.now();
      const answer = await teams.post(activity);
      const answered = performance.now() - start;
      const card = (answer.body as { value?: { type?: string } } | undefined)?.value;
      if (answer.status !== 200 || card?.type !== 'AdaptiveCard') {
        throw new Error(`the invoke answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
      await done;
      bot!.forget(activity.id);
      // Answers are kept by the client: dropped so that this process does not grow.
      teams.answers.length = 0;
      return answered;
    };

    /** `STEADY_ROUNDS` invokes one after another: the bot's CPU, and what it sent. */
    const measure = async (parts: FloorParts, text = false): Promise<Measured> => {
      connector.clear();
      const [calls, connections] = [graph.calls(), graph.connections()];
      const connectorConnections = connector.connections;
      const cpu = cpuMsOf(pid);
      for (let i = 0; i < STEADY_ROUNDS; i += 1) await approve(parts, text);
      const cpuMs = cpuMsOf(pid) - cpu;
      const kinds = new Map<string, number>();
      for (const call of connector.calls) kinds.set(call.kind, (kinds.get(call.kind) ?? 0) + 1);
      return {
        firstBody: connector.calls[0]?.body ?? {},
        kinds,
        cpuMs,
        connectorCalls: connector.calls.length,
        connectorConnections: connector.connections - connectorConnections,
        fetches: graph.calls() - calls,
        fetchConnections: graph.connections() - connections,
      };
    };

    // One process's life: its first rounds are measured as `approval-cost` measures the product
    // (one approval first, then 99) and after `WARM_UP` rounds as asked; the floor of each part
    // once the JIT has settled (`STEADY_AFTER` rounds).
    const cpuAt = new Map<number, number>();
    const firstRounds: number[] = [];
    for (let round = 1; round <= Math.max(WARM_UP + ROUNDS, 100); round += 1) {
      firstRounds.push(await approve('all'));
      cpuAt.set(round, cpuMsOf(pid));
    }
    const cpuBetween = (from: number, to: number) => cpuAt.get(to)! - cpuAt.get(from)!;
    const afterWarmUp = cpuBetween(WARM_UP, WARM_UP + ROUNDS);
    const likeApprovalCost = cpuBetween(1, 100) / 99;
    for (let round = firstRounds.length; round < STEADY_AFTER; round += 1) {
      await approve(
        ['all', 'invoke', 'connector', 'fetch'][round % 4] as FloorParts,
        round % 8 === 0,
      );
    }
    const all = await measure('all');
    const invoke = await measure('invoke');
    const connectorOnly = await measure('connector');
    const fetchOnly = await measure('fetch');
    const text = await measure('all', true);

    const expected = STEADY_ROUNDS * CONNECTOR_CALLS;
    const attached = (
      all.firstBody.attachments as { content?: { type?: string } }[] | undefined
    )?.[0];
    if (attached?.content?.type !== 'AdaptiveCard') throw new Error('the replies carry no card');
    if (all.connectorCalls !== expected || all.fetches !== STEADY_ROUNDS * FETCHES) {
      throw new Error(
        `the bare bot made ${all.connectorCalls} connector calls and ${all.fetches} fetches, not ${expected} and ${STEADY_ROUNDS * FETCHES}`,
      );
    }
    const per = (m: Measured) => m.cpuMs / STEADY_ROUNDS;
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const cardBytes = JSON.stringify(floorCard()).length;
    console.log(
      `bare stack (botbuilder CloudAdapter + restify, local mode, no product code; card ${(cardBytes / 1000).toFixed(1)} KB), same exchanges (1 invoke + ${CONNECTOR_CALLS} connector calls + ${FETCHES} fetches): bot CPU ${ms(afterWarmUp / ROUNDS)} per approval (n=${ROUNDS}, after ${WARM_UP} warm-up rounds; /proc, 10 ms ticks over ${afterWarmUp.toFixed(0)} ms)`,
    );
    console.log(
      `  measured as approval-cost measures the product (a fresh process, 1 round first, then 99): ${ms(likeApprovalCost)} per approval`,
    );
    console.log(
      `  steady state (after ${STEADY_AFTER} rounds, n=${STEADY_ROUNDS} each): ${ms(per(all))} per approval`,
    );
    console.log(
      `    the invoke alone (answered with the card) ${ms(per(invoke))}; with the ${CONNECTOR_CALLS} connector calls ${ms(per(connectorOnly))} (the calls: ${ms(per(connectorOnly) - per(invoke))}); with the ${FETCHES} fetches ${ms(per(fetchOnly))} (the fetches: ${ms(per(fetchOnly) - per(invoke))})`,
    );
    console.log(
      `    with the 4 replies carrying a line of text instead of the card, as the product's do: ${ms(per(text))}`,
    );
    console.log(
      `  per approval: ${(all.connectorCalls / STEADY_ROUNDS).toFixed(1)} connector calls (${[...all.kinds].map(([kind, count]) => `${kind} ${(count / STEADY_ROUNDS).toFixed(1)}`).join(', ')}) over ${(all.connectorConnections / STEADY_ROUNDS).toFixed(1)} new TCP connections, ${(all.fetches / STEADY_ROUNDS).toFixed(1)} fetches over ${(all.fetchConnections / STEADY_ROUNDS).toFixed(1)}`,
    );
    console.log(
      `  ${summary(`Approve invoke answered (one at a time, after ${WARM_UP} warm-up rounds)`, firstRounds.slice(WARM_UP, WARM_UP + ROUNDS))}`,
    );
  } finally {
    if (bot) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await connector.stop();
    await graph.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
