/** A small newsroom for API tests: published, draft, scheduled and trashed articles, a page, comments of every status. */
import { createApiTokenService } from '../../src/api/api-token-service.js';
import { createApiTokenStore } from '../../src/api/api-token-store.js';
import type { AppContext } from '../../src/app.js';

/** Ids and secrets of what `seedNewsroom` wrote, for assertions. */
export interface Newsroom {
  editorId: number;
  authorIds: { ada: number; ben: number; ghost: number };
  categoryIds: { news: number; local: number; sport: number };
  tagIds: { council: number; harbour: number; internal: number };
  published: { id: number; slug: string }[];
  draft: { id: number; slug: string };
  scheduled: { id: number; slug: string };
  trashed: { id: number; slug: string };
  page: { id: number; slug: string };
  /** Words that appear only in private things (draft headline, pending comment, emails). */
  secrets: string[];
  approvedCommentIds: number[];
  pendingCommentId: number;
}

/** Writes the test newsroom through the real services and stores. */
export async function seedNewsroom(ctx: AppContext): Promise<Newsroom> {
  const { stores, services } = ctx;
  const { user: editor } = await services.users.addUser({
    email: 'editor.secret@example.com',
    name: 'Edith Editor',
    role: 'editor',
    password: 'correct horse battery',
  });
  const ada = await stores.users.insertAuthor({
    name: 'Ada Reporter',
    slug: 'ada-reporter',
    bio: 'Covers the council.',
  });
  const ben = await stores.users.insertAuthor({ name: 'Ben Writer', slug: 'ben-writer' });
  // An author whose only work is a draft: never listed publicly.
  const ghost = await stores.users.insertAuthor({ name: 'Unpublished Uma', slug: 'unpublished-uma' });
  const news = await stores.taxonomy.insertCategory({ name: 'News', slug: 'news' });
  const local = await stores.taxonomy.insertCategory({ name: 'Local', slug: 'local', parentId: news.id });
  const sport = await stores.taxonomy.insertCategory({ name: 'Sport', slug: 'sport' });
  const council = await stores.taxonomy.insertTag({ name: 'Council', slug: 'council' });
  const harbour = await stores.taxonomy.insertTag({ name: 'Harbour', slug: 'harbour' });
  const internal = await stores.taxonomy.insertTag({
    name: '#import',
    slug: 'hash-import',
    isInternal: true,
  });

  const actor = { userId: editor.id };
  const hour = 3600_000;
  const base = Date.now() - 100 * hour;
  const published: { id: number; slug: string }[] = [];
  const specs = [
    {
      headline: 'Council approves harbour budget',
      cat: local.id,
      tags: [council.id, harbour.id, internal.id],
      authors: [ada.id],
    },
    { headline: 'Harbour wall repairs begin', cat: local.id, tags: [harbour.id], authors: [ada.id, ben.id] },
    { headline: 'Rovers win the derby', cat: sport.id, tags: [], authors: [ben.id] },
    { headline: 'Council meeting moved to Thursday', cat: news.id, tags: [council.id], authors: [ada.id] },
    { headline: 'Ferry timetable changes', cat: news.id, tags: [harbour.id], authors: [ben.id] },
  ];
  for (const [i, spec] of specs.entries()) {
    const at = new Date(base + i * hour).toISOString();
    const article = await services.articles.createArticle(
      {
        headline: spec.headline,
        dek: `Dek of ${spec.headline}`,
        bodySource: `First paragraph of **${spec.headline}**.\n\nSecond paragraph.`,
        categoryId: spec.cat,
        tagIds: spec.tags,
        authorIds: spec.authors,
        ownerId: editor.id,
      },
      actor,
      { status: 'published', publishedAt: at, createdAt: at, updatedAt: at },
    );
    published.push({ id: article.id, slug: article.slug });
  }
  const draft = await services.articles.createArticle(
    {
      headline: 'Secretdraft mayor resigns',
      tagIds: [council.id],
      authorIds: [ghost.id, ada.id],
      categoryId: news.id,
    },
    actor,
  );
  const scheduled = await services.articles.createArticle(
    { headline: 'Secretscheduled budget leak', tagIds: [harbour.id], authorIds: [ada.id] },
    actor,
  );
  await services.articles.scheduleArticle(scheduled.id, new Date(Date.now() + 48 * hour), actor);
  const trashed = await services.articles.createArticle(
    { headline: 'Secrettrashed retraction', authorIds: [ben.id] },
    actor,
    { status: 'published', publishedAt: new Date(base).toISOString() },
  );
  await services.articles.trashArticle(trashed.id, actor);
  const page = await services.articles.createArticle(
    { kind: 'page', headline: 'About us', slug: 'about', bodySource: 'We report on Merrowby.' },
    actor,
    { status: 'published', publishedAt: new Date(base).toISOString() },
  );

  const first = published[0]!;
  const comment = (
    status: string,
    name: string,
    body: string,
    articleId = first.id,
    parentId: number | null = null,
  ) =>
    stores.comments.insert({
      article_id: articleId,
      parent_id: parentId,
      status,
      author_name: name,
      author_email: `${name.toLowerCase().replace(/\s+/g, '.')}.secret@example.com`,
      author_ip: '203.0.113.9',
      body,
      body_html: `<p>${body}</p>`,
      created_at: new Date(base + 10 * hour).toISOString(),
    });
  const c1 = await comment('approved', 'Reader One', 'Good news for the harbour.');
  const c2 = await comment('approved', 'Reader Two', 'I agree.', first.id, c1.id);
  const pending = await comment('pending', 'Pending Pat', 'Secretpending comment text.');
  await comment('spam', 'Spammer', 'Secretspam buy now.');
  await comment('approved', 'Draft Reader', 'Secretcommentondraft.', draft.id);
  return {
    editorId: editor.id,
    authorIds: { ada: ada.id, ben: ben.id, ghost: ghost.id },
    categoryIds: { news: news.id, local: local.id, sport: sport.id },
    tagIds: { council: council.id, harbour: harbour.id, internal: internal.id },
    published,
    draft: { id: draft.id, slug: draft.slug },
    scheduled: { id: scheduled.id, slug: scheduled.slug },
    trashed: { id: trashed.id, slug: trashed.slug },
    page: { id: page.id, slug: page.slug },
    secrets: [
      'secret@example.com',
      'Secretdraft',
      'secretdraft',
      'Secretscheduled',
      'Secrettrashed',
      'Secretpending',
      'Secretspam',
      'Secretcommentondraft',
      'Unpublished Uma',
      '#import',
      '203.0.113.9',
    ],
    approvedCommentIds: [c1.id, c2.id],
    pendingCommentId: pending.id,
  };
}

/** Creates an API token directly (as the newsroom or the CLI would) and returns its key. */
export async function makeToken(
  ctx: AppContext,
  scope: 'content' | 'admin',
  role?: 'admin' | 'editor' | 'author' | 'contributor',
  userId?: number,
): Promise<{ key: string; id: number }> {
  const service = createApiTokenService(createApiTokenStore(ctx.db.kysely));
  const { token, key } = await service.createToken({
    name: `${scope} ${role ?? ''}`.trim(),
    scope,
    role,
    userId,
  });
  return { key, id: token.id };
}

/** Authorization header for a key. */
export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}
