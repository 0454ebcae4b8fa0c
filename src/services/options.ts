import type { SettingName } from '../domain/assignment-settings';
import type { Authorizer } from './authorizer';
import type { BackgroundTasks } from './background-tasks';
import type { Clock } from './ports/clock';
import type { ItemLock } from './ports/item-lock';
import type { Leases } from './ports/leases';
import type { WriteRate } from './ports/write-rate';
import type { DirectoryPort } from './ports/directory';
import type { IntunePort } from './ports/intune';
import type { Notifier } from './ports/notifier';
import type { RequestStore } from './ports/request-store';

/** The subset of pino the use cases log with: a context object, then a message. */
export interface ServiceLogger {
  info(context: object, message?: string): void;
  warn(context: object, message?: string): void;
  error(context: object, message?: string): void;
}

/** Logs nothing: the default when no logger is given. */
export const silentLogger: ServiceLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The request lifecycle's knobs, from the configuration. */
export interface ServiceSettings {
  /** A pending request expires this long after submission. */
  ttlHours: number;
  /** The one reminder to approvers goes out this long before expiry; 0 sends none. */
  reminderBeforeHours: number;
  /** The longest justification or rejection reason, in characters. */
  justificationMaxLength: number;
  /** How often a write held by Intune Multi Admin Approval is polled. */
  maaPollMs: number;
  /** How long the bot waits for Intune Multi Admin Approval before reporting a failure. */
  maaTimeoutMs: number;
  /** When set, actors from any other tenant are refused. */
  allowedTenantId?: string;
  /** How long after it left an assign may still land in Intune (the write fence). */
  writeLifetimeMs: number;
  /** Assign attempts allowed in any 20 s (Intune: 100 for one calling application). */
  writesPer20s: number;
  /**
   * Whose rights a write uses: the bot's own application permission (`app`, the default), or the
   * deciding approver's, delegated (`approver`): then approve and retry need their identity.
   */
  writeAs?: 'app' | 'approver';
}

/** Every port a use case may need, wired once in the composition root. */
export interface ServiceOptions {
  store: RequestStore;
  intune: IntunePort;
  directory: DirectoryPort;
  notifier: Notifier;
  clock: Clock;
  authorizer: Authorizer;
  tasks: BackgroundTasks;
  /** Serialises the writes of one Intune item; in process by default. */
  locks?: ItemLock;
  /** Work one instance does at a time (a request's Graph work, a sweep); in process by default. */
  leases?: Leases;
  /** Intune's write limit, shared by the instances; in process by default. */
  rate?: WriteRate;
  logger?: ServiceLogger;
  settings: ServiceSettings;
  /**
   * The assignment settings an app type's assignments can carry through the Intune API in use
   * (none by default): the wizard offers these at its settings step.
   */
  assignmentSettings?: (appType: string) => readonly SettingName[];
}
