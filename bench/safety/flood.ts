/**
 * The comment flood: 10,000 comment posts from one address in a burst against `broadsheet serve` on a
 * demo site, while readers keep opening article pages. Prints how many posts were accepted against the
 * per-address limit, and the article pages' latency before and during the flood (p50, p99).
 *
 *   node --import tsx bench/safety/flood.ts [--posts 10000] [--concurrency 64] [--workers 2]
 *
 * Every post is valid (a signed form token issued a minute earlier, a fresh email each time), so each
 * one reaches the rate limiter rather than being refused for a bad form.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueFormToken } from '../../src/comments/comment-form-token.js';
import { COMMENTS_PER_IP_RULE } from '../../src/comments/comment-policy.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '64' },
    readers: { type: 'string', default: '4' },
    workers: { type: 'string', default: '2' },
  },
});
const POSTS = Number(values.posts);
const CONCURRENCY = Number(values.concurrency);
const READERS = Number(values.readers);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + READERS });

function send(
  port: number,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body
          ? { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
          : { accept: 'text/html' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `${sorted.length} pages, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-flood-'));
  const secret = randomBytes(24).toString('hex');
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    ['bin/broadsheet.js', 'serve', '--workers', String(values.workers), '--port', String(port)],
    {
      env: {
        ...process.env,
        BROADSHEET_DATA_DIR: dataDir,
        BROADSHEET_SECRET: secret,
        BROADSHEET_DEMO: '1',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('serving at')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });

  try {
    // Articles to read, and one to comment on, from the front page.
    const front = await send(port, 'GET', '/');
    const paths = [...new Set([...front.body.matchAll(/href="(\/[a-z0-9-]+\/)"/g)].map((m) => m[1]!))]
      .filter((p) => !/^\/(category|tag|author|page|search|newsroom|feed)\//.test(p))
      .slice(0, 10);
    let target: { path: string; id: number } | null = null;
    for (const path of paths) {
      const id = /name="comment_post_ID" value="(\d+)"/.exec((await send(port, 'GET', path)).body)?.[1];
      if (id) {
        target = { path, id: Number(id) };
        break;
      }
    }
    if (!target || paths.length === 0) throw new Error('no article open for comments on the demo front page');
    const article = target;

    let reading = true;
    let failedReads = 0;
    const readLoop = async (into: number[], until: () => boolean) => {
      for (let i = 0; until(); i++) {
        const answer = await send(port, 'GET', paths[i % paths.length]!);
        if (answer.status === 200) into.push(answer.ms);
        else failedReads++;
      }
    };
    const baseline: number[] = [];
    const baselineEnd = Date.now() + 3000;
    await Promise.all(
      Array.from({ length: READERS }, () => readLoop(baseline, () => Date.now() < baselineEnd)),
    );

    const during: number[] = [];
    const readers = Array.from({ length: READERS }, () => readLoop(during, () => reading));
    const statuses = new Map<number, number>();
    let next = 0;
    const started = performance.now();
    const poster = async () => {
      while (next < POSTS) {
        const n = next++;
        const form = new URLSearchParams({
          comment: `Flood comment number ${n}, about the harbour wall.`,
          author: `Flooder ${n}`,
          email: `flood${n}@flood.test`,
          url: '',
          comment_post_ID: String(article.id),
          comment_parent: '0',
          bs_form_token: issueFormToken(secret, article.id, Date.now() - 60_000),
        }).toString();
        const answer = await send(port, 'POST', '/wp-comments-post.php', form).catch(() => ({ status: 0 }));
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, poster));
    const floodSeconds = (performance.now() - started) / 1000;
    reading = false;
    await Promise.all(readers);

    const accepted = (statuses.get(201) ?? 0) + (statuses.get(303) ?? 0);
    const limit = COMMENTS_PER_IP_RULE.limit;
    console.log(
      `flood: ${POSTS} comment posts from one address in ${floodSeconds.toFixed(1)} s (${(POSTS / floodSeconds).toFixed(0)}/s, ${CONCURRENCY} at a time)`,
    );
    console.log(
      `flood: accepted ${accepted}, limit ${limit} per ${COMMENTS_PER_IP_RULE.windowSeconds / 60} minutes per address (${accepted <= limit ? 'held' : 'BROKEN'})`,
    );
    console.log(
      `flood: answers ${[...statuses]
        .sort()
        .map(([s, n]) => `${s}×${n}`)
        .join(', ')}`,
    );
    console.log(`article pages before the flood: ${summary(baseline)}`);
    console.log(`article pages during the flood: ${summary(during)}; failed ${failedReads}`);
    if (accepted > limit || failedReads > 0 || during.length === 0) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
