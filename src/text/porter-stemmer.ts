// Martin Porter's 1980 stemmer (with his later `bli`/`logi` rules), the algorithm behind FTS5's `porter`
// tokenizer: search highlights the words the index matched ("councils" for `council`), and related
// articles compare stems so that "shipments", "shipment" and "shipping" meet on one term.

const STEP2: Record<string, string> = {
  ational: 'ate',
  tional: 'tion',
  enci: 'ence',
  anci: 'ance',
  izer: 'ize',
  bli: 'ble',
  alli: 'al',
  entli: 'ent',
  eli: 'e',
  ousli: 'ous',
  ization: 'ize',
  ation: 'ate',
  ator: 'ate',
  alism: 'al',
  iveness: 'ive',
  fulness: 'ful',
  ousness: 'ous',
  aliti: 'al',
  iviti: 'ive',
  biliti: 'ble',
  logi: 'log',
};

const STEP3: Record<string, string> = {
  icate: 'ic',
  ative: '',
  alize: 'al',
  iciti: 'ic',
  ical: 'ic',
  ful: '',
  ness: '',
};

// Porter's "measure": runs of vowel-consonant pairs. `Y` marks a consonant y (word-initial).
const C = '[^aeiou][^aeiouy]*';
const V = '[aeiouy][aeiou]*';
const MEASURE_ABOVE_0 = new RegExp(`^(${C})?${V}${C}`);
const MEASURE_IS_1 = new RegExp(`^(${C})?${V}${C}(${V})?$`);
const MEASURE_ABOVE_1 = new RegExp(`^(${C})?${V}${C}${V}${C}`);
const HAS_VOWEL = new RegExp(`^(${C})?[aeiouy]`);
const ENDS_CVC = new RegExp(`^${C}[aeiouy][^aeiouwxy]$`);
const STEP2_RE = new RegExp(`^(.+?)(${Object.keys(STEP2).join('|')})$`);
const STEP3_RE = new RegExp(`^(.+?)(${Object.keys(STEP3).join('|')})$`);
const STEP4_RE = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;

/** The Porter stem of a lower-case English word; words under three letters are returned unchanged. */
export function porterStem(word: string): string {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word[0] === 'y' ? `Y${word.slice(1)}` : word;

  // Step 1a: plurals.
  const plural = /^(.+?)(ss|i)es$/.exec(w) ?? /^(.+?)([^s])s$/.exec(w);
  if (plural) w = plural[1] + plural[2];

  // Step 1b: -eed, -ed, -ing.
  const eed = /^(.+?)eed$/.exec(w);
  const edIng = eed ? null : /^(.+?)(ed|ing)$/.exec(w);
  if (eed) {
    if (MEASURE_ABOVE_0.test(eed[1])) w = w.slice(0, -1);
  } else if (edIng && HAS_VOWEL.test(edIng[1])) {
    w = edIng[1];
    if (/(at|bl|iz)$/.test(w)) w += 'e';
    else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
    else if (ENDS_CVC.test(w)) w += 'e';
  }

  // Step 1c: y → i after a vowel.
  const y = /^(.+?)y$/.exec(w);
  if (y && HAS_VOWEL.test(y[1])) w = `${y[1]}i`;

  // Steps 2 and 3: double and single suffixes.
  const step2 = STEP2_RE.exec(w);
  if (step2 && MEASURE_ABOVE_0.test(step2[1])) w = step2[1] + STEP2[step2[2]];
  const step3 = STEP3_RE.exec(w);
  if (step3 && MEASURE_ABOVE_0.test(step3[1])) w = step3[1] + STEP3[step3[2]];

  // Step 4: residual suffixes on long stems.
  const step4 = STEP4_RE.exec(w);
  const ion = step4 ? null : /^(.+?)(s|t)(ion)$/.exec(w);
  if (step4) {
    if (MEASURE_ABOVE_1.test(step4[1])) w = step4[1];
  } else if (ion && MEASURE_ABOVE_1.test(ion[1] + ion[2])) {
    w = ion[1] + ion[2];
  }

  // Step 5: a final -e, and -ll.
  const e = /^(.+?)e$/.exec(w);
  if (e && (MEASURE_ABOVE_1.test(e[1]) || (MEASURE_IS_1.test(e[1]) && !ENDS_CVC.test(e[1])))) w = e[1];
  if (/ll$/.test(w) && MEASURE_ABOVE_1.test(w)) w = w.slice(0, -1);

  return w[0] === 'Y' ? `y${w.slice(1)}` : w;
}
