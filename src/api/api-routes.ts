/** Routes of this domain; registered by buildApp. (Filled in by the feature that owns it.) */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.js';

/** Registers the routes. */
export async function registerApiRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
