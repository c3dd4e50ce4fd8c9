/**
 * How a process learns which outbox events were committed, by itself or by
 * another process on the same database. SQLite: the change counter and the
 * outbox are read through the raw handle with prepared statements (a few
 * microseconds, so every request may ask). PostgreSQL: a dedicated connection
 * LISTENs on a channel; `record` NOTIFYs each event inside its transaction,
 * which PostgreSQL delivers at commit (and drops on rollback).
 */
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { type Db, postgres } from './database.js';
import type { Database } from './schema.js';

/** The NOTIFY channel that carries committed outbox events. */
export const CHANGES_CHANNEL = 'broadsheet_changes';

// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; bigger events are announced without their payload.
const MAX_NOTIFY_BYTES = 7900;
// More new events than this at once (an import, a bulk moderation) is treated as "everything changed".
const MAX_BATCH = 500;
const RECONNECT_DELAY_MS = 1000;
// A transaction still open after this long is not waited for: its NOTIFY will deliver the event.
const OWN_EVENT_WAIT_MS = 10_000;
const MAX_SEEN_IDS = 10_000;
// How stale another process's change may be seen on SQLite: far below the time between two clicks.
const CHECK_INTERVAL_MS = 1;

/** An outbox event as the change feed delivers it. */
export interface Change {
  id: number;
  kind: string;
  /** Null when the payload was not delivered (too large to announce); treated as a site-wide change. */
  payload: Record<string, unknown> | null;
}

