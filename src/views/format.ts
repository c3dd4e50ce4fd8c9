/** Formatting of dates and numbers for readers, in the site's time zone. */

// Building an Intl.DateTimeFormat costs ~50 µs, far more than formatting with one; a page shows dozens of dates.
const formats = new Map<string, Intl.DateTimeFormat>();
// A site has one time zone and a few locales, so this stays small; the bound only guards against misuse.
const MAX_CACHED_FORMATS = 200;

/** A shared Intl.DateTimeFormat for `locale` and `options` (built once, then reused). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= MAX_CACHED_FORMATS) formats.clear();
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** "4 April 2024" in the site's time zone. */
export function formatDate(iso: string, timeZone: string, locale = 'en-GB'): string {
  return dateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
    new Date(iso),
  );
}

/** "4 April 2024, 14:05" in the site's time zone. */
export function formatDateTime(iso: string, timeZone: string, locale = 'en-GB'): string {
  return dateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** ISO 8601 with the site's UTC offset (for `<time datetime>` and structured data), e.g. 2024-04-04T14:05:00+01:00. */
export function isoInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const parts = Object.fromEntries(
    dateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMinutes = Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
