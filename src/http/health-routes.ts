/** Liveness and readiness probes for process managers and load balancers. */
import type { FastifyInstance } from 'fastify';
import { type Db, isSchemaCurrent, ping } from '../db/database.js';

/** GET /healthz (process up) and GET /readyz (database reachable, migrations current). */
export function registerHealthRoutes(app: FastifyInstance, db: Db): void {
  app.get('/healthz', { config: { permission: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { permission: 'public' } }, async (_request, reply) => {
    try {
      await ping(db);
      const current = await isSchemaCurrent(db);
      if (!current)
        return reply.code(503).send({ status: 'unavailable', database: 'ok', migrations: 'pending' });
      return { status: 'ok', database: 'ok', migrations: 'current', dialect: db.dialect };
    } catch (error) {
      return reply
        .code(503)
        .send({ status: 'unavailable', database: 'unreachable', error: (error as Error).message });
    }
  });
}
