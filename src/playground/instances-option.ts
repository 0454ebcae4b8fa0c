/** The most bot instances the playground runs side by side. */
export const MAX_INSTANCES = 4;

const EXAMPLE = 'e.g. npm start -- --instances 2';

/** Thrown for a number of instances the playground cannot run; the message says what it takes. */
export class InstancesRefused extends Error {
  readonly code = 'bad-instances';
  constructor(message: string) {
    super(message);
    this.name = 'InstancesRefused';
  }
}

const refusal = (source: string, value: unknown) =>
  new InstancesRefused(
    `${source} must be a whole number from 1 to ${MAX_INSTANCES}, not ${JSON.stringify(value)} (${EXAMPLE}).`,
  );

const isValid = (count: number) => Number.isInteger(count) && count >= 1 && count <= MAX_INSTANCES;

/** Throws `InstancesRefused` unless `count` is a whole number from 1 to `MAX_INSTANCES`. */
export function checkInstances(count: number, source = 'instances'): number {
  if (!isValid(count)) throw refusal(source, count);
  return count;
}

/** A number given as text: refused as it was written. */
function parse(value: string | undefined, source: string): number {
  const count = /^\s*\d+\s*$/.test(value ?? '') ? Number(value) : NaN;
  if (!isValid(count)) throw refusal(source, value ?? '');
  return count;
}

/**
 * How many bot instances `npm start` runs: `--instances N` or `--instances=N`, else the
 * `PLAYGROUND_INSTANCES` variable, else 1. Any other argument, and any number but 1 to
 * `MAX_INSTANCES`, is refused with an `InstancesRefused` that says what is accepted.
 */
export function instancesFrom(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  let fromArgs: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--instances') {
      i += 1;
      fromArgs = parse(argv[i], '--instances');
    } else if (arg.startsWith('--instances=')) {
      fromArgs = parse(arg.slice('--instances='.length), '--instances');
    } else {
      throw new InstancesRefused(
        `Unknown argument ${JSON.stringify(arg)}: npm start takes only --instances N, from 1 to ${MAX_INSTANCES} (${EXAMPLE}).`,
      );
    }
  }
  if (fromArgs !== undefined) return fromArgs;
  const fromEnv = env.PLAYGROUND_INSTANCES;
  if (fromEnv === undefined || fromEnv.trim() === '') return 1;
  return parse(fromEnv, 'PLAYGROUND_INSTANCES');
}
