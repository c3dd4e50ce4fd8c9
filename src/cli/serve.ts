/**
 * `broadsheet serve`: one process, or a primary that prepares the database
 * (migrations, demo) once and then forks N workers sharing the port (Node
 * cluster). Workers see each other's changes through the database's change
 * counter, so caches stay correct in every worker.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Config } from '../config/config.js';
import { CliError } from './cli-error.js';
import type { CommandIo } from './command.js';

function printDemo(io: CommandIo, demo: { email: string; password: string } | null): void {
  if (!demo) return;
  io.out('Demo site created. Sign in to the newsroom at /newsroom/sign-in with:');
  io.out(`  email:    ${demo.email}`);
  io.out(`  password: ${demo.password}`);
  io.out('This password is shown only once.');
}

/** Parses --workers: a whole number from 1 to 64, default the number of cores. */
export function parseWorkers(value: string | boolean | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new CliError(`--workers must be a whole number from 1 to 64, not "${value}".`);
  return n;
}

/** Serves in this process until SIGTERM/SIGINT, then closes gracefully. */
async function serveHere(config: Config, io: CommandIo, announce: boolean): Promise<void> {
  const { buildApp } = await import('../app.js');
  const { app, demo } = await buildApp(config, { databasePrepared: cluster.isWorker });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (announce) {
    io.out(
      `Broadsheet is serving at http://${config.host}:${port}/ (${config.databaseUrl ? 'PostgreSQL' : 'SQLite'})`,
    );
    printDemo(io, demo);
  }
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // The primary asks a worker to stop by disconnecting it.
  if (cluster.isWorker) cluster.worker?.on('disconnect', () => shutdown('disconnect'));
}

// The handshake between a worker that has loaded the code and the primary that has prepared the database.
const WORKER_WAITING = 'broadsheet:worker-waiting';
const DATABASE_READY = 'broadsheet:database-ready';

/** In a worker: resolves once the primary says the database is prepared. */
function databaseReady(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== DATABASE_READY) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    process.send?.(WORKER_WAITING);
  });
}

/**
 * The primary's part, done once before workers serve: migrations, articles missing from the search index,
 * and the demo for a brand-new site. It loads only the database layer unless there is indexing or a demo
 * to do, so it does not compete with the workers loading the whole app.
 */
async function prepareDatabase(config: Config): Promise<{ email: string; password: string } | null> {
  const [
    { migrateToLatest, openDatabase },
    { createArticleStore },
    { createUserStore },
    { createSearchStore },
    { hasNoContent },
  ] = await Promise.all([
    import('../db/database.js'),
    import('../articles/article-store.js'),
    import('../users/user-store.js'),
    import('../search/search-store.js'),
    import('../demo/brand-new.js'),
  ]);
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db);
    const seed =
      config.demo &&
      (await hasNoContent({ articles: createArticleStore(db.kysely), users: createUserStore(db.kysely) }));
    const unindexed = (await createSearchStore(db.kysely, db.dialect).articleIds(0, 1, true)).length > 0;
    if (!seed && !unindexed) return null;
    const [{ createContext }, { seedDemo }] = await Promise.all([
      import('../app.js'),
      import('../demo/seed-demo.js'),
    ]);
    // Creating the context indexes what is missing.
    const ctx = await createContext(config, { info() {}, warn() {}, error() {} }, db);
    return seed ? await seedDemo(ctx) : null;
  } finally {
    await db.close();
  }
}

/** Runs the server with `workers` processes. */
export async function serve(config: Config, workers: number, io: CommandIo): Promise<void> {
  if (cluster.isWorker) {
    // Load the app while the primary prepares the database; serve when both are done.
    await Promise.all([import('../app.js'), databaseReady()]);
    return serveHere(config, io, false);
  }
  if (workers === 1) return serveHere(config, io, true);

  // Workers load the code while the primary prepares the database (once, so workers never race on
  // migrations or the demo); each starts serving when both are done. This halves the time to the first page.
  let prepared = false;
  const waiting = new Set<Worker>();
  cluster.on('message', (worker, message) => {
    if (message !== WORKER_WAITING) return;
    if (prepared) worker.send(DATABASE_READY);
    else waiting.add(worker);
  });
  // The other workers start once the first is serving: on a machine with few cores, loading them all at
  // once would make the first page wait for all of them.
  let stopping = false;
  cluster.fork();
  cluster.once('listening', () => {
    if (!stopping) for (let i = 1; i < workers; i++) cluster.fork();
  });
  let demo: { email: string; password: string } | null;
  try {
    demo = await prepareDatabase(config);
  } catch (error) {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    throw error;
  }
  prepared = true;
  for (const worker of waiting) worker.send(DATABASE_READY);
  waiting.clear();

  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === workers) {
      io.out(
        `Broadsheet is serving at http://${config.host}:${address.port}/ (${config.databaseUrl ? 'PostgreSQL' : 'SQLite'}, ${workers} workers)`,
      );
      printDemo(io, demo);
    }
  });
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    io.err(`worker ${worker.process.pid} exited with ${code}; starting another`);
    cluster.fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.disconnect();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
