/**
 * Fills a brand-new database with the demo newspaper and an admin account.
 * Runs only when the database holds no articles and no users, so it never
 * touches a site with content (or one being imported into).
 */
import type { AppContext } from '../app.js';
import { renderCommentMarkdown } from '../text/markdown.js';
import { slugify } from '../text/slug.js';
import { hasNoContent } from './brand-new.js';
import {
  type DemoComment,
  demoArticles,
  demoAuthors,
  demoCategories,
  demoPages,
  demoSite,
} from './demo-content.js';

const ADMIN_EMAIL = 'admin@example.com';

/** True when the site has no content and no accounts yet. */
export function isBrandNew(ctx: Pick<AppContext, 'stores'>): Promise<boolean> {
  return hasNoContent(ctx.stores);
}

/** Seeds the demo when the database is new; returns the admin credentials to print once, or null. */
export async function seedDemoIfNew(ctx: AppContext): Promise<{ email: string; password: string } | null> {
  if (!(await isBrandNew(ctx))) return null;
  return seedDemo(ctx);
}

/** Writes the demo site. `now` anchors the demo's "hours ago". */
export async function seedDemo(
  ctx: AppContext,
  now: Date = new Date(),
): Promise<{ email: string; password: string }> {
  const { stores, services } = ctx;
  await stores.settings.save({
    title: demoSite.title,
    tagline: demoSite.tagline,
    language: demoSite.language,
    timezone: demoSite.timezone,
  });
  ctx.invalidateSettings();

  const { user: admin, password } = await services.users.addUser({
    email: ADMIN_EMAIL,
    name: 'Site Admin',
    role: 'admin',
  });

  const authorIds = new Map<string, number>();
  for (const author of demoAuthors) {
    authorIds.set(author.slug, (await stores.users.insertAuthor(author)).id);
  }
  const categoryIds = new Map<string, number>();
  // Parents first, so children can point at them.
  const ordered = [...demoCategories].sort((a, b) => Number(Boolean(a.parent)) - Number(Boolean(b.parent)));
  for (const category of ordered) {
    const parentId = category.parent ? (categoryIds.get(category.parent) ?? null) : null;
    categoryIds.set(category.slug, (await stores.taxonomy.insertCategory({ ...category, parentId })).id);
  }
  const tagIds = new Map<string, number>();
  async function tagId(name: string): Promise<number> {
    let id = tagIds.get(name);
    if (id === undefined) {
      id = (await stores.taxonomy.insertTag({ name, slug: slugify(name) })).id;
      tagIds.set(name, id);
    }
    return id;
  }

  const groups = new Map<string, string>();
  // Originals before translations, so a translation finds its group.
  const articles = [...demoArticles].sort(
    (a, b) => Number(Boolean(a.translationOf)) - Number(Boolean(b.translationOf)),
  );
  for (const demo of articles) {
    let group: string | null = null;
    if (demo.translationOf) {
      group = groups.get(demo.translationOf) ?? services.articles.newTranslationGroup();
      groups.set(demo.translationOf, group);
      const original = await stores.articles.findBySlug(demo.translationOf);
      if (original && !original.translationGroup) {
        await stores.articles.update(original.id, { translation_group: group });
      }
    }
    const publishedAt = new Date(now.getTime() - demo.hoursAgo * 3600_000).toISOString();
    const article = await services.articles.createArticle(
      {
        headline: demo.headline,
        slug: demo.slug,
        dek: demo.dek,
        bodySource: demo.body,
        language: demo.language ?? demoSite.language,
        translationGroup: group,
        categoryId: categoryIds.get(demo.category) ?? null,
        tagIds: await Promise.all(demo.tags.map(tagId)),
        authorIds: demo.authors
          .map((slug) => authorIds.get(slug))
          .filter((id): id is number => id !== undefined),
        commentsOpen: demo.commentsOpen ?? true,
        ownerId: admin.id,
      },
      { userId: admin.id },
      { status: 'published', publishedAt, createdAt: publishedAt, updatedAt: publishedAt },
    );
    for (const correction of demo.corrections ?? []) {
      await services.articles.addCorrection(
        article.id,
        correction.text,
        { userId: admin.id },
        new Date(now.getTime() - (demo.hoursAgo - correction.hoursAfterPublish) * 3600_000),
      );
    }
    let minute = 0;
    async function addComments(list: DemoComment[], parentId: number | null): Promise<void> {
      for (const comment of list) {
        minute += 17;
        const created = await stores.comments.insert({
          article_id: article.id,
          parent_id: parentId,
          status: comment.status ?? 'approved',
          author_name: comment.author,
          author_email: comment.email,
          author_url: comment.url ?? '',
          body: comment.body,
          body_html: renderCommentMarkdown(comment.body),
          created_at: new Date(new Date(publishedAt).getTime() + minute * 60_000).toISOString(),
        });
        await addComments(comment.replies ?? [], created.id);
      }
    }
    await addComments(demo.comments ?? [], null);
  }

  for (const page of demoPages) {
    await services.articles.createArticle(
      { kind: 'page', headline: page.headline, slug: page.slug, bodySource: page.body, ownerId: admin.id },
      { userId: admin.id },
      { status: 'published', publishedAt: new Date(now.getTime() - 90 * 24 * 3600_000).toISOString() },
    );
  }
  // The demo's article pages show "See also" from the first request, not after the job runner catches up.
  await services.related.rebuildAll();
  return { email: ADMIN_EMAIL, password };
}
