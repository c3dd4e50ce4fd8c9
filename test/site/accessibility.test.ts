import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { buildTestApp, type TestApp } from '../support/test-app.js';
import { type QualityPage, qualityPages } from './quality-pages.js';

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; failureSummary: string }[];
}

describe('axe finds no WCAG 2.1 A/AA violations in light and dark', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let pages: QualityPage[];
  before(async () => {
    t = await buildTestApp({ demo: true });
    pages = await qualityPages(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
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

  for (const scheme of ['light', 'dark'] as const) {
    test(`${scheme}: front page, article, archives, static page, search and 404`, async () => {
      // axe is injected as an inline script, which the site's CSP (rightly) forbids.
      const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      const problems: string[] = [];
      for (const target of pages) {
        const response = await page.goto(origin + target.path);
        assert.equal(response?.status(), target.status, target.path);
        await page.addScriptTag({ path: AXE });
        const violations = (await page.evaluate(
          (tags) =>
            (
              globalThis as unknown as {
                axe: { run(opts: unknown): Promise<{ violations: unknown[] }> };
              }
            ).axe
              .run({ runOnly: { type: 'tag', values: tags } })
              .then((r) => r.violations),
          WCAG_21_AA,
        )) as AxeViolation[];
        for (const v of violations) {
          for (const node of v.nodes) {
            problems.push(
              `${target.name} [${v.id}] ${v.help}: ${node.target.join(' ')} — ${node.failureSummary}`,
            );
          }
        }
      }
      await context.close();
      assert.deepEqual(problems, []);
    });
  }
});
