/**
 * Waiting for SQLite's write lock without stopping the process. SQLite's own busy handler sleeps inside
 * the call (1, 2, 5, 10, 15, 20… ms), and better-sqlite3 calls are synchronous, so a worker that met
 * another worker's write froze its whole event loop: under 100 comment posts a second that was most of
 * the cached pages' p99. Here the connection's busy timeout is zero and a statement refused with
 * SQLITE_BUSY (it changed nothing) is tried again after yielding to the event loop, for up to
 * `maxWaitMs` in all, like the busy timeout it replaces.
 */
import {
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/** How long a statement waits for the write lock before failing with "database is locked". */
export const WRITE_LOCK_WAIT_MS = 5000;

// A lock holder commits in well under a millisecond: look again on the next turn of the event loop,
// then every millisecond.
const QUICK_RETRIES = 3;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_RECOVERY';
}

const nextTurn = (attempt: number) =>
  new Promise<void>((resolve) => (attempt < QUICK_RETRIES ? setImmediate(resolve) : setTimeout(resolve, 1)));

function patient(connection: DatabaseConnection, maxWaitMs: number): DatabaseConnection {
  return {
    async executeQuery(query) {
      let giveUpAt = 0;
      for (let attempt = 0; ; attempt++) {
        try {
          return await connection.executeQuery(query);
        } catch (error) {
          if (!isBusy(error)) throw error;
          const now = Date.now();
          if (attempt === 0) giveUpAt = now + maxWaitMs;
          else if (now >= giveUpAt) throw error;
          await nextTurn(attempt);
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

class PatientSqliteDriver extends SqliteDriver {
  readonly #maxWaitMs: number;
  #patient: { of: DatabaseConnection; is: DatabaseConnection } | null = null;

  constructor(config: SqliteDialectConfig, maxWaitMs: number) {
    super(config);
    this.#maxWaitMs = maxWaitMs;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    // SQLite has one connection per Kysely instance: wrap it once.
    const connection = await super.acquireConnection();
    if (this.#patient?.of !== connection)
      this.#patient = { of: connection, is: patient(connection, this.#maxWaitMs) };
    return this.#patient.is;
  }
}

/** Kysely's SQLite dialect, waiting for the write lock asynchronously (set `busy_timeout = 0` on the handle). */
export class PatientSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #maxWaitMs: number;

  constructor(config: SqliteDialectConfig, maxWaitMs = WRITE_LOCK_WAIT_MS) {
    super(config);
    this.#config = config;
    this.#maxWaitMs = maxWaitMs;
  }

  override createDriver(): Driver {
    return new PatientSqliteDriver(this.#config, this.#maxWaitMs);
  }
}
