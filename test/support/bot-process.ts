import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '../..');

/** A bot started from the real entry point (`src/index.ts`) as its own process. */
export interface BotProcess {
  child: ChildProcess;
  url: string;
  /** Every line it printed, stdout and stderr. */
  lines: string[];
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<number | string>;
}

/**
 * Starts the real entry point with only `env` (and PATH, HOME) and resolves once it listens;
 * `nodeArgs` go to node (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). `compiled` runs
 * `dist/src/index.js` as production does (`npm run build` first), else the sources through tsx.
 */
export function startBotProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
  compiled = false,
): Promise<BotProcess> {
  // One process (node with tsx's loader), not the tsx CLI, which would run the bot in a child
  // that a kill -9 of the CLI leaves running.
  const entry = compiled ? ['dist/src/index.js'] : ['--import', 'tsx', 'src/index.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DOTENV_CONFIG_PATH: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return new Promise((resolve, reject) => {
    // tsx compiles the entry point as it starts: on a busy two-core machine that can pass 20 s.
    const timer = setTimeout(
      () => reject(new Error(`the bot did not start:\n${lines.join('\n')}`)),
      60_000,
    );
    void exited.then(() => reject(new Error(`the bot exited:\n${lines.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      let url: string | undefined;
      try {
        url = (JSON.parse(line) as { url?: string }).url;
      } catch {
        return;
      }
      if (url?.endsWith('/api/messages')) {
        clearTimeout(timer);
        resolve({
          child,
          url: url.replace('/api/messages', '').replace('0.0.0.0', '127.0.0.1'),
          lines,
          exited,
        });
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line));
  });
}

/** kill -9: the process ends at once, mid-whatever, with no chance to clean up. */
export async function killHard(bot: BotProcess): Promise<void> {
  bot.child.kill('SIGKILL');
  await bot.exited;
}
