import { AssignmentRunner } from './assignment-runner';
import type { Authorizer } from './authorizer';
import type { BackgroundTasks } from './background-tasks';
import { Decisions } from './decisions';
import { Expiry } from './expiry';
import type { ServiceOptions } from './options';
import { Queries } from './queries';
import { Wizard } from './wizard';

export type { Actor } from './actor';
export type { Result } from './result';
export type { ServiceLogger, ServiceOptions, ServiceSettings } from './options';
export type { IntentChoice, ItemSearchResult, RemovableAssignment, TargetChoice } from './wizard';
export type { ResumeCounts } from './assignment-runner';
export { Authorizer } from './authorizer';
export { BackgroundTasks } from './background-tasks';
export { AssignmentRunner, Decisions, Expiry, Queries, Wizard };

/** Every use case of the request workflow, wired to one set of ports. */
export interface Services {
  wizard: Wizard;
  decisions: Decisions;
  runner: AssignmentRunner;
  expiry: Expiry;
  queries: Queries;
  authorizer: Authorizer;
  tasks: BackgroundTasks;
}

/** Wires the use cases; the composition root calls it once. */
export function createServices(options: ServiceOptions): Services {
  const runner = new AssignmentRunner(options);
  return {
    wizard: new Wizard(options),
    decisions: new Decisions({ ...options, runner }),
    runner,
    expiry: new Expiry(options),
    queries: new Queries(options),
    authorizer: options.authorizer,
    tasks: options.tasks,
  };
}
