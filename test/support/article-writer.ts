/**
 * A separate process that keeps creating articles (each one transaction:
 * article, byline, revision, event) until killed or `--seconds` pass.
 * Prints each acknowledged id on its own line, after commit.
 */
import { createContext } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';

const seconds = Number(process.argv[2] ?? '3');
const ctx = await createContext(loadConfig(), { info() {}, warn() {}, error() {} });
const until = Date.now() + seconds * 1000;
let n = 0;
while (Date.now() < until) {
  n += 1;
  const article = await ctx.services.articles.createArticle(
    { headline: `Load story ${process.pid}-${n}`, bodySource: `Paragraph one of ${n}.\n\nParagraph two.` },
    { userId: null },
    { status: 'published' },
  );
  process.stdout.write(`${article.id}\n`);
}
await ctx.db.close();
