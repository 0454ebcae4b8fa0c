import type { AssignmentRequest } from '../domain/request';
import type { EventType } from '../domain/state-machine';
import { silentLogger, type ServiceOptions } from './options';

/**
 * Tells people about a stored change. A notification never undoes or blocks a transition: a
 * failure is logged and swallowed here, whatever the notifier does itself.
 */
export async function notifyChanged(
  options: Pick<ServiceOptions, 'notifier' | 'logger'>,
  request: AssignmentRequest,
  event: EventType,
): Promise<void> {
  try {
    await options.notifier.changed(request, event);
  } catch (error) {
    const logger = options.logger ?? silentLogger;
    logger.warn({ err: error, requestId: request.id, event }, 'notification failed');
  }
}

/** Notifies in the background, after the caller has been answered. */
export function notifyLater(
  options: Pick<ServiceOptions, 'notifier' | 'logger' | 'tasks'>,
  request: AssignmentRequest,
  event: EventType,
): void {
  options.tasks.run(() => notifyChanged(options, request, event), `notify ${request.id} ${event}`);
}
