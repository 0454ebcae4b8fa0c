import type { DiffLine, MergeOutcome } from '../domain/assignment';
import type { AssignmentRequest } from '../domain/request';
import { checkTypedText } from '../domain/text';
import { personOf, type Actor } from './actor';
import { DraftEditor, type Draft } from './draft-editor';
import { planAssignment } from './assignment-plan';
import type { ServiceOptions } from './options';
import { itemRefOf, requestedAll } from './request-parts';
import { Refusal } from './result';
import { applyEvent } from './transitions';

const HOUR_MS = 3_600_000;

const diffText = (diff: readonly DiffLine[]) => diff.map((line) => line.text).join('; ');

function sameDiff(a: readonly DiffLine[], b: readonly DiffLine[] | undefined): boolean {
  return (
    b !== undefined &&
    a.length === b.length &&
    a.every((line, i) => line.kind === b[i]?.kind && line.text === b[i]?.text)
  );
}

/**
 * The wizard's last two steps. The justification step previews the merge against Intune's current
 * assignments: a refusal (policy set, include/exclude conflict, ...) keeps the draft at the
 * justification with the reason, anything else leads to the review with its diff. A request that
 * re-states an existing assignment reaches the review ("already assigned") but cannot be
 * submitted: approvers would be asked to approve a change that changes nothing.
 */
export class DraftReview {
  constructor(
    private readonly options: ServiceOptions,
    private readonly editor: DraftEditor,
  ) {}

  async setJustification(draftId: string, actor: Actor, text: string): Promise<Draft> {
    const draft = await this.editor.open(draftId, actor, 'justification');
    const justification = this.checkJustification(draft, text);
    const outcome = await this.preview(draft);
    if (outcome instanceof Refusal) {
      const atJustification = { ...draft.draft, step: 'justification' as const };
      const saved = await this.editor.save(draft, {
        justification,
        diff: undefined,
        kept: undefined,
        draft: atJustification,
      });
      throw new Refusal(outcome.code, outcome.message, saved);
    }
    return this.editor.save(draft, {
      justification,
      diff: outcome.diff,
      kept: outcome.kept,
      draft: { ...draft.draft, step: 'review' },
    });
  }

  /**
   * Submits a reviewed draft: the diff is computed afresh (a changed one goes back to the review),
   * the request gets its number and expiry, and the approvals thread is posted after the answer.
   */
  async submit(draftId: string, actor: Actor): Promise<AssignmentRequest> {
    const draft = await this.editor.open(draftId, actor, 'review');
    const outcome = await this.preview(draft);
    if (outcome instanceof Refusal) throw outcome;
    const item = draft.item?.name ?? 'the item';
    if (!sameDiff(outcome.diff, draft.diff)) {
      const saved = await this.editor.save(draft, { diff: outcome.diff });
      const message = `The assignments of ${item} changed since your review: now ${diffText(outcome.diff)}. Check the review and submit again.`;
      throw new Refusal('assignments-changed', message, saved);
    }
    if (outcome.kind === 'already-assigned') {
      const message = `${item} is already assigned that way (${diffText(outcome.diff)}); there is nothing to request.`;
      throw new Refusal('invalid-request', message, draft);
    }
    const submitted = await this.store(draft, actor, outcome.kept);
    const { notifier, tasks } = this.options;
    tasks.run(() => notifier.submitted(submitted), `notify ${submitted.id} submitted`);
    return submitted;
  }

  /** The justification as it will be stored and shown, or the refusal with the draft unchanged. */
  private checkJustification(draft: Draft, text: string): string {
    const checked = checkTypedText(text ?? '', {
      label: 'The justification',
      maxLength: this.options.settings.justificationMaxLength,
      whenBlank: 'Say why the assignment is needed.',
    });
    if (!checked.ok) throw new Refusal('invalid-request', checked.message, draft);
    return checked.text;
  }

  /** The merge preview, or the refusal (from the merge or from Intune) with the draft. */
  private async preview(
    draft: Draft,
  ): Promise<Exclude<MergeOutcome, { kind: 'refused' }> | Refusal> {
    const outcome = await this.editor
      .within(draft, async () => {
        const plan = await planAssignment(
          this.options.intune,
          itemRefOf(draft),
          requestedAll(draft),
        );
        return plan.outcome;
      })
      .catch((error: unknown) => {
        if (error instanceof Refusal) return error;
        throw error;
      });
    if (outcome instanceof Refusal || outcome.kind !== 'refused') return outcome;
    return new Refusal(outcome.code, outcome.message, draft);
  }

  private async store(draft: Draft, actor: Actor, kept: number): Promise<AssignmentRequest> {
    const { store, clock, settings } = this.options;
    const number = await store.nextNumber();
    const expiresAt = new Date(clock.now().getTime() + settings.ttlHours * HOUR_MS).toISOString();
    const event = { type: 'submit' as const, number, expiresAt };
    const applied = await applyEvent(this.options, draft, event, {
      actor: personOf(actor),
      patch: { draft: undefined, kept },
    });
    if (applied.kind === 'won') return applied.request;
    const current = applied.kind === 'lost' ? applied.current : applied.request;
    throw new Refusal('conflict', 'This draft was changed in another window first.', current);
  }
}
