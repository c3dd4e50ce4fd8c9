/** A side-by-side line diff of two texts (pure), for comparing revisions. */

/** One row of a side-by-side diff. `left` is the older text, `right` the newer. */
export interface DiffRow {
  kind: 'same' | 'removed' | 'added' | 'changed';
  left: string | null;
  right: string | null;
}

// Beyond this many lines per side the quadratic table gets too large; the rest is compared as one block.
const MAX_LINES = 2000;

/** Compares `before` and `after` line by line (longest common subsequence), pairing replaced lines. */
export function diffLines(before: string, after: string): DiffRow[] {
  let a = before.split('\n');
  let b = after.split('\n');
  let tail: DiffRow[] = [];
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    const restA = a.slice(MAX_LINES).join('\n');
    const restB = b.slice(MAX_LINES).join('\n');
    tail =
      restA === restB
        ? restA
          ? [{ kind: 'same', left: restA, right: restB }]
          : []
        : [{ kind: 'changed', left: restA, right: restB }];
    a = a.slice(0, MAX_LINES);
    b = b.slice(0, MAX_LINES);
  }
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
  const lcs = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < pairs; k++) rows.push({ kind: 'changed', left: removed[k]!, right: added[k]! });
    for (const line of removed.slice(pairs)) rows.push({ kind: 'removed', left: line, right: null });
    for (const line of added.slice(pairs)) rows.push({ kind: 'added', left: null, right: line });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      flush();
      rows.push({ kind: 'same', left: a[i]!, right: b[j]! });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * (m + 1) + j + 1]! >= lcs[(i + 1) * (m + 1) + j]!)) {
      added.push(b[j]!);
      j++;
    } else {
      removed.push(a[i]!);
      i++;
    }
  }
  flush();
  return [...rows, ...tail];
}

/** True when the diff has any change. */
export function hasChanges(rows: DiffRow[]): boolean {
  return rows.some((r) => r.kind !== 'same');
}
