/** Serves stored media files from `${dataDir}/media` under /media/, refusing any path we could not have written. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { NotFound } from '../errors.js';
import { isSafeMediaPath } from './media.js';

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** Registers GET /media/*. */
export function registerMediaFileRoutes(app: FastifyInstance, mediaDir: string): void {
  const root = resolve(mediaDir);
  app.get<{ Params: { '*': string } }>(
    '/media/*',
    { config: { permission: 'public' } },
    async (request, reply) => {
      const path = request.params['*'];
      if (!isSafeMediaPath(path)) throw new NotFound();
      const full = resolve(root, path);
      // Belt and braces: the pattern already excludes "..", but the resolved path must stay inside the root.
      if (!full.startsWith(root + sep)) throw new NotFound();
      const info = await stat(full).catch(() => null);
      if (!info?.isFile()) throw new NotFound();
      const extension = path.slice(path.lastIndexOf('.') + 1);
      return (
        reply
          .type(CONTENT_TYPES[extension] ?? 'application/octet-stream')
          .header('content-length', String(info.size))
          // Stored names carry a random part and never change content, so they cache forever.
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(createReadStream(full))
      );
    },
  );
}
