/** Every migration, in order. Listed statically so no file-system scan is needed at start. */
import type { Migration } from 'kysely';
import * as m0001 from './0001-create-core-tables.js';
import * as m0002 from './0002-create-search-index.js';
import * as m0003 from './0003-add-comment-moderation.js';
import * as m0004 from './0004-add-newsroom-tables.js';
import * as m0005 from './0005-add-api-tokens-and-webhooks.js';
import * as m0006 from './0006-index-media-source-url.js';
import * as m0007 from './0007-index-comments-with-ip.js';
import * as m0008 from './0008-index-published-articles.js';
import * as m0009 from './0009-index-translation-versions.js';

export const migrations: Record<string, Migration> = {
  '0001-create-core-tables': m0001,
  '0002-create-search-index': m0002,
  '0003-add-comment-moderation': m0003,
  '0004-add-newsroom-tables': m0004,
  '0005-add-api-tokens-and-webhooks': m0005,
  '0006-index-media-source-url': m0006,
  '0007-index-comments-with-ip': m0007,
  '0008-index-published-articles': m0008,
  '0009-index-translation-versions': m0009,
};
