// The comment states the reader-site quality bars do not reach: the no-JS reply form, a held comment and a
// staff reply as their poster sees them, a rejected form with messages, and the unsubscribe page. Each must
// pass the Nu HTML Checker and axe (WCAG 2.1 A/AA, light and dark).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { unsubscribeUrl } from '../../src/comments/comment-notifications.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { buildWorld, cookieFrom, formFields, postForm, useSettings } from './comment-fixtures.js';

const VNU = resolve(import.meta.dirname, '../../node_modules/vnu-jar/build/dist/vnu.jar');
const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface State {
  name: string;
  /** How a browser gets there. */
  visit(page: Page): Promise<void>;
  /** The HTML as served. */
  html: string;
}

describe('comment pages pass the Nu HTML Checker and axe', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  const states: State[] = [];
  let heldCookie = '';

  before(async () => {
    t = await buildTestApp();
    const world = await buildWorld(t.ctx);
    await useSettings(t.ctx, { commentPolicy: 'approve-all', commentMinSecondsToSubmit: 0 });
    const first = await postForm(
      t.app,
      formFields(t.ctx, world.article, { comment: 'First, with a [link](https://example.org).' }),
    );
    const firstId = Number(/comment-(\d+)/.exec(String(first.headers.location))![1]);
    await t.ctx.services.comments.replyAsStaff(world.editor, firstId, 'A staff reply with `code`.');
    await useSettings(t.ctx, { commentPolicy: 'hold-all' });
    const held = await postForm(
      t.app,
      formFields(t.ctx, world.article, {
        comment: '> quoted\n\nHeld *reply*.',
        comment_parent: String(firstId),
      }),
    );
    heldCookie = cookieFrom(held, 'bs_held')!;
    const rejected = await postForm(
      t.app,
      formFields(t.ctx, world.article, { email: 'bad', author: '', comment: 'Kept text.' }),
    );
    assert.equal(rejected.statusCode, 422);
    const unsubscribe = new URL(unsubscribeUrl('http://x', t.ctx.secret, firstId));
    const path = `/${world.article.slug}/`;

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const get = async (url: string, cookie?: string) =>
      (await t.app.inject({ url, headers: cookie ? { cookie } : {} })).body;

    states.push(
      {
        name: 'no-JS reply form',
        html: await get(`${path}?replytocom=${firstId}`),
        visit: async (page) => {
          await page.goto(`${origin}${path}?replytocom=${firstId}`);
        },
      },
      {
        name: 'held comment and staff reply as the poster sees them',
        html: await get(path, heldCookie),
        visit: async (page) => {
          await page.goto(`${origin}${path}`);
        },
      },
      {
        name: 'rejected form',
        html: rejected.body,
        visit: async (page) => {
          await page.goto(`${origin}${path}`);
          await page.fill('#comment', 'Kept text.');
          await page.fill('#author', ' ');
          await page.fill('#email', 'x@localhost');
          await page.click('#submit');
          await page.waitForSelector('#comment-form-error');
        },
      },
      {
        name: 'unsubscribe page',
        html: await get(`${unsubscribe.pathname}${unsubscribe.search}`),
        visit: async (page) => {
          await page.goto(`${origin}${unsubscribe.pathname}${unsubscribe.search}`);
        },
      },
    );
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await t.close();
  });

  test('Nu HTML Checker: no errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broadsheet-comments-vnu-'));
    try {
      const files = states.map((state, i) => {
        const file = join(dir, `${i}.html`);
        writeFileSync(file, state.html);
        return file;
      });
      const run = spawnSync('java', ['-jar', VNU, '--format', 'json', '--stdout', ...files], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      assert.ok(run.stdout, `vnu did not run: ${run.stderr || run.error}`);
      const messages = (
        JSON.parse(run.stdout) as {
          messages: { type: string; url?: string; message: string; extract?: string }[];
        }
      ).messages;
      const errors = messages
        .filter((m) => m.type === 'error' || m.type === 'non-document-error')
        .map(
          (m) =>
            `${states[files.findIndex((f) => m.url?.endsWith(f))]?.name}: ${m.message} (${m.extract ?? ''})`,
        );
      assert.deepEqual(errors, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe, ${scheme}: no WCAG 2.1 A/AA violations`, async () => {
      // axe is injected as an inline script, which the site's CSP (rightly) forbids.
      const context: BrowserContext = await browser.newContext({ bypassCSP: true });
      const [name, value] = heldCookie.split('=');
      await context.addCookies([{ name: name!, value: value!, url: origin }]);
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      const problems: string[] = [];
      for (const state of states) {
        await state.visit(page);
        await page.addScriptTag({ path: AXE });
        const violations = (await page.evaluate(
          (tags) =>
            (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: unknown[] }> } }).axe
              .run({ runOnly: { type: 'tag', values: tags } })
              .then((r) => r.violations),
          WCAG_21_AA,
        )) as { id: string; help: string; nodes: { target: string[] }[] }[];
        for (const v of violations) {
          for (const node of v.nodes)
            problems.push(`${state.name} [${v.id}] ${v.help}: ${node.target.join(' ')}`);
        }
      }
      await context.close();
      assert.deepEqual(problems, []);
    });
  }
});
