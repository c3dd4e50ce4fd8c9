/** The real application on a real database, for HTTP tests (inject) and browser tests (listen). */
import type { FastifyInstance } from 'fastify';
import { type AppContext, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config/config.js';
import type { Dialect } from '../../src/db/database.js';
import { createTestDb, type TestDb } from './databases.js';

/** A running test app and what it stands on. */
export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  db: TestDb;
  config: Config;
  demo: { email: string; password: string } | null;
  close(): Promise<void>;
}

/** Builds the app on a fresh database; `demo: true` seeds the demo site. */
export async function buildTestApp(
  options: { dialect?: Dialect; demo?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const db = await createTestDb(options.dialect ?? 'sqlite');
  const config = loadConfig({
    BROADSHEET_DATA_DIR: db.location.dataDir,
    BROADSHEET_DEMO: options.demo ? '1' : '0',
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...(db.location.databaseUrl ? { DATABASE_URL: db.location.databaseUrl } : {}),
    ...options.env,
  });
  const { app, ctx, demo } = await buildApp(config, { db, startJobs: false, logger: false });
  await app.ready();
  return {
    app,
    ctx,
    db,
    config,
    demo,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
