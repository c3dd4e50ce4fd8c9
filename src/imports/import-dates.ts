/** Pure date normalisation shared by the parsers: everything leaves as ISO 8601 UTC or null. */

const MYSQL_DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Reads a WordPress `…_gmt` datetime ("2024-05-01 09:30:00"); null for WordPress's zero date or junk. */
export function wordpressGmtToIso(value: string | undefined): string | null {
  const m = MYSQL_DATETIME_RE.exec((value ?? '').trim());
  if (!m || m[1] === '0000') return null;
  return isoOrNull(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/** Keeps a WordPress local datetime as written, or null for the zero date. */
export function wordpressLocalDate(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return MYSQL_DATETIME_RE.test(trimmed) && !trimmed.startsWith('0000') ? trimmed : null;
}

/** Normalises a date string or epoch milliseconds to ISO 8601 UTC; null when absent or before 1970. */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  let date: Date;
  if (typeof value === 'number') date = new Date(value);
  else if (typeof value === 'string') {
    // Ghost 1.x wrote "2017-01-01 10:00:00" meaning UTC; Date would read it as local time.
    date = new Date(MYSQL_DATETIME_RE.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  } else return null;
  // WordPress writes "Mon, 30 Nov -0001 00:00:00 +0000" for never-published items.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970) return null;
  return date.toISOString();
}
