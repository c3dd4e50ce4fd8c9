/**
 * Answers WordPress's front-page query links (`/?p=123`, `/?page_id=7`, `/?attachment_id=9`) with the 301
 * an import recorded for them. They reach the front page route, not the not-found handler that serves
 * the other redirects, so a request hook looks them up first.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { legacyQueryPath } from './import-plan.js';
import { createImportStore } from './import-store.js';

const FRONT_PATHS = new Set(['/', '/index.php']);

/** Registers the hook that redirects imported `?p=` style links. */
export function registerLegacyRedirects(app: FastifyInstance, db: Kysely<Database>): void {
  const store = createImportStore(db);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const mark = request.url.indexOf('?');
    if (mark < 0 || !FRONT_PATHS.has(request.url.slice(0, mark))) return;
    const from = legacyQueryPath(Object.fromEntries(new URLSearchParams(request.url.slice(mark + 1))));
    if (!from) return;
    const redirect = await store.findRedirect(from);
    if (redirect) return reply.redirect(redirect.toPath, redirect.statusCode as 301);
  });
}
