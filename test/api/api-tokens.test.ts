import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hashKey, looksLikeKey, roleAllows, validateNewToken } from '../../src/api/api-token.js';
import { type ApiTokenService, createApiTokenService } from '../../src/api/api-token-service.js';
import { createApiTokenStore } from '../../src/api/api-token-store.js';
import type { CommandIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { openDatabase } from '../../src/db/database.js';
import type { Invalid } from '../../src/errors.js';
import { createTestDb, DIALECTS, type TestDb } from '../support/databases.js';

describe('API token rules', () => {
  test('keys look like bsk_ and 40 hex characters, and satisfy the Ghost client', () => {
    assert.ok(looksLikeKey(`bsk_${'a'.repeat(40)}`));
    assert.ok(!looksLikeKey('bsk_short'));
    // @tryghost/content-api refuses keys without 26 hex characters.
    assert.match(`bsk_${'0f'.repeat(20)}`, /[0-9a-f]{26}/);
    assert.equal(hashKey('x').length, 64);
  });

  test('roles map to access as the newsroom does', () => {
    assert.ok(roleAllows('contributor', 'write'));
    assert.ok(!roleAllows('contributor', 'publish'));
    assert.ok(roleAllows('author', 'publish'));
    assert.ok(!roleAllows('author', 'moderate'));
    assert.ok(roleAllows('editor', 'edit-taxonomy'));
    assert.ok(!roleAllows('editor', 'administer'));
    assert.ok(roleAllows('admin', 'administer'));
  });

  test('new tokens need a name and a known scope; only admin tokens have a role', () => {
    assert.deepEqual(validateNewToken({ name: 'App', scope: 'content' }), {});
    assert.ok(validateNewToken({ name: ' ', scope: 'content' }).name);
    assert.ok(validateNewToken({ name: 'x', scope: 'everything' }).scope);
    assert.ok(validateNewToken({ name: 'x', scope: 'content', role: 'editor' }).role);
    assert.ok(validateNewToken({ name: 'x', scope: 'admin', role: 'owner' }).role);
  });
});

for (const dialect of DIALECTS) {
  describe(`API token store and service on ${dialect}`, () => {
    let db: TestDb;
    let service: ApiTokenService;
    before(async () => {
      db = await createTestDb(dialect);
      service = createApiTokenService(createApiTokenStore(db.kysely));
    });
    after(() => db.close());

    test('a created key authenticates; only its hash is stored; revoking ends it at once', async () => {
      const { token, key } = await service.createToken({ name: 'Front end', scope: 'content' });
      assert.equal(token.role, null);
      assert.equal(token.keyHint, `…${key.slice(-6)}`);
      const rows = await db.kysely.selectFrom('api_tokens').selectAll().execute();
      assert.ok(rows.every((r) => !JSON.stringify(r).includes(key)));
      assert.equal((await service.authenticate(key))?.id, token.id);
      assert.ok(
        (await db.kysely.selectFrom('api_tokens').select('last_used_at').executeTakeFirstOrThrow())
          .last_used_at,
      );
      assert.equal(await service.authenticate(`${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`), null);
      await service.revokeToken(token.id);
      assert.equal(await service.authenticate(key), null);
    });

    test('admin tokens default to the editor role; bad input is refused with the field', async () => {
      const { token } = await service.createToken({ name: 'Automation', scope: 'admin' });
      assert.equal(token.role, 'editor');
      await assert.rejects(
        service.createToken({ name: '', scope: 'admin' }),
        (e: Invalid) => 'name' in e.fields,
      );
    });

    test('a token of a deactivated account stops working', async () => {
      const user = await db.kysely
        .insertInto('users')
        .values({
          email: 'gone@example.com',
          display_name: 'Gone',
          role: 'editor',
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { key } = await service.createToken({ name: 'Theirs', scope: 'admin', userId: user.id });
      assert.ok(await service.authenticate(key));
      await db.kysely.updateTable('users').set({ deactivated_at: new Date().toISOString() }).execute();
      assert.equal(await service.authenticate(key), null);
    });
  });
}

describe('broadsheet token add', () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-token-'));
    const value: CommandIo = {
      env: { BROADSHEET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      cwd: dataDir,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      isTty: false,
    };
    return { io: value, out, err };
  }

  test('prints the key once; the key then works; bad scope and missing flags fail with a message', async () => {
    const t = io();
    assert.equal(
      await runCli(['token', 'add', '--name', 'Newsletter', '--scope', 'admin', '--role', 'author'], t.io),
      0,
    );
    const text = t.out.join('\n');
    assert.match(text, /Created admin token "Newsletter" acting as author/);
    const key = /Key \(shown once; store it now\): (bsk_[0-9a-f]{40})/.exec(text)?.[1];
    assert.ok(key);
    const db = openDatabase({ dataDir: t.io.env.BROADSHEET_DATA_DIR });
    try {
      const token = await createApiTokenService(createApiTokenStore(db.kysely)).authenticate(key);
      assert.equal(token?.role, 'author');
    } finally {
      await db.close();
    }

    const bad = io();
    bad.io.env = t.io.env;
    assert.equal(await runCli(['token', 'add', '--name', 'X', '--scope', 'root'], bad.io), 1);
    assert.match(bad.err.join('\n'), /Unknown scope "root"/);
    const missing = io();
    assert.equal(await runCli(['token', 'add', '--scope', 'content'], missing.io), 1);
    assert.match(missing.err.join('\n'), /Missing --name/);
    const help = io();
    assert.equal(await runCli(['token', 'add', '--help'], help.io), 0);
    assert.match(help.out.join('\n'), /--scope content\|admin/);
  });
});
