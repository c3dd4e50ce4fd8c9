import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const cwd = mkdtempSync(join(tmpdir(), 'broadsheet-config-'));

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, cwd);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${error}`);
    return error;
  }
  assert.fail('expected a configuration error');
}

describe('configuration', () => {
  test('defaults serve SQLite in ./data on 127.0.0.1:3000 with the demo on', () => {
    const config = loadConfig({}, cwd);
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, join(cwd, 'data'));
    assert.equal(config.databaseUrl, null);
    assert.equal(config.demo, true);
    assert.equal(config.pageCache, true);
  });

  test('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        BROADSHEET_DATA_DIR: '/srv/news',
        DATABASE_URL: 'postgres://u:p@db/news',
        SITE_URL: 'https://news.example/',
        BROADSHEET_DEMO: '0',
        BROADSHEET_PAGE_CACHE: '0',
      },
      cwd,
    );
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.dataDir, '/srv/news');
    assert.equal(config.databaseUrl, 'postgres://u:p@db/news');
    assert.equal(config.siteUrl, 'https://news.example');
    assert.equal(config.demo, false);
    assert.equal(config.pageCache, false);
  });

  test('each invalid value names its variable in one sentence', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
      [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
      [{ SITE_URL: 'ftp://example.org' }, 'SITE_URL'],
      [{ BROADSHEET_DEMO: 'maybe' }, 'BROADSHEET_DEMO'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ BROADSHEET_SECRET: 'short' }, 'BROADSHEET_SECRET'],
      [{ BROADSHEET_CONFIG: join(cwd, 'missing.json') }, 'BROADSHEET_CONFIG'],
    ];
    for (const [env, variable] of cases) {
      const error = configError(env);
      assert.equal(error.variable, variable);
      assert.match(error.message, new RegExp(`^${variable} `));
      assert.equal(error.message.split('. ').length, 1, `one sentence: ${error.message}`);
    }
  });

  test('a config file supplies values the environment overrides', () => {
    const file = join(cwd, 'custom.json');
    writeFileSync(file, JSON.stringify({ PORT: 4000, HOST: '127.0.0.2' }));
    const config = loadConfig({ BROADSHEET_CONFIG: file, HOST: '127.0.0.3' }, cwd);
    assert.equal(config.port, 4000);
    assert.equal(config.host, '127.0.0.3');
    writeFileSync(file, '{not json');
    assert.equal(configError({ BROADSHEET_CONFIG: file }).variable, 'BROADSHEET_CONFIG');
  });
});
