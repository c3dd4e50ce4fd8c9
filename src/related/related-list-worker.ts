/**
 * Worker-thread entry for a rebuild: computes kept related lists over the index arrays the main
 * thread shares (SharedArrayBuffers, read-only here except each claimed article's list).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeClaimedLists, type RankingArrays, RankingCore } from './related-ranking.js';

const { arrays, counter } = workerData as { arrays: RankingArrays; counter: Int32Array };
const core = new RankingCore(arrays.listSize);
core.adopt(arrays);
computeClaimedLists(core, counter);
parentPort?.postMessage('done');
