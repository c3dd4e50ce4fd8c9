/**
 * Makes a redirect target safe to send as a Location header. Targets come from stored redirects
 * (imports, renamed slugs) and from visitors (`next`); Node refuses to send a header holding CR, LF or
 * characters outside Latin-1, which would turn a redirect into a 500 — and a header split is exactly
 * what such characters are for in an attack.
 */

/** `location` with every control, space and non-ASCII character percent-encoded (UTF-8). */
export function safeLocation(location: string): string {
  let out = '';
  for (const char of location) {
    const code = char.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f) out += char;
    else if (code >= 0xd800 && code <= 0xdfff) out += '%EF%BF%BD';
    else out += encodeURIComponent(char);
  }
  return out;
}
