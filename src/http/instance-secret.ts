/** The secret that signs cookies and form tokens: from configuration, or generated once and kept in the database so every process shares it. */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

const KEY = 'instance_secret';

/** Returns the configured secret, or the stored one, creating it on first use. */
export async function loadInstanceSecret(db: Kysely<Database>, configured: string | null): Promise<string> {
  if (configured) return configured;
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (row) return JSON.parse(row.value) as string;
  const secret = randomBytes(32).toString('base64url');
  await db
    .insertInto('settings')
    .values({ key: KEY, value: JSON.stringify(secret) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirstOrThrow();
  return JSON.parse(stored.value) as string;
}
