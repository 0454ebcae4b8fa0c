import { performance } from 'node:perf_hooks';

/** The `p` quantile (0-1) of samples sorted in ascending order; NaN for none. */
export const at = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** `label: n= p50= p95= max=` of samples in milliseconds. */
export function summary(label: string, samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const max = sorted[sorted.length - 1] ?? NaN;
  return `${label}: n=${samples.length} p50=${ms(at(sorted, 0.5))} p95=${ms(at(sorted, 0.95))} max=${ms(max)}`;
}

export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

/** Peak RSS of this process, sampled every 20 ms and whenever `sample()` is called. */
export function rssMeter() {
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  return { sample, peak: () => peak, stop: () => clearInterval(timer) };
}

/** Runs `step` `n` times in sequence: the time of each, and the process CPU time per step. */
export async function timeSteps(n: number, step: () => Promise<unknown>, after?: () => void) {
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    await step();
    samples.push(performance.now() - start);
    after?.();
  }
  const used = process.cpuUsage(cpu);
  return { samples, cpuMs: (used.user + used.system) / 1000 / n };
}
