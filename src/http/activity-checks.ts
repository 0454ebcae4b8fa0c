const isText = (value: unknown) => typeof value === 'string' && value.length > 0;

/**
 * Why a body is not an activity the bot can answer, or undefined when it is: a JSON object with a
 * type, a service URL, a conversation and a sender. Checked before any bot code runs.
 */
export function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'The body must be a JSON activity.';
  }
  const activity = body as Record<string, unknown>;
  const conversation = activity.conversation as { id?: unknown } | undefined;
  const from = activity.from as { id?: unknown } | undefined;
  if (!isText(activity.type)) return 'The activity has no type.';
  if (!isText(activity.serviceUrl)) return 'The activity has no serviceUrl.';
  if (!isText(conversation?.id)) return 'The activity has no conversation id.';
  if (!isText(from?.id)) return 'The activity has no sender (from.id).';
  return undefined;
}
