const AGENT = /(?:^|\s)playground-instance\/(\d+)(?:\s|$)/;

/**
 * What instance `n` (from 1) adds to the `User-Agent` of its Bot Connector calls. The fake
 * connector reads it back, so a message is labelled with the instance that really sent it, even
 * when that instance sends to a conversation another one started (they share one `serviceUrl`).
 */
export const instanceAgent = (n: number): string => `playground-instance/${n}`;

/** The instance named in a `User-Agent`, or undefined (one instance runs, or another client). */
export function instanceOfAgent(userAgent: string | undefined): number | undefined {
  const match = AGENT.exec(userAgent ?? '');
  return match ? Number(match[1]) : undefined;
}
