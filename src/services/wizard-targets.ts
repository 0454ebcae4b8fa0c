import {
  ALL_DEVICES_NAME,
  ALL_USERS_NAME,
  type AssignmentTarget,
  type CurrentAssignment,
  type RequestedAssignment,
} from '../domain/assignment';
import { removeLine, type FilterNamer } from '../domain/diff-lines';
import { listConflict, MAX_TARGETS, requestedList } from '../domain/request-list';
import type { AssignmentRequest } from '../domain/request';
import { sameSlot } from '../domain/slot';
import type { Actor } from './actor';
import type { DraftEditor, Draft } from './draft-editor';
import type { ServiceOptions } from './options';
import type { IntunePort } from './ports/intune';
import { itemRefOf } from './request-parts';
import { Refusal } from './result';

/** An existing assignment the requester may ask to remove: its card value and its name. */
export interface RemovableAssignment {
  key: string;
  /** E.g. `Exclude Contractors (required)`: names only, never a GUID. */
  label: string;
}

/** At most this many existing assignments are offered for removal on one card. */
export const MAX_REMOVABLE = 25;

const NOT_LISTED = 'That is not an assignment of this item; choose one from the list.';

/** `include:<group id>`, `exclude:<group id>`, `allUsers`, `allDevices`: the card's value. */
export function assignmentKey(target: AssignmentTarget): string | undefined {
  if (target.kind === 'group') {
    return `${target.exclude ? 'exclude' : 'include'}:${target.groupId.toLowerCase()}`;
  }
  return target.kind === 'other' ? undefined : target.kind;
}

const KEY =
  /^(?:(?:include|exclude):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|allUsers|allDevices)$/i;

/**
 * The wizard's several targets: "Add another target" keeps the entry just made and goes back to
 * the target step; "Remove an existing assignment" adds a removal of one of the item's current
 * assignments, picked by name and read afresh (never trusted from the card). A target appears once
 * per request and a request holds at most {@link MAX_TARGETS}.
 */
export class WizardTargets {
  constructor(
    private readonly options: ServiceOptions,
    private readonly editor: DraftEditor,
  ) {}

  /** Keeps the reviewed entry in the request's list and opens the target step for another. */
  async addAnother(draftId: string, actor: Actor): Promise<Draft> {
    const draft = await this.editor.open(draftId, actor, 'review');
    const list = requestedList(draft);
    if (list.length >= MAX_TARGETS) {
      const message = `A request holds at most ${MAX_TARGETS} targets. Submit this one and start another request for the rest.`;
      throw new Refusal('invalid-request', message, draft);
    }
    return this.editor.save(draft, {
      ...withoutEdited(),
      assignments: list,
      draft: { ...draft.draft, step: 'target' },
    });
  }

  /**
   * Adds the removal of the current assignment `key` names, then asks for the justification. A
   * target chosen without its intent yet gives way to the removal; a complete one stays.
   */
  async remove(draftId: string, actor: Actor, key: string): Promise<Draft> {
    const draft = await this.editor.open(draftId, actor, 'target');
    const entry = await this.editor.within(draft, () => this.removal(draft, key));
    const complete = draft.item?.kind !== 'app' || draft.intent !== undefined;
    const kept = complete ? draft : { ...draft, ...withoutEdited() };
    const conflict = listConflict(requestedList(kept), entry);
    if (conflict !== undefined) throw new Refusal('target-conflict', conflict, draft);
    return this.editor.save(draft, {
      ...(complete ? { diff: undefined, kept: undefined } : withoutEdited()),
      assignments: [...(draft.assignments ?? []), entry],
      draft: { ...draft.draft, step: 'justification' },
    });
  }

  /**
   * The item's current assignments the draft does not name yet (none from a policy set, which the
   * bot never removes), by name, to offer for removal.
   */
  async removable(draft: AssignmentRequest): Promise<RemovableAssignment[]> {
    if (draft.item === undefined) return [];
    const listed = requestedList(draft);
    const current = await this.options.intune.getAssignments(itemRefOf(draft));
    const open = current.filter(
      (a) =>
        assignmentKey(a.target) !== undefined &&
        !a.fromPolicySet &&
        !listed.some((r) => sameSlot(a.target, r.target)),
    );
    const names = await filterNamer(this.options.intune, open);
    return Promise.all(
      open.slice(0, MAX_REMOVABLE).map(async (a) => ({
        key: assignmentKey(a.target) ?? '',
        label: removeLine(a, await this.entryOf(a, names), names).text.slice(2),
      })),
    );
  }

  /** The removal `key` names, read afresh from Intune; refused when it is not on the item. */
  private async removal(draft: Draft, key: string): Promise<RequestedAssignment> {
    const wanted = key.trim();
    if (wanted === '') throw new Refusal('invalid-request', 'Choose the assignment to remove.');
    if (!KEY.test(wanted)) throw new Refusal('invalid-request', NOT_LISTED);
    const current = await this.options.intune.getAssignments(itemRefOf(draft));
    const found = current.find(
      (a) => assignmentKey(a.target)?.toLowerCase() === wanted.toLowerCase(),
    );
    if (found === undefined) {
      const item = draft.item?.name ?? 'the item';
      throw new Refusal('not-found', `That assignment is no longer on ${item}; choose one again.`);
    }
    if (found.fromPolicySet) {
      throw new Refusal(
        'policy-set',
        'That assignment comes from a policy set; change it in Intune.',
      );
    }
    return this.entryOf(found, await filterNamer(this.options.intune, [found]));
  }

  /** A removal entry for a current assignment, its group named from the directory. */
  private async entryOf(a: CurrentAssignment, names: FilterNamer): Promise<RequestedAssignment> {
    const target = a.target;
    if (target.kind === 'other') throw new Refusal('invalid-request', NOT_LISTED);
    let targetName = target.kind === 'allUsers' ? ALL_USERS_NAME : ALL_DEVICES_NAME;
    if (target.kind === 'group') {
      const group = await this.options.directory.getGroup(target.groupId);
      targetName = group?.name ?? 'a group no longer in Entra ID';
    }
    const filter = a.filter && names(a.filter.id);
    const named = a.filter && { ...a.filter, ...(filter ? { name: filter } : {}) };
    return { action: 'remove', target, targetName, intent: a.intent, filter: named };
  }
}

/** The top-level entry's fields emptied, with the review they produced. */
function withoutEdited(): Partial<AssignmentRequest> {
  return {
    target: undefined,
    targetName: undefined,
    intent: undefined,
    filter: undefined,
    settings: undefined,
    diff: undefined,
    kept: undefined,
  };
}

/** Names the filters `assignments` use (read only when one does). */
async function filterNamer(
  intune: IntunePort,
  assignments: readonly CurrentAssignment[],
): Promise<FilterNamer> {
  if (!assignments.some((a) => a.filter !== undefined)) return () => undefined;
  const filters = await intune.listAssignmentFilters();
  const names = new Map(filters.map((f) => [f.id.toLowerCase(), f.name]));
  return (id) => names.get(id.toLowerCase());
}
