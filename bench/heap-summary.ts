/**
 * Sums a V8 heap snapshot (`.heapsnapshot`, as `--heapsnapshot-signal` writes) by node type and
 * constructor name: count and self size, the largest first. Self sizes, not retained ones: a
 * quick view of what fills the heap (strings, arrays, objects by class).
 *
 *   npx tsx bench/heap-summary.ts <file.heapsnapshot> [top=25]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

export function summarise(path: string, top = 25): string[] {
  const snap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const totals = new Map<string, { count: number; bytes: number }>();
  let all = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt!]!] ?? '?';
    const name = ['object', 'closure', 'native'].includes(type)
      ? (snap.strings[snap.nodes[i + nameAt!]!] ?? '?').slice(0, 60)
      : '';
    const key = `${type}${name ? ` ${name}` : ''}`;
    const bytes = snap.nodes[i + sizeAt!]!;
    const t = totals.get(key) ?? { count: 0, bytes: 0 };
    t.count += 1;
    t.bytes += bytes;
    totals.set(key, t);
    all += bytes;
  }
  return [
    `heap ${(all / 1e6).toFixed(1)} MB in ${snap.nodes.length / fields.length} nodes`,
    ...[...totals]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, top)
      .map(
        ([key, t]) =>
          `${(t.bytes / 1e6).toFixed(1).padStart(7)} MB ${String(t.count).padStart(8)}  ${key}`,
      ),
  ];
}

if (require.main === module) {
  const [path, top] = process.argv.slice(2);
  if (!path) throw new Error('usage: heap-summary.ts <file.heapsnapshot> [top]');
  console.log(summarise(path, Number(top ?? 25)).join('\n'));
}
