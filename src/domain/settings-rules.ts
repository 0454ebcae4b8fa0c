import type { Intent } from './assignment';
import type { AssignmentSettings, RestartGrace } from './assignment-settings';
import { valueWords } from './settings-words';

/** The ranges the Intune admin center allows for the restart grace period, in minutes. */
export const RESTART_LIMITS = {
  gracePeriodMinutes: { min: 1, max: 20160, label: 'The restart grace period' },
  countdownMinutes: { min: 1, max: 240, label: 'The restart countdown' },
  snoozeMinutes: { min: 1, max: 712, label: 'The restart snooze' },
} as const;

/** A wall-clock date and time as the settings hold it: `2026-12-10T17:00`. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Device time zones run up to 14 hours ahead of UTC: a time that recent may not have passed. */
const LATEST_ZONE_MS = 14 * 3_600_000;

/** The instant a wall-clock time stands for in UTC, or undefined when it is no real time. */
export function wallClockMs(value: string): number | undefined {
  const match = DATE_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as number[];
  const ms = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  const back = new Date(ms);
  const real = back.getUTCMonth() === month! - 1 && back.getUTCDate() === day! && hour! < 24;
  return real && minute! < 60 ? ms : undefined;
}

/** What a request's settings are checked against. */
export interface SettingsContext {
  intent?: Intent;
  now: Date;
  /** The settings of the existing assignment the request changes, if it changes one. */
  before?: AssignmentSettings;
}

const AVAILABLE: ReadonlySet<Intent | undefined> = new Set([
  'available',
  'availableWithoutEnrollment',
]);

function dateProblem(label: string, value: string | null | undefined, now: Date) {
  if (value === undefined || value === null) return undefined;
  const ms = wallClockMs(value);
  if (ms === undefined) return `${label} ${value} is not a date and time; choose it again.`;
  if (ms < now.getTime() - LATEST_ZONE_MS) {
    return `${label} ${valueWords('deadline', value)} has already passed; choose a later one.`;
  }
  return undefined;
}

function graceProblem(grace: RestartGrace | null | undefined): string | undefined {
  if (grace === undefined || grace === null) return undefined;
  for (const key of Object.keys(RESTART_LIMITS) as (keyof RestartGrace)[]) {
    const { min, max, label } = RESTART_LIMITS[key];
    const value = grace[key];
    if (value === undefined && key === 'snoozeMinutes') continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return `${label} must be a whole number of minutes from ${min} to ${max}.`;
    }
  }
  if (grace.countdownMinutes > grace.gracePeriodMinutes) {
    return 'The restart countdown cannot be longer than the restart grace period.';
  }
  return undefined;
}

/**
 * Why the chosen settings cannot be requested, or undefined when they can. `chosen` holds what
 * the requester changes; `merged` the assignment's settings once changed, which relations (a
 * deadline after the availability) are checked on. Dates chosen must not have passed, and an
 * assignment in device context stays there (Intune documents it cannot be changed back).
 */
export function settingsProblem(
  chosen: AssignmentSettings,
  merged: AssignmentSettings,
  ctx: SettingsContext,
): string | undefined {
  const dates =
    dateProblem('The availability', chosen.availableFrom, ctx.now) ??
    dateProblem('The installation deadline', chosen.deadline, ctx.now);
  if (dates !== undefined) return dates;
  const grace = graceProblem(chosen.restartGrace);
  if (grace !== undefined) return grace;
  const from = merged.availableFrom ? wallClockMs(merged.availableFrom) : undefined;
  const until = merged.deadline ? wallClockMs(merged.deadline) : undefined;
  if (from !== undefined && until !== undefined && until <= from) {
    return 'The installation deadline must come after the time the app becomes available.';
  }
  if (ctx.before?.deviceContext === true && chosen.deviceContext === false) {
    return 'Intune cannot move an assignment from device context back to user context; remove the assignment in Intune and assign the app again.';
  }
  if (AVAILABLE.has(ctx.intent)) {
    if (chosen.deadline || chosen.restartGrace) {
      return 'An available assignment is installed when the user chooses to: it has no installation deadline and no restart grace period.';
    }
    if (chosen.deviceContext === true) {
      return 'Intune does not install in device context for an available assignment; choose user context or the Required intent.';
    }
  }
  return undefined;
}
