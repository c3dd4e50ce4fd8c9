/**
 * Measures comment-spam precision and recall on the YouTube Spam Collection for the rules alone and for
 * the rules plus the naive Bayes classifier. Run: node --import tsx bench/spam/spam-bench.ts
 *
 * Two protocols: leave-one-video-out (train on four videos, test on the fifth, five folds) and one
 * stratified 70/30 split with a fixed seed. The collection has no honeypot, timing, IP or email data,
 * so those rules stay quiet here; what the rules can see is links and repeats by the same author.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSpamClassifier } from '../../src/comments/spam-classifier.js';
import {
  assessComment,
  DEFAULT_SPAM_SETTINGS,
  type SpamCheckInput,
  type SpamSettings,
  type SpamVerdict,
} from '../../src/comments/spam-rules.js';
import { type LabelledComment, loadCollection, VIDEOS } from './youtube-spam-collection.js';

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');
const SPLIT_SEED = 20_150_101;
const TRAIN_SHARE = 0.7;

// First-time policy is off: every YouTube commenter is new to us, so it would hold everything.
const SETTINGS: SpamSettings = { ...DEFAULT_SPAM_SETTINGS, policy: 'approve-all' };

interface Counts {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
}

interface Scores {
  spamVerdict: Counts;
  flagged: Counts;
  total: number;
}

type System = 'rules only' | 'rules + classifier';
const SYSTEMS: System[] = ['rules only', 'rules + classifier'];

function emptyCounts(): Counts {
  return { truePositive: 0, falsePositive: 0, falseNegative: 0 };
}

function emptyScores(): Scores {
  return { spamVerdict: emptyCounts(), flagged: emptyCounts(), total: 0 };
}

function tally(counts: Counts, predicted: boolean, actual: boolean): void {
  if (predicted && actual) counts.truePositive++;
  else if (predicted) counts.falsePositive++;
  else if (actual) counts.falseNegative++;
}

function record(scores: Scores, verdict: SpamVerdict, isSpam: boolean): void {
  tally(scores.spamVerdict, verdict === 'spam', isSpam);
  tally(scores.flagged, verdict !== 'approve', isSpam);
  scores.total++;
}

function merge(into: Scores, from: Scores): void {
  for (const key of ['spamVerdict', 'flagged'] as const) {
    into[key].truePositive += from[key].truePositive;
    into[key].falsePositive += from[key].falsePositive;
    into[key].falseNegative += from[key].falseNegative;
  }
  into.total += from.total;
}

function precision(c: Counts): number {
  const predicted = c.truePositive + c.falsePositive;
  return predicted === 0 ? Number.NaN : c.truePositive / predicted;
}

function recall(c: Counts): number {
  const actual = c.truePositive + c.falseNegative;
  return actual === 0 ? Number.NaN : c.truePositive / actual;
}

function percent(value: number): string {
  return Number.isNaN(value) ? '   n/a' : `${(value * 100).toFixed(1).padStart(5)}%`;
}

/** Builds the rule input the comment service would assemble: earlier comments by the same author are "recent". */
function inputsFor(comments: readonly LabelledComment[]): Map<LabelledComment, SpamCheckInput> {
  const inputs = new Map<LabelledComment, SpamCheckInput>();
  const earlier = new Map<string, string[]>();
  for (const comment of comments) {
    const key = `${comment.video}\u0000${comment.author}`;
    const recentBodies = earlier.get(key) ?? [];
    inputs.set(comment, {
      body: comment.body,
      authorName: comment.author,
      authorEmail: 'unknown@example.invalid',
      authorIp: '192.0.2.1',
      honeypot: '',
      elapsedMs: 60_000,
      isKnownCommenter: true,
      recentBodies: [...recentBodies],
    });
    earlier.set(key, [...recentBodies, comment.body]);
  }
  return inputs;
}

function evaluate(
  train: readonly LabelledComment[],
  test: readonly LabelledComment[],
  inputs: Map<LabelledComment, SpamCheckInput>,
  settings: SpamSettings = SETTINGS,
): Record<System, Scores> {
  const classifier = createSpamClassifier();
  for (const comment of train) classifier.learn(comment.body, comment.isSpam ? 'spam' : 'ham');
  const result: Record<System, Scores> = { 'rules only': emptyScores(), 'rules + classifier': emptyScores() };
  for (const comment of test) {
    const input = inputs.get(comment)!;
    record(result['rules only'], assessComment(input, settings).verdict, comment.isSpam);
    record(result['rules + classifier'], assessComment(input, settings, classifier).verdict, comment.isSpam);
  }
  return result;
}