/** A source of committed changes for one process. */
export interface ChangeSource {
  /**
   * Changes committed since the last call: `[]` when none, `null` when some may have been missed
   * (so everything must be treated as stale). Synchronous and cheap when nothing changed.
   */
  take(): Change[] | null | Promise<Change[] | null>;
  /** Hears that this process recorded event `id` (not yet committed), so its own next request can see it. */
  noteRecorded(id: number): void;
  /** Starts listening where the database needs it; `onNotice` runs when changes are waiting. */
  start(onNotice: () => void): Promise<void>;
  close(): Promise<void>;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function parsePayload(text: string | null | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return null;
  }
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Announces a recorded event to every listening process; call inside the transaction that recorded it.
 * A no-op on SQLite, where processes read the outbox themselves.
 */
export async function announceChange(
  trx: Kysely<Database>,
  change: { id: number; kind: string; payload: Record<string, unknown> },
): Promise<void> {
  if (!isPostgres(trx)) return;
  let text = JSON.stringify(change);
  if (Buffer.byteLength(text) >= MAX_NOTIFY_BYTES)
    text = JSON.stringify({ id: change.id, kind: change.kind });
  await sql`select pg_notify(${CHANGES_CHANNEL}, ${text})`.execute(trx);
}

function sqliteSource(sqlite: NonNullable<Db['sqlite']>): ChangeSource {
  // Prepared on first use: the tables exist only once migrations have run.
  let statements: {
    counter: { get(): unknown };
    maxId: { get(): unknown };
    since: { all(after: number, limit: number): { id: number; kind: string; payload: string }[] };
  } | null = null;
  let seenCounter = 0;
  let lastId = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  // Set when this process records an event: its next request must see it, however soon it comes.
  let ownChange = false;

  function prepare() {
    const prepared = {
      counter: sqlite.prepare('select value from change_counter where id = 1').pluck(),
      maxId: sqlite.prepare('select coalesce(max(id), 0) from events').pluck(),
      since: sqlite.prepare(
        'select id, kind, payload from events where id > ? order by id limit ?',
      ) as unknown as {
        all(after: number, limit: number): { id: number; kind: string; payload: string }[];
      },
    };
    seenCounter = Number(prepared.counter.get());
    lastId = Number(prepared.maxId.get());
    return prepared;
  }

  return {
    take() {
      // Inside this connection's own transaction the rows are not committed yet (and may roll back,
      // reusing their ids): wait for the next call.
      if (sqlite.inTransaction || !sqlite.open) return [];
      if (!statements) {
        statements = prepare();
        return [];
      }
      // Reading the counter starts a read transaction (a few shared-memory locks, ~10 µs): at thousands of
      // cached pages a second that was a tenth of the CPU, so other processes' changes are looked for at most
      // once a millisecond; this process's own are seen at once.
      const now = performance.now();
      if (!ownChange && now - checkedAt < CHECK_INTERVAL_MS) return [];
      let counter: number;
      let rows: { id: number; kind: string; payload: string }[] = [];
      try {
        counter = Number(statements.counter.get());
        if (counter !== seenCounter) rows = statements.since.all(lastId, MAX_BATCH + 1);
      } catch (error) {
        // The handle does not wait for locks (see patient-sqlite.ts); a reader is refused only in rare
        // moments (WAL recovery), and the next request looks again.
        if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return [];
        throw error;
      }
      checkedAt = now;
      ownChange = false;
      if (counter === seenCounter) return [];
      seenCounter = counter;
      if (rows.length > MAX_BATCH) {
        lastId = Number(statements.maxId.get());
        return null;
      }
      if (rows.length > 0) lastId = Number(rows[rows.length - 1]!.id);
      return rows.map((row) => ({ id: Number(row.id), kind: row.kind, payload: parsePayload(row.payload) }));
    },
    noteRecorded() {
      ownChange = true;
    },
    async start() {
      if (!statements && sqlite.open) statements = prepare();
    },
    async close() {
      statements = null;
    },
  };
}

function postgresSource(pool: NonNullable<Db['pool']>): ChangeSource {
  let queue: Change[] = [];
  let missed = false;
  let closed = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let notify = () => {};
  // Events this process recorded whose NOTIFY has not arrived, with when to stop waiting (a rollback).
  const ownPending = new Map<number, number>();
  // Ids already queued, so an event read back and later announced is applied once.
  const seen = new Set<number>();
  let readingBack: Promise<Change[] | null> | null = null;

  function accept(change: Change): void {
    ownPending.delete(change.id);
    if (seen.has(change.id)) return;
    if (seen.size >= MAX_SEEN_IDS) seen.clear();
    seen.add(change.id);
    queue.push(change);
  }

  function drain(): Change[] | null {
    if (missed) {
      missed = false;
      queue = [];
      return null;
    }
    if (queue.length === 0) return [];
    const taken = queue;
    queue = [];
    return taken;
  }

  // This process's next request must see its own commit even when the NOTIFY is still on its way.
  async function readBackOwn(): Promise<Change[] | null> {
    const now = Date.now();
    for (const [id, giveUpAt] of ownPending) if (giveUpAt < now) ownPending.delete(id);
    const ids = [...ownPending.keys()];
    if (ids.length > 0) {
      const { rows } = await pool.query<{ id: number; kind: string; payload: string }>(
        'select id, kind, payload from events where id = any($1)',
        [ids],
      );
      for (const row of rows)
        accept({ id: Number(row.id), kind: row.kind, payload: parsePayload(row.payload) });
    }
    return drain();
  }

  function lost() {
    if (closed) return;
    // Notifications sent while no one listened are gone: whatever was cached may be stale.
    missed = true;
    client = null;
    notify();
    timer ??= setTimeout(() => {
      timer = null;
      connect().catch(lost);
    }, RECONNECT_DELAY_MS);
    timer.unref();
  }

  async function connect(): Promise<void> {
    const listener = new (postgres().Client)(pool.options);
    listener.on('notification', (message) => {
      if (message.channel !== CHANGES_CHANNEL) return;
      const notice = parsePayload(message.payload);
      const id = Number(notice?.id);
      accept({
        id: Number.isFinite(id) ? id : 0,
        kind: typeof notice?.kind === 'string' ? notice.kind : 'unknown',
        payload: asRecord(notice?.payload),
      });
      notify();
    });
    listener.on('error', () => {
      if (client === listener) lost();
    });
    listener.on('end', () => {
      if (client === listener) lost();
    });
    await listener.connect();
    await listener.query(`listen ${CHANGES_CHANNEL}`);
    if (closed) {
      await listener.end();
      return;
    }
    client = listener;
  }

  return {
    take() {
      if (ownPending.size === 0) return drain();
      readingBack ??= readBackOwn().finally(() => {
        readingBack = null;
      });
      return readingBack;
    },
    noteRecorded(id) {
      ownPending.set(id, Date.now() + OWN_EVENT_WAIT_MS);
    },
    async start(onNotice) {
      notify = onNotice;
      await connect();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const listener = client;
      client = null;
      await listener?.end().catch(() => {});
    },
  };
}

/** The change source for `db`'s dialect. */
export function createChangeSource(db: Db): ChangeSource {
  if (db.sqlite) return sqliteSource(db.sqlite);
  if (db.pool) return postgresSource(db.pool);
  throw new Error('The database has neither a SQLite handle nor a PostgreSQL pool.');
}
