import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// Files that splice a value into SQL after checking it themselves, and the check.
const CHECKED_SPLICES: Record<string, string> = {
  [join('src', 'db', 'inline-count.ts')]:
    'writes only a whole, non-negative number it has checked (test/speed/inline-count.test.ts)',
};

test('no SQL is built from strings: no sql.raw / sql.lit / raw query text with interpolation', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles('src')) {
    if (CHECKED_SPLICES[file]) continue;
    const text = readFileSync(file, 'utf8');
    text.split('\n').forEach((line, i) => {
      // `sql` tagged templates are parameterised. sql.raw / sql.lit splice text into the query, so their argument
      // may only be built from constants (UPPER_CASE names and literals), never from a variable.
      for (const match of line.matchAll(/sql\.(?:raw|lit)\s*\(([^)]*)\)/g)) {
        const words = (match[1] ?? '').replace(/(['"`])(?:(?!\1).)*\1/g, '').match(/[A-Za-z_$][\w$]*/g) ?? [];
        if (words.some((w) => !/^[A-Z][A-Z0-9_]*$/.test(w) && !['String', 'Number', 'join'].includes(w))) {
          offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        }
      }
      // Raw driver calls with a template may interpolate only constants.
      const raw = line.match(/\.(?:query|exec|prepare)\s*\(\s*`([^`]*)`/);
      if (
        raw &&
        [...(raw[1] ?? '').matchAll(/\$\{([^}]*)\}/g)].some(
          (m) => !/^\s*[A-Z][A-Z0-9_]*\s*$/.test(m[1] ?? ''),
        )
      ) {
        offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      }
      if (/\b(select|insert|update|delete)\b[^`'"]*['"]\s*\+\s*\w/i.test(line))
        offenders.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, [], `string-built SQL:\n${offenders.join('\n')}`);
});
