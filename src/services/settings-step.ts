import {
  defaultSettings,
  differences,
  pick,
  type AssignmentSettings,
  type SettingName,
} from '../domain/assignment-settings';
import { settingsProblem } from '../domain/settings-rules';
import { isExclusion, sameSlot } from '../domain/slot';
import type { AssignmentRequest } from '../domain/request';
import type { ServiceOptions } from './options';
import { itemRefOf } from './request-parts';
import { Refusal } from './result';
import { readSettingsForm } from './settings-form';

/** What the settings card shows: the settings offered and the values they start from. */
export interface SettingsForm {
  offered: readonly SettingName[];
  /** The existing assignment's settings (or the defaults), with the draft's choices over them. */
  values: AssignmentSettings;
  /** True when the target already has an assignment of the item, whose settings are shown. */
  existing: boolean;
}

/**
 * The wizard's settings step. It applies to an app whose type has settings the Intune API in use
 * can write, assigned to a target that is not an exclusion (Intune keeps no settings on those).
 * The values start from the target's existing assignment, so a request changes only what its
 * requester changed, and from Intune's defaults for a new assignment.
 */
export class SettingsStep {
  constructor(private readonly options: ServiceOptions) {}

  offered(draft: AssignmentRequest): readonly SettingName[] {
    const { item, target } = draft;
    if (item?.kind !== 'app' || target === undefined || isExclusion(target)) return [];
    return this.options.assignmentSettings?.(item.type) ?? [];
  }

  applies(draft: AssignmentRequest): boolean {
    return this.offered(draft).length > 0;
  }

  /** The card's inputs and starting values; undefined when the step does not apply. */
  async form(draft: AssignmentRequest): Promise<SettingsForm | undefined> {
    const offered = this.offered(draft);
    if (offered.length === 0) return undefined;
    const base = await this.base(draft, offered);
    return { offered, values: { ...base.values, ...draft.settings }, existing: base.existing };
  }

  /**
   * The settings a submitted card chose, as the request stores them (only those that change
   * something; undefined when none do), or a refusal saying what is wrong with them.
   */
  async choose(
    draft: AssignmentRequest,
    data: Record<string, unknown>,
  ): Promise<AssignmentSettings | undefined> {
    const offered = this.offered(draft);
    const appName = draft.item?.name ?? 'this app';
    if (offered.length === 0) {
      throw new Refusal('invalid-request', `No assignment settings apply to ${appName} here.`);
    }
    const submitted = readSettingsForm(data, offered, appName);
    const { values, existing } = await this.base(draft, offered);
    const merged = { ...values, ...submitted };
    const chosen = differences(submitted, values);
    if (chosen !== undefined && !merged.availableFrom && !merged.deadline) {
      delete chosen.useDeviceTime;
    }
    const now = this.options.clock.now();
    const before = existing ? values : undefined;
    const problem = settingsProblem(chosen ?? {}, merged, { intent: draft.intent, now, before });
    if (problem !== undefined) throw new Refusal('invalid-request', problem);
    return chosen !== undefined && Object.keys(chosen).length > 0 ? chosen : undefined;
  }

  /** The target's existing include of the item, read afresh, else the defaults for a new one. */
  private async base(draft: AssignmentRequest, offered: readonly SettingName[]) {
    const target = draft.target;
    const type = draft.item?.type ?? '';
    if (target === undefined) return { values: {}, existing: false };
    const current = await this.options.intune.getAssignments(itemRefOf(draft));
    const same = current.find((a) => sameSlot(a.target, target) && !isExclusion(a.target));
    const values = same?.settings ?? defaultSettings(type, target);
    return { values: pick(values, offered), existing: same !== undefined };
  }
}
