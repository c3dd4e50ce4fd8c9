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

// Pages show the same few hundred dates again and again, and formatting one still costs microseconds
// (Intl, even with a shared formatter): a front page rendered from the database spent 4 % of its CPU here.
const formatted = new Map<string, string>();
const MAX_FORMATTED = 20_000;

function remembered(key: string, format: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= MAX_FORMATTED) formatted.clear();
    text = format();
    formatted.set(key, text);
  }
  return text;
}

/** "4 April 2024" in the site's time zone. */
export function formatDate(iso: string, timeZone: string, locale = 'en-GB'): string {
  return remembered(`date ${locale} ${timeZone} ${iso}`, () =>
    dateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(
      new Date(iso),
    ),
  );
}

/** "4 April 2024, 14:05" in the site's time zone. */
export function formatDateTime(iso: string, timeZone: string, locale = 'en-GB'): string {
  return remembered(`time ${locale} ${timeZone} ${iso}`, () =>
    dateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(new Date(iso)),
  );
}

const HOUR_MS = 3_600_000;
// One entry per (time zone, hour) shown; pages show dates from a few hundred distinct hours at most.
const offsets = new Map<string, number | null>();
const MAX_CACHED_OFFSETS = 20_000;

function exactOffsetMinutes(ms: number, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The UTC offset of `timeZone` at instant `ms`, in minutes (east positive). */
export function offsetMinutesAt(ms: number, timeZone: string): number {
  // formatToParts costs ~20 µs; an offset changes at most once an hour, so one computed at both ends
  // of an hour holds for the whole hour, and the rare hour with a transition is computed exactly.
  const hour = Math.floor(ms / HOUR_MS);
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = exactOffsetMinutes(hour * HOUR_MS, timeZone);
    offset = start === exactOffsetMinutes((hour + 1) * HOUR_MS - 1000, timeZone) ? start : null;
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset ?? exactOffsetMinutes(ms, timeZone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 with the site's UTC offset (for `<time datetime>` and structured data), e.g. 2024-04-04T14:05:00+01:00. */
export function isoInZone(iso: string, timeZone: string): string {
  return remembered(`zoned ${timeZone} ${iso}`, () => zonedIso(iso, timeZone));
}

function zonedIso(iso: string, timeZone: string): string {
  const ms = Math.floor(new Date(iso).getTime() / 1000) * 1000;
  const offsetMinutes = offsetMinutesAt(ms, timeZone);
  const local = new Date(ms + offsetMinutes * 60_000);
  const abs = Math.abs(offsetMinutes);
  const offset = `${offsetMinutes >= 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${offset}`
  );
}
