/** An ISO time in the form Adaptive Card date functions accept: seconds, `Z`, no milliseconds. */
function cardInstant(iso: string): string | undefined {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A time the client shows in the viewer's own locale and time zone, through the Adaptive Card
 * `{{DATE()}}` and `{{TIME()}}` functions; an unparseable value is shown as it is.
 */
export function cardDateTime(iso: string): string {
  const instant = cardInstant(iso);
  return instant === undefined ? iso : `{{DATE(${instant}, SHORT)}} {{TIME(${instant})}}`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 d ago`: how long before `now` `iso` was. */
export function ageText(iso: string, now: string): string {
  const minutes = Math.floor((Date.parse(now) - Date.parse(iso)) / 60_000);
  if (Number.isNaN(minutes)) return '';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}
