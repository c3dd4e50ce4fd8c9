/**
 * HTTP caching of public pages: an in-process cache of rendered pages keyed by
 * path and variant (with gzip and brotli bodies kept beside the plain one),
 * ETag / Last-Modified validators answering 304, and Cache-Control suitable
 * for a CDN. Pages are dropped by the change feed as precisely as the outbox
 * events allow (an approved comment drops its article and the lists), so every
 * process sees publishes, edits, approvals and settings saves on its next request.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeFeed } from './change-feed.js';
import type { ChangeScope } from './change-scope.js';

/** A page as its route renders it. */
export interface RenderedPage {
  contentType: string;
  body: string;
  /** Overrides the default Cache-Control (e.g. a longer life for assets). */
  cacheControl?: string;
  /**
   * `article:{id}` of the article a page is about (and of any whose comment count it shows). A tagged page
   * survives comment changes on other articles; any article change, and any list change, drops untagged pages.
   */
  tags?: string[];
}

/** A redirect, cached like a page (renamed slugs, imported paths, old permalinks). */
export interface RenderedRedirect {
  redirect: string;
  status: 301 | 302 | 307 | 308;
}

type Rendered = RenderedPage | RenderedRedirect;

interface Entry {
  key: string;
  rendered: Rendered;
  body: Buffer;
  etag: string;
  lastModified: string;
  tags: readonly string[] | null;
  gzip?: Buffer;
  br?: Buffer;
  /** The requests (`host url`) answered directly with this page, and the headers Fastify sent for it. */
  direct?: Map<string, DirectReplay>;
}

/** The complete headers of a page as Fastify's pipeline sent them, by content coding, for direct answers. */
interface DirectReplay {
  headers: OutgoingHttpHeaders;
  byCoding: Map<string, OutgoingHttpHeaders>;
}

/** How the cache decides what is fresh. */
export interface PageCacheOptions {
  /** False (BROADSHEET_PAGE_CACHE=0) renders every request; validators and compression still apply. */
  enabled: boolean;
  /** Changes committed by any process; the cache catches up before answering each request. */
  changes?: Pick<ChangeFeed, 'catchUp' | 'subscribe'>;
  maxEntries?: number;
}

/** What, besides the path, selects one cached page. */
export interface ServeOptions {
  variant?: string;
  /**
   * Query parameters the page is rendered from (a comment page, a reply target); each value is a page of its
   * own. Other parameters are ignored, so `?utm_source=…` links share the page and cannot crowd the cache.
   */
  varyBy?: readonly string[];
}

/** The page cache of one process. */
export interface PageCache {
  /** Answers `request` from the cache or by calling `render`, with validators, compression and caching headers. */
  serve(
    request: FastifyRequest,
    reply: FastifyReply,
    render: () => Promise<Rendered>,
    options?: ServeOptions,
  ): Promise<FastifyReply>;
  /**
   * Answers a GET for a page this cache has already served to the same host and URL, straight from the HTTP
   * server, before Fastify's routing and hooks, with the headers they produced then. False when the request
   * must go through Fastify (conditional, personal, not cached, changes pending, or the cache is closing).
   */
  answerDirectly(req: IncomingMessage, res: ServerResponse): boolean;
  /** Called when Fastify has sent a response: remembers a cacheable page's final headers for direct answers. */
  learn(request: FastifyRequest, reply: FastifyReply): void;
  /** Stops direct answers (the server is closing: Fastify answers late requests). */
  close(): void;
  /** Drops every cached page. */
  clear(): void;
  /** Drops the pages `scope` makes stale. */
  invalidate(scope: ChangeScope): void;
  /** How many pages are cached. */
  readonly size: number;
}

// Browsers revalidate after a minute; a CDN keeps pages five minutes and may serve a stale copy for an hour
// while it fetches a new one, so a burst of readers on a breaking story reaches the origin once.
const DEFAULT_CACHE_CONTROL =
  'public, max-age=60, s-maxage=300, stale-while-revalidate=3600, stale-if-error=86400';
const PERSONAL_CACHE_CONTROL = 'private, no-cache';
const DEFAULT_MAX_ENTRIES = 2000;
// Below this, compressing costs more than the bytes it saves.
const MIN_COMPRESS_BYTES = 512;
// Cookies that make a page personal: a reader's held comment, a newsroom session (preview links, edit buttons).
const PERSONAL_COOKIES = ['bs_held', 'bs_session'];
const PERSONAL_COOKIE = new RegExp(`(?:^|;\\s*)(?:${PERSONAL_COOKIES.join('|')})=`);
// Distinct host-and-URL spellings (tracking parameters, host names) remembered per page for direct answers.
const MAX_DIRECT_PER_PAGE = 16;
// Headers Node writes for each response itself, or the direct answer sets from the body it sends.
const PER_RESPONSE_HEADERS = [
  'content-length',
  'content-encoding',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
];

