import type { RecordedWrite } from '../simulator/control-types';
import type { SimulatorControl } from '../simulator/server';

/** One write the simulated tenant received, as the page's Graph panel shows it. */
export interface GraphWriteView {
  at: string;
  method: string;
  /** `/beta/deviceAppManagement/...`, without the query string. */
  path: string;
  status: number;
  requestId: string;
  body: unknown;
  /** Display names of the groups the body names, by id, so the JSON can be read. */
  groups: Record<string, string>;
  /** Whose rights the write used: the bot's application, or a signed-in approver. */
  as: string;
}

/** "the bot (application)", or "Patti Fernandez (delegated, signed in)". */
function writer(identity: RecordedWrite['identity']): string {
  if (identity?.kind === 'user') return `${identity.name} (delegated, signed in)`;
  return identity ? 'the bot (application)' : 'refused token';
}

function groupIds(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => groupIds(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'groupId' && typeof value === 'string') found.add(value);
      else groupIds(value, found);
    }
  }
  return found;
}

/** The simulated tenant's recorded writes, newest first, with the group names they refer to. */
export function graphWrites(sim: SimulatorControl): GraphWriteView[] {
  const groups = sim.tenant().groups;
  return sim
    .writes()
    .map((write) => ({
      at: write.at,
      method: write.method,
      path: `/${write.version}/${write.path.replace(/^\//, '')}`,
      status: write.status,
      requestId: write.requestId,
      as: writer(write.identity),
      body: write.body,
      groups: Object.fromEntries(
        [...groupIds(write.body, new Set())].map((id) => [
          id,
          String(groups.find((g) => g.id === id)?.displayName ?? 'unknown group'),
        ]),
      ),
    }))
    .reverse();
}
