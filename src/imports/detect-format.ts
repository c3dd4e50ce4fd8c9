/** Which export format a file holds, judged from its first bytes. */
export type ImportFormat = 'wxr' | 'ghost' | 'broadsheet-json';

const WXR_NAMESPACE_RE = /xmlns:wp\s*=\s*["']https?:\/\/wordpress\.org\/export\/\d+\.\d+\/["']/;
const WXR_MARKER_RE = /<wp:wxr_version>|WordPress eXtended RSS/;

/** Guesses the format from the start of a file (a few KB is enough); null when it is none we import. */
export function detectFormat(firstBytes: string): ImportFormat | null {
  const text = firstBytes.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) {
    return WXR_NAMESPACE_RE.test(text) || WXR_MARKER_RE.test(text) ? 'wxr' : null;
  }
  if (!text.startsWith('{')) return null;
  const keys = topLevelKeys(text);
  if (keys.has('broadsheet')) return 'broadsheet-json';
  if (keys.has('db')) return 'ghost';
  // Exports without the `db` wrapper start straight with `meta` and `data`.
  if (keys.has('data') && keys.has('meta')) return 'ghost';
  if (keys.has('meta') && /"exported_on"\s*:/.test(text)) return 'ghost';
  return null;
}

// Reads the keys of the outermost object, tolerating a cut-off ending: the sample is only the file's start.
function topLevelKeys(json: string): Set<string> {
  const keys = new Set<string>();
  let depth = 0;
  let i = 0;
  while (i < json.length) {
    const c = json[i];
    if (c === '"') {
      const end = stringEnd(json, i);
      if (end < 0) break;
      if (depth === 1 && /^\s*:/.test(json.slice(end + 1, end + 20))) {
        try {
          keys.add(JSON.parse(json.slice(i, end + 1)) as string);
        } catch {
          return keys;
        }
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return keys;
}

function stringEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') return i;
  }
  return -1;
}