function leaveOneVideoOut(
  collection: Map<string, LabelledComment[]>,
  inputs: Map<LabelledComment, SpamCheckInput>,
  settings: SpamSettings,
  onFold?: (video: string, result: Record<System, Scores>) => void,
): Record<System, Scores> {
  const pooled: Record<System, Scores> = { 'rules only': emptyScores(), 'rules + classifier': emptyScores() };
  for (const video of VIDEOS) {
    const test = collection.get(video)!;
    const train = VIDEOS.filter((v) => v !== video).flatMap((v) => collection.get(v)!);
    const result = evaluate(train, test, inputs, settings);
    onFold?.(video, result);
    for (const system of SYSTEMS) merge(pooled[system], result[system]);
  }
  return pooled;
}

/** mulberry32: a small seeded generator, so the 70/30 split is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function stratifiedSplit(comments: readonly LabelledComment[], seed: number) {
  const random = seededRandom(seed);
  const train: LabelledComment[] = [];
  const test: LabelledComment[] = [];
  for (const isSpam of [true, false]) {
    const group = comments.filter((c) => c.isSpam === isSpam);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    const cut = Math.round(group.length * TRAIN_SHARE);
    train.push(...group.slice(0, cut));
    test.push(...group.slice(cut));
  }
  return { train, test };
}

function row(label: string, system: System, scores: Scores): string {
  return [
    label.padEnd(22),
    system.padEnd(19),
    String(scores.total).padStart(5),
    percent(precision(scores.spamVerdict)),
    percent(recall(scores.spamVerdict)),
    percent(precision(scores.flagged)),
    percent(recall(scores.flagged)),
  ].join('  ');
}

function main(): void {
  const collection = loadCollection(DATA_DIR);
  const all = VIDEOS.flatMap((video) => collection.get(video)!);
  const inputs = inputsFor(all);
  const spamCount = all.filter((c) => c.isSpam).length;
  console.log(
    `YouTube Spam Collection: ${all.length} comments, ${spamCount} spam, ${all.length - spamCount} ham`,
  );
  console.log(
    `settings: maxLinks ${SETTINGS.maxLinks}, classifier hold >= ${SETTINGS.classifierHoldAt}, ` +
      `spam >= ${SETTINGS.classifierSpamAt}, policy ${SETTINGS.policy}, empty blocklists`,
  );
  console.log(
    '"spam" = verdict spam; "flagged" = verdict hold or spam (what a moderator would see in the queue)\n',
  );
  const header = [
    'test set'.padEnd(22),
    'system'.padEnd(19),
    '    n',
    'spam P',
    'spam R',
    'flag P',
    'flag R',
  ];
  console.log(header.join('  '));
  console.log('-'.repeat(header.join('  ').length));

  const started = performance.now();
  const pooled = leaveOneVideoOut(collection, inputs, SETTINGS, (video, result) => {
    for (const system of SYSTEMS)
      console.log(row(`hold out ${video.replace(/^Youtube0\d-/, '')}`, system, result[system]));
  });
  for (const system of SYSTEMS) console.log(row('leave-one-video-out', system, pooled[system]));
  console.log('-'.repeat(header.join('  ').length));

  const { train, test } = stratifiedSplit(all, SPLIT_SEED);
  const split = evaluate(train, test, inputs);
  for (const system of SYSTEMS) console.log(row(`70/30 seed ${SPLIT_SEED}`, system, split[system]));
  console.log(`\n(${(performance.now() - started).toFixed(0)} ms for six train-and-test runs)`);

  console.log('\nclassifier spam threshold, leave-one-video-out, rules + classifier:');
  for (const classifierSpamAt of [0.9, 0.99, 0.999, 0.9999]) {
    const scores = leaveOneVideoOut(collection, inputs, { ...SETTINGS, classifierSpamAt })[
      'rules + classifier'
    ];
    console.log(
      `  spam >= ${String(classifierSpamAt).padEnd(6)}  spam P ${percent(precision(scores.spamVerdict))}` +
        `  spam R ${percent(recall(scores.spamVerdict))}`,
    );
  }
}

main();
