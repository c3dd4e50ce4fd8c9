/**
 * Prepared statements on PostgreSQL. Kysely sends every query as an unnamed statement, which the server
 * parses and plans afresh each time; for the small indexed queries of a page that was most of their cost
 * (cache off, 1,000 articles: article page 440 → 645 req/s, front page 244 → 490). Here each distinct SQL
 * text gets a name, so each connection prepares it once and PostgreSQL may keep a generic plan, as Rails does
 * by default.
 *
 * Bounded: at most MAX_NAMED_TEXTS texts get names, and a connection prepares at most `maxPerConnection`;
 * beyond that queries go unnamed as before. A named query the server refuses because the statement is gone
 * (a pooler such as PgBouncer in transaction mode, DISCARD ALL) or no longer fits the table (a column added
 * under a `select *`) is sent again unnamed, and prepared afresh next time.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

const MAX_NAMED_TEXTS = 2000;
// prepared statement does not exist; already exists; cached plan must not change result type.
const STALE_STATEMENT = new Set(['26000', '42P05', '0A000']);

type Query = (...args: unknown[]) => unknown;

/**
 * Starts a query whose best plan depends on its parameters (the words of a search: a rare word wants the
 * text index, a common one the newest articles), so it is planned for each run and never prepared.
 * A generic plan made search on PostgreSQL twice as slow at p95.
 */
export const PLAN_EACH_TIME = '/* planned each time */ ';

/** Makes every connection `pool` opens prepare the SQL texts it runs. */
export function prepareStatements(pool: pg.Pool, maxPerConnection = 500): void {
  const names = new Map<string, string>();
  let issued = 0;
  // Names are this process's own: behind a pooler that shares server connections between processes, a name
  // must never stand for another process's text.
  const prefix = `bs_${randomBytes(4).toString('hex')}_`;

  function nameOf(text: string): string | undefined {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED_TEXTS) {
      // Never reused for another text, since a connection may hold the old one prepared.
      name = `${prefix}${(issued++).toString(36)}`;
      names.set(text, name);
    }
    return name;
  }

  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    const prepared = new Set<string>();
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const [text, values] = args;
      // Kysely's queries: a text and its parameters, answered by a promise. Anything else passes through.
      if (args.length !== 2 || typeof text !== 'string' || !Array.isArray(values)) return query(...args);
      if (text.startsWith(PLAN_EACH_TIME)) return query(text, values);
      const name = nameOf(text);
      if (name === undefined || (!prepared.has(name) && prepared.size >= maxPerConnection)) {
        return query(text, values);
      }
      prepared.add(name);
      return (query({ name, text, values }) as Promise<unknown>).catch((error: { code?: string }) => {
        if (!STALE_STATEMENT.has(String(error?.code))) throw error;
        prepared.delete(name);
        if (names.get(text) === name) names.delete(text);
        return query(text, values);
      });
    };
  });
}
