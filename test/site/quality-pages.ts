/** The pages every quality bar (Nu HTML Checker, axe) is measured on, with a rich article to exercise every block. */
import type { TestApp } from '../support/test-app.js';
import { addArticle } from './site-fixtures.js';

/** A page to check: a name for messages and its path. */
export interface QualityPage {
  name: string;
  path: string;
  status: number;
}

/**
 * Adds an article with everything an article page can show (featured image,
 * "See also", correction, translation, threaded approved comments) and lists
 * the pages to check. Search is included once its route exists.
 */
export async function qualityPages(t: TestApp): Promise<QualityPage[]> {
  const { stores, services } = t.ctx;
  const [author] = await stores.users.listAuthors();
  const tags = (await stores.taxonomy.listTags()).filter((x) => !x.isInternal).slice(0, 3);
  const category = await stores.taxonomy.findCategoryBySlug('transport');
  const group = services.articles.newTranslationGroup();
  const article = await addArticle(
    t,
    {
      headline: 'Ferry service to run every 20 minutes from Monday',
      slug: 'quality-ferry-timetable',
      dek: 'Ansel Ferries adds a second boat as the bridge repairs continue.',
      bodyFormat: 'html',
      bodySource:
        '<p>The shuttle ferry will run every 20 minutes from Monday, Ansel Ferries said.</p>' +
        '<p>A second boat joins the service after passenger numbers doubled in a month.</p>' +
        '<p class="see-also">See also <a href="/buses-return-to-ansel-bridge/">Buses to return to Ansel Bridge as new girders pass load tests</a></p>' +
        '<h2>What changes</h2><ul><li>Earlier first sailing</li><li>Later last sailing</li></ul>' +
        '<blockquote><p>“We want the ferry to be the easy choice,” said the operator.</p></blockquote>' +
        '<p>The council will review the service in the spring.</p>',
      authorIds: author ? [author.id] : [],
      tagIds: tags.map((x) => x.id),
      categoryId: category?.id ?? null,
      translationGroup: group,
      featuredImage: {
        url: '/assets/icon.svg',
        alt: 'The ferry leaving the Custom House steps',
        caption: 'The ferry at dawn.',
        credit: 'Photo: Courier staff',
        mediaId: null,
      },
    },
    { hoursAgo: 2 },
  );
  await addArticle(
    t,
    {
      headline: 'Le ferry passe à un départ toutes les 20 minutes',
      slug: 'quality-ferry-horaires',
      language: 'fr',
      translationGroup: group,
      categoryId: category?.id ?? null,
    },
    { hoursAgo: 1 },
  );
  await services.articles.addCorrection(
    article.id,
    'An earlier version of this article gave the wrong first sailing time.',
    { userId: null },
  );
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const parent = await stores.comments.insert({
    article_id: article.id,
    parent_id: null,
    status: 'approved',
    author_name: 'Chloe Bright',
    author_email: 'chloe.bright@example.com',
    body: 'Good news for Eastquay.',
    body_html: '<p>Good news for Eastquay.</p>',
    created_at: at(30),
  });
  await stores.comments.insert({
    article_id: article.id,
    parent_id: parent.id,
    status: 'approved',
    author_name: 'Danny Keast',
    author_email: 'danny.keast@example.org',
    author_url: 'https://danny.example.org/',
    body: 'Agreed, keep it after the repairs.',
    body_html: '<p>Agreed, keep it after the repairs.</p>',
    created_at: at(20),
  });
  const pages: QualityPage[] = [
    { name: 'front page', path: '/', status: 200 },
    { name: 'article page', path: `/${article.slug}/`, status: 200 },
    { name: 'archive', path: '/category/news/', status: 200 },
    { name: 'archive page 2', path: '/page/2/', status: 200 },
    { name: 'static page', path: '/about/', status: 200 },
    { name: '404', path: '/no-such-story/', status: 404 },
  ];
  if ((await t.app.inject('/search/?q=bridge')).statusCode === 200) {
    pages.push({ name: 'search', path: '/search/?q=bridge', status: 200 });
  }
  return pages;
}
