import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { detectFormat } from '../../src/imports/detect-format.js';

const start = (name: string, bytes = 4096) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').slice(0, bytes);

test('recognises WXR files of every version by their namespace', () => {
  assert.equal(detectFormat(start('wxr-1.2-full.xml')), 'wxr');
  assert.equal(detectFormat(start('wxr-1.0-minimal.xml')), 'wxr');
  assert.equal(detectFormat(`\uFEFF  ${start('wxr-1.2-full.xml', 600)}`), 'wxr');
});

test('does not take a plain RSS feed or other XML for WXR', () => {
  assert.equal(detectFormat('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'), null);
  assert.equal(detectFormat('<!DOCTYPE html><html>'), null);
});

test('recognises Ghost exports with and without the db wrapper', () => {
  assert.equal(detectFormat(start('ghost-1.x.json')), 'ghost');
  assert.equal(detectFormat(start('ghost-5.x.json')), 'ghost');
  assert.equal(detectFormat('{"data":{"posts":[]},"meta":{"version":"5.0.0"}}'), 'ghost');
  assert.equal(detectFormat('{"meta":{"exported_on":1717200000000,"vers'), 'ghost');
});

test('recognises our own export by its top-level broadsheet key, even cut short', () => {
  assert.equal(
    detectFormat('{\n  "broadsheet": {"version": 1, "articles": [{"headline": "A'),
    'broadsheet-json',
  );
  assert.equal(detectFormat('{"other": {"broadsheet": {}}}'), null);
});

test('returns null for anything else', () => {
  assert.equal(detectFormat(''), null);
  assert.equal(detectFormat('headline,slug\nA,a'), null);
  assert.equal(detectFormat('{"posts": []}'), null);
  assert.equal(detectFormat('[1, 2, 3]'), null);
});