function cacheKey(url: string, serveOptions: ServeOptions): string {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  let key = `${serveOptions.variant ?? ''} ${path}`;
  if (queryAt >= 0 && serveOptions.varyBy?.length) {
    const query = new URLSearchParams(url.slice(queryAt + 1));
    for (const name of serveOptions.varyBy) {
      const value = query.get(name);
      if (value !== null) key += ` ${name}=${value}`;
    }
  }
  return key;
}

function isPersonal(request: FastifyRequest): boolean {
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  if (cookies) return PERSONAL_COOKIES.some((name) => cookies[name] !== undefined);
  return PERSONAL_COOKIE.test(request.headers.cookie ?? '');
}

function isConditional(headers: IncomingHttpHeaders): boolean {
  return headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined;
}

function directKey(req: IncomingMessage): string {
  return `${req.headers.host ?? ''} ${req.url ?? ''}`;
}

/** The best content coding the client accepts among brotli, gzip and none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const quality = (name: string) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
  if (quality('br') > 0 && quality('br') >= quality('gzip')) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return null;
}

/** True when an If-None-Match header matches `etag` (weak comparison, as GET requires). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag));
}

function makeEntry(key: string, rendered: Rendered): Entry {
  const body = Buffer.from('redirect' in rendered ? '' : rendered.body, 'utf8');
  const hash = createHash('sha256')
    .update('redirect' in rendered ? `${rendered.status} ${rendered.redirect}` : body)
    .digest('base64url')
    .slice(0, 27);
  return {
    key,
    rendered,
    body,
    // Weak: the same tag stands for the plain, gzip and brotli bodies of one page.
    etag: `W/"${hash}"`,
    lastModified: new Date(Math.floor(Date.now() / 1000) * 1000).toUTCString(),
    tags: 'redirect' in rendered || !rendered.tags?.length ? null : rendered.tags,
  };
}

function encodedBody(entry: Entry, encoding: 'br' | 'gzip'): Buffer {
  if (encoding === 'br') {
    entry.br ??= brotliCompressSync(entry.body, {
      params: {
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: entry.body.length,
      },
    });
    return entry.br;
  }
  entry.gzip ??= gzipSync(entry.body, { level: 6 });
  return entry.gzip;
}

function isNotModified(request: FastifyRequest, entry: Entry): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, entry.etag);
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(entry.lastModified) <= since;
}

function bodyCoding(entry: Entry, acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  return entry.body.length >= MIN_COMPRESS_BYTES ? chooseEncoding(acceptEncoding) : null;
}

function send(request: FastifyRequest, reply: FastifyReply, entry: Entry, personal: boolean): FastifyReply {
  const { rendered } = entry;
  const cacheControl = personal
    ? PERSONAL_CACHE_CONTROL
    : ('cacheControl' in rendered && rendered.cacheControl) || DEFAULT_CACHE_CONTROL;
  reply.header('cache-control', cacheControl);
  reply.header('vary', 'Accept-Encoding');
  reply.header('etag', entry.etag);
  reply.header('last-modified', entry.lastModified);
  if (isNotModified(request, entry)) return reply.code(304).send();
  if ('redirect' in rendered) return reply.redirect(rendered.redirect, rendered.status);
  reply.header('content-type', rendered.contentType);
  const encoding = bodyCoding(entry, request.headers['accept-encoding']);
  if (!encoding) return reply.send(entry.body);
  reply.header('content-encoding', encoding);
  return reply.send(encodedBody(entry, encoding));
}

/** Creates the cache for one process. */
export function createPageCache(options: PageCacheOptions): PageCache {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const entries = new Map<string, Entry>();
  // Requests (`host url`) answered directly, to their page; each page lists its own, so both go together.
  const direct = new Map<string, Entry>();
  // Pages served through Fastify whose final headers `learn` may record.
  const learning = new WeakMap<IncomingMessage, Entry>();
  // Bumped on every invalidation, so a page rendered from data older than a change is never stored.
  let generation = 0;
  let closed = false;

  function drop(entry: Entry): void {
    entries.delete(entry.key);
    for (const key of entry.direct?.keys() ?? []) if (direct.get(key) === entry) direct.delete(key);
  }

  function clear(): void {
    entries.clear();
    direct.clear();
    generation++;
  }

  function touch(entry: Entry): void {
    // Map order is insertion order: re-inserting keeps recently used pages last, for eviction.
    entries.delete(entry.key);
    entries.set(entry.key, entry);
  }

  function codedHeaders(
    replay: DirectReplay,
    entry: Entry,
    coding: 'br' | 'gzip' | null,
  ): OutgoingHttpHeaders {
    const name = coding ?? 'identity';
    let headers = replay.byCoding.get(name);
    if (!headers) {
      headers = { ...replay.headers };
      if (coding) headers['content-encoding'] = coding;
      headers['content-length'] = coding ? encodedBody(entry, coding).length : entry.body.length;
      replay.byCoding.set(name, headers);
    }
    return headers;
  }

  function invalidate(scope: ChangeScope): void {
    if (scope.everything) {
      clear();
      return;
    }
    if (scope.articleIds.length === 0 && !scope.lists) return;
    // An article's headline, date or section shows on other articles' pages (See also, translations), so an
    // article change drops them all; comments change only their own article's page and the lists' counts.
    if (scope.articles) {
      clear();
      return;
    }
    generation++;
    const stale = new Set(scope.articleIds.map((id) => `article:${id}`));
    for (const entry of entries.values()) {
      if (entry.tags ? entry.tags.some((tag) => stale.has(tag)) : scope.lists) drop(entry);
    }
  }

  options.changes?.subscribe((scope) => invalidate(scope));

  return {
    async serve(request, reply, render, serveOptions = {}) {
      const catchingUp = options.changes?.catchUp();
      if (catchingUp) await catchingUp;
      const personal = isPersonal(request);
      const key = cacheKey(request.url, serveOptions);
      const useCache = options.enabled && !personal;
      const cached = useCache ? entries.get(key) : undefined;
      if (cached) {
        touch(cached);
        if (request.method === 'GET') learning.set(request.raw, cached);
        reply.header('x-page-cache', 'hit');
        return send(request, reply, cached, personal);
      }
      const startedIn = generation;
      const entry = makeEntry(key, await render());
      if (useCache && startedIn === generation) {
        entries.set(key, entry);
        if (request.method === 'GET') learning.set(request.raw, entry);
        if (entries.size > maxEntries) drop(entries.values().next().value!);
      }
      reply.header('x-page-cache', useCache ? 'miss' : 'bypass');
      return send(request, reply, entry, personal);
    },
    answerDirectly(req, res) {
      if (closed || req.method !== 'GET' || isConditional(req.headers)) return false;
      if (PERSONAL_COOKIE.test(req.headers.cookie ?? '')) return false;
      // Changes this process must read back first: the ordinary way waits for them (and reports a failure).
      const catchingUp = options.changes?.catchUp();
      if (catchingUp) {
        catchingUp.catch(() => {});
        return false;
      }
      const requested = directKey(req);
      const entry = direct.get(requested);
      const replay = entry?.direct?.get(requested);
      if (!entry || !replay) return false;
      touch(entry);
      const coding = bodyCoding(entry, req.headers['accept-encoding']);
      res.writeHead(200, codedHeaders(replay, entry, coding));
      res.end(coding ? encodedBody(entry, coding) : entry.body);
      return true;
    },
    learn(request, reply) {
      const entry = learning.get(request.raw);
      if (!entry) return;
      learning.delete(request.raw);
      // Only a full public page still in the cache, and nothing personal in what was sent.
      if (reply.statusCode !== 200 || entries.get(entry.key) !== entry || 'redirect' in entry.rendered)
        return;
      const headers = { ...reply.getHeaders() } as OutgoingHttpHeaders;
      if (headers['set-cookie'] !== undefined || headers['cache-control'] === PERSONAL_CACHE_CONTROL) return;
      for (const name of PER_RESPONSE_HEADERS) delete headers[name];
      headers['x-page-cache'] = 'hit';
      entry.direct ??= new Map();
      const requested = directKey(request.raw);
      if (entry.direct.size >= MAX_DIRECT_PER_PAGE && !entry.direct.has(requested)) return;
      entry.direct.set(requested, { headers, byCoding: new Map() });
      direct.set(requested, entry);
    },
    close() {
      closed = true;
    },
    clear,
    invalidate,
    get size() {
      return entries.size;
    },
  };
}
