const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** An expiry date (YYYY-MM-DD) holds through the whole of its day (UTC). */
export function isPastDay(expires: string, now: Date): boolean {
  return now.toISOString().slice(0, 10) > expires;
}
