/**
 * Posts reader comments at a steady rate, the way browsers would: the signed
 * form token is read from each article's page, and every post comes from its
 * own loopback address (127.x.y.z) because Broadsheet limits comments per
 * address and per email, and a newsroom's readers do not share one address.
 * wrk cannot do either (one source address, no pacing), so posting runs here
 * while wrk loads the pages.
 */
import { request } from 'node:http';

/** What the posting side achieved. */
export interface PostingResult {
  attempted: number;
  approved: number;
  held: number;
  failed: number;
  postsPerSecond: number;
  p99Ms: number;
  /** The first few failures, for the report. */
  failures: string[];
}

/** An article to comment on, with the token its page carries. */
export interface CommentTarget {
  articleId: number;
  token: string;
}

/** Reads the comment form token and article id from an article page. */
export function formOf(html: string): CommentTarget | null {
  const token = /name="bs_form_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="bs_form_token"/.exec(
    html,
  );
  const id = /name="comment_post_ID"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="comment_post_ID"/.exec(html);
  if (!token || !id) return null;
  return { token: token[1] ?? token[2]!, articleId: Number(id[1] ?? id[2]) };
}

function post(
  baseUrl: string,
  body: string,
  localAddress: string,
): Promise<{ status: number; text: string; ms: number }> {
  const url = new URL('/comments/', baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: performance.now() - started }));
      },
    );
    req.on('error', (error) => resolve({ status: 0, text: error.message, ms: performance.now() - started }));
    req.end(body);
  });
}

/**
 * Posts `rate` comments a second for `seconds` to `targets`, as returning readers
 * (`readerOf(n)` gives a name and email that may already have approved comments).
 */
export async function postComments(options: {
  baseUrl: string;
  targets: CommentTarget[];
  rate: number;
  seconds: number;
  readerOf: (n: number) => { name: string; email: string };
}): Promise<PostingResult> {
  const result: PostingResult = {
    attempted: 0,
    approved: 0,
    held: 0,
    failed: 0,
    postsPerSecond: 0,
    p99Ms: 0,
    failures: [],
  };
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const total = Math.round(options.rate * options.seconds);
  for (let n = 0; n < total; n++) {
    // Paced against the clock, so a slow answer delays nothing that follows.
    const due = started + (n * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const target = options.targets[n % options.targets.length]!;
    const reader = options.readerOf(n);
    const body = JSON.stringify({
      comment_post_ID: target.articleId,
      bs_form_token: target.token,
      author: reader.name,
      email: reader.email,
      url: '',
      comment: `Benchmark comment ${n}: the figures in the third paragraph deserve a follow-up story.`,
      comment_subject: '',
    });
    const address = `127.${1 + ((n >> 16) & 0xff)}.${(n >> 8) & 0xff}.${n & 0xff || 1}`;
    result.attempted++;
    const sent = post(options.baseUrl, body, address).then(({ status, text, ms }) => {
      latencies.push(ms);
      if (status === 201) {
        if (/"status":"approved"/.test(text)) result.approved++;
        else result.held++;
      } else {
        result.failed++;
        if (result.failures.length < 3) result.failures.push(`${status} ${text.slice(0, 200)}`);
      }
    });
    inFlight.add(sent);
    sent.finally(() => inFlight.delete(sent));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  result.postsPerSecond = (result.approved + result.held) / elapsed;
  latencies.sort((a, b) => a - b);
  result.p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  return result;
}
