import type { AssignmentRequest } from '../domain/request';
import type { EventType } from '../domain/state-machine';
import type { Notifier, QueuedWrite } from './ports/notifier';

/**
 * Tells every chat the bot serves (Teams, and Slack when configured) about a request: one store,
 * one request, each transport with its own thread, messages and copies. The transports are told
 * side by side; one that fails (each logs its own failures) never keeps the others from telling.
 */
export class FanOutNotifier implements Notifier {
  constructor(private readonly notifiers: readonly Notifier[]) {}

  submitted(request: AssignmentRequest): Promise<void> {
    return this.each((n) => n.submitted(request));
  }

  changed(request: AssignmentRequest, event: EventType): Promise<void> {
    return this.each((n) => n.changed(request, event));
  }

  queued(request: AssignmentRequest, wait: QueuedWrite): Promise<void> {
    return this.each((n) => n.queued(request, wait));
  }

  reminder(request: AssignmentRequest): Promise<void> {
    return this.each((n) => n.reminder(request));
  }

  private async each(tell: (notifier: Notifier) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(this.notifiers.map(tell));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
