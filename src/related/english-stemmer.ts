/**
 * The Porter (1980) suffix-stripping stemmer for English, so that "shipments", "shipment" and
 * "shipping" meet on one term. Follows Martin Porter's published reference algorithm.
 */

const STEP2_SUFFIXES: Record<string, string> = {
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

const STEP3_SUFFIXES: Record<string, string> = {
  icate: 'ic',
  ative: '',
  alize: 'al',
  iciti: 'ic',
  ical: 'ic',
  ful: '',
  ness: '',
};

const C = '[^aeiou][^aeiouy]*';
const V = '[aeiouy][aeiou]*';
const MEASURE_ABOVE_0 = new RegExp(`^(${C})?${V}${C}`);
const MEASURE_IS_1 = new RegExp(`^(${C})?${V}${C}(${V})?$`);
const MEASURE_ABOVE_1 = new RegExp(`^(${C})?${V}${C}${V}${C}`);
const HAS_VOWEL = new RegExp(`^(${C})?[aeiouy]`);
const ENDS_CVC = new RegExp(`^${C}[aeiouy][^aeiouwxy]$`);
const STEP2 =
  /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3 = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION = /^(.+?)(s|t)(ion)$/;

/** Stems one lower-case English word; words shorter than three letters come back unchanged. */
export function stemEnglish(word: string): string {
  if (word.length < 3) return word;
  // An initial y is a consonant; upper-casing it keeps the vowel patterns from matching it.
  const initialY = word[0] === 'y';
  let w = initialY ? `Y${word.slice(1)}` : word;
  if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, '$1$2');
  else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, '$1$2');

  const eed = /^(.+?)eed$/.exec(w);
  const edIng = eed === null ? /^(.+?)(ed|ing)$/.exec(w) : null;
  if (eed !== null) {
    if (MEASURE_ABOVE_0.test(eed[1]!)) w = w.slice(0, -1);
  } else if (edIng !== null && HAS_VOWEL.test(edIng[1]!)) {
    w = edIng[1]!;
    if (/(at|bl|iz)$/.test(w)) w += 'e';
    else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
    else if (ENDS_CVC.test(w)) w += 'e';
  }

  const y = /^(.+?)y$/.exec(w);
  if (y !== null && HAS_VOWEL.test(y[1]!)) w = `${y[1]}i`;

  const step2 = STEP2.exec(w);
  if (step2 !== null && MEASURE_ABOVE_0.test(step2[1]!)) w = step2[1]! + STEP2_SUFFIXES[step2[2]!];
  const step3 = STEP3.exec(w);
  if (step3 !== null && MEASURE_ABOVE_0.test(step3[1]!)) w = step3[1]! + STEP3_SUFFIXES[step3[2]!];

  const step4 = STEP4.exec(w);
  const step4Ion = step4 === null ? STEP4_ION.exec(w) : null;
  if (step4 !== null) {
    if (MEASURE_ABOVE_1.test(step4[1]!)) w = step4[1]!;
  } else if (step4Ion !== null) {
    const stem = step4Ion[1]! + step4Ion[2]!;
    if (MEASURE_ABOVE_1.test(stem)) w = stem;
  }

  const finalE = /^(.+?)e$/.exec(w);
  if (finalE !== null) {
    const stem = finalE[1]!;
    if (MEASURE_ABOVE_1.test(stem) || (MEASURE_IS_1.test(stem) && !ENDS_CVC.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && MEASURE_ABOVE_1.test(w)) w = w.slice(0, -1);

  return initialY ? `y${w.slice(1)}` : w;
}
