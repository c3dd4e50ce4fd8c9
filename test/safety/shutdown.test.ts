import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';

test('SIGTERM finishes requests in flight, exits 0 and leaves a clean database', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-shutdown-'));
  const server = spawn(process.execPath, ['bin/broadsheet.js', 'serve', '--port', '0', '--workers', '1'], {
    env: { ...process.env, BROADSHEET_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/serving at (http:\/\/[^/\s]+)\//);
      if (match) resolve(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

  const inFlight = Array.from({ length: 20 }, () => fetch(`${url}/`).then((r) => r.status));
  await new Promise((r) => setTimeout(r, 150));
  server.kill('SIGTERM');
  const statuses = await Promise.all(inFlight.map((p) => p.catch(() => 0)));
  assert.equal(await exited, 0);
  // Requests already accepted complete; any that arrived after close began are refused (503 or reset), never half-answered.
  assert.ok(
    statuses.every((s) => s === 200 || s === 503 || s === 0),
    `statuses: ${statuses}`,
  );
  assert.ok(statuses.filter((s) => s === 200).length > 0);
  const db = new SQLite(join(dataDir, 'broadsheet.db'));
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});
