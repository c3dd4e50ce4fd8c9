/**
 * Words and passages that say nothing about what a story is about: function words, newswire
 * filler ("said", agency names, weekdays) and boilerplate lines (sign-offs, newsletter prompts).
 */

const ENGLISH_FUNCTION_WORDS = `
a about above after again against all almost also although am among an and another any anybody anyone
anything are around as at be became because become been before being below besides between both but by
can cannot could did do does doing done down during each either else enough etc even ever every few for
from further get gets getting got had has have having he her here hers herself him himself his how however
i if in into is it its itself just least less let like made make many may me might mine more most much
must my myself neither never no nor not now of off often on once one only onto or other others otherwise
our ours ourselves out over own per perhaps quite rather really same several shall she should since so
some somebody someone something sometimes still such than that the their theirs them themselves then
there therefore these they this those though through throughout thus to together too toward towards
under unless until up upon us use used using very via was we well were what whatever when whenever where
whereas whether which while who whoever whole whom whose why will with within without would yet you your
yours yourself yourselves
`;

// Newswire filler: attribution verbs, agency names, honorifics and calendar words appear in
// almost every story, so sharing them is no evidence that two stories are related.
const NEWS_FILLER_WORDS = `
said says say saying told tells according added adds reuters ap afp upi mr mrs ms dr
yesterday today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december
`;

function wordSet(...lists: string[]): ReadonlySet<string> {
  return new Set(lists.join(' ').split(/\s+/).filter(Boolean));
}

/** English function words and newswire filler, lower case, matched before stemming. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = wordSet(ENGLISH_FUNCTION_WORDS, NEWS_FILLER_WORDS);

const NO_STOP_WORDS: ReadonlySet<string> = new Set();

/** The stop-word set for a language tag ('en', 'en-GB'); languages without a list get none. */
export function stopWordsFor(language: string): ReadonlySet<string> {
  return primaryLanguage(language) === 'en' ? ENGLISH_STOP_WORDS : NO_STOP_WORDS;
}

/** The primary subtag of a BCP 47 language tag, lower case ('en-GB' → 'en'). */
export function primaryLanguage(language: string): string {
  return language.toLowerCase().split(/[-_]/)[0] ?? '';
}

/** Lines and passages removed before tokenising: credits, sign-offs and calls to action. */
export const BOILERPLATE_PATTERNS: readonly RegExp[] = [
  /\((?:additional )?(?:reporting|writing|editing|compiled|produced) by[^)]*\)/gi,
  /\((?:reuters|ap|afp|upi|bloomberg|dpa|pa)\)\s*[-–—]?/gi,
  /^[^\n]*\b(?:all rights reserved|sign up for|subscribe to (?:our|the)|click here|read more|follow us on|share this (?:story|article)|advertisement)\b[^\n]*$/gim,
  /^\s*(?:photo|image|picture|video)(?: credit)?\s*:[^\n]*$/gim,
];
