/**
 * Turns the editor form into article changes: resolves names to categories,
 * tags (created on the fly), bylines (people with or without accounts),
 * media, translations and "See also" choices, then creates or saves through
 * the article service.
 */
import type { Article, ArticleDraft, FeaturedImage } from '../articles/article.js';
import type { ArticleService } from '../articles/article-service.js';
import type { ArticleStore } from '../articles/article-store.js';
import type { TaxonomyStore } from '../articles/taxonomy-store.js';
import { Invalid } from '../errors.js';
import type { MediaService } from '../media/media-service.js';
import { slugify, uniqueSlug } from '../text/slug.js';
import type { User } from '../users/user.js';
import type { UserStore } from '../users/user-store.js';
import { type ArticleForm, formFromArticle, splitNames } from './article-form.js';
import type { NewsroomStore } from './newsroom-store.js';
import { utcToZonedLocal } from './zoned-time.js';

const MAX_TAGS = 30;
const MAX_BYLINES = 10;

/** The newsroom's editor use cases. */
export function createArticleEditor(deps: {
  articles: ArticleService;
  articleStore: ArticleStore;
  taxonomy: TaxonomyStore;
  users: UserStore;
  media: MediaService;
  newsroom: NewsroomStore;
}) {
  const { articleStore, taxonomy, users } = deps;

  async function tagIdsFor(text: string): Promise<number[]> {
    const names = splitNames(text);
    if (names.length > MAX_TAGS) throw new Invalid({ tags: `At most ${MAX_TAGS} tags.` });
    const ids: number[] = [];
    for (const name of names) {
      const slug = slugify(name, 'tag');
      const tag = (await taxonomy.findTagBySlug(slug)) ?? (await taxonomy.insertTag({ name, slug }));
      ids.push(tag.id);
    }
    return ids;
  }

  async function authorIdsFor(text: string): Promise<number[]> {
    const names = splitNames(text);
    if (names.length > MAX_BYLINES) throw new Invalid({ bylines: `At most ${MAX_BYLINES} bylines.` });
    const known = await users.listAuthors();
    const ids: number[] = [];
    for (const name of names) {
      const match = known.find((a) => a.name.toLowerCase() === name.toLowerCase());
      if (match) {
        ids.push(match.id);
        continue;
      }
      // A byline may name someone without an account (a freelancer, an agency).
      const slug = await uniqueSlug(slugify(name, 'author'), (s) => users.isAuthorSlugTaken(s));
      const author = await users.insertAuthor({ name, slug });
      known.push(author);
      ids.push(author.id);
    }
    return ids;
  }

  async function articleIdBySlug(slug: string, field: string, exceptId?: number): Promise<number | null> {
    if (!slug) return null;
    const found = await articleStore.findBySlug(slug.replace(/^\/+|\/+$/g, ''));
    if (!found || found.deletedAt) throw new Invalid({ [field]: `No article has the slug "${slug}".` });
    if (found.id === exceptId) throw new Invalid({ [field]: 'Choose another article than this one.' });
    return found.id;
  }

  async function featuredImageFor(form: ArticleForm, before: Article | null): Promise<FeaturedImage | null> {
    const details = {
      alt: form.featuredImageAlt.trim(),
      caption: form.featuredImageCaption.trim(),
      credit: form.featuredImageCredit.trim(),
    };
    if (form.featuredMediaId) {
      const item = await deps.media.find(Number(form.featuredMediaId));
      if (!item) throw new Invalid({ featuredMediaId: 'That image is no longer in the media library.' });
      return {
        url: item.url,
        mediaId: item.id,
        alt: details.alt || item.altText,
        caption: details.caption || item.caption,
        credit: details.credit || item.credit,
      };
    }
    // An imported image lives at its original address and has no media item; keep it while the field is kept.
    const url = form.featuredImageUrl.trim();
    if (url && before?.featuredImage && before.featuredImage.url === url)
      return { ...details, url, mediaId: null };
    return null;
  }

  async function translationGroupFor(form: ArticleForm, before: Article | null): Promise<string | null> {
    const targetId = await articleIdBySlug(form.translationOf, 'translationOf', before?.id);
    if (targetId === null) return null;
    const target = (await articleStore.findById(targetId))!;
    if (target.translationGroup) return target.translationGroup;
    const group = before?.translationGroup ?? deps.articles.newTranslationGroup();
    await articleStore.update(target.id, { translation_group: group });
    return group;
  }

  async function draftFrom(
    form: ArticleForm,
    before: Article | null,
    viewer: Pick<User, 'role'>,
  ): Promise<{ draft: ArticleDraft; excludedIds: number[] }> {
    const errors: Record<string, string> = {};
    const categoryId = form.categoryId ? Number(form.categoryId) : null;
    if (categoryId !== null && !(await taxonomy.findCategoryById(categoryId)))
      errors.categoryId = 'Choose one of the categories offered.';
    if (Object.keys(errors).length) throw new Invalid(errors);
    const excludedIds: number[] = [];
    for (const slug of splitNames(form.seeAlsoExclude)) {
      const id = await articleIdBySlug(slug, 'seeAlsoExclude', before?.id);
      if (id !== null) excludedIds.push(id);
    }
    const draft: ArticleDraft = {
      // Pages (About, Contact) are site furniture: only editors make them.
      kind:
        form.kind === 'page' && (viewer.role === 'editor' || viewer.role === 'admin')
          ? 'page'
          : (before?.kind ?? 'article'),
      headline: form.headline,
      slug: form.slug,
      dek: form.dek,
      bodySource: form.bodySource,
      bodyFormat: before?.bodyFormat ?? 'markdown',
      excerpt: form.excerpt,
      language: form.language,
      translationGroup: await translationGroupFor(form, before),
      categoryId,
      tagIds: await tagIdsFor(form.tags),
      authorIds: await authorIdsFor(form.bylines),
      featuredImage: await featuredImageFor(form, before),
      commentsOpen: form.commentsOpen,
      seeAlsoMode: form.seeAlsoMode === 'off' ? 'off' : 'auto',
      seeAlsoPinId: await articleIdBySlug(form.seeAlsoPin, 'seeAlsoPin', before?.id),
      metaDescription: form.metaDescription,
    };
    return { draft, excludedIds };
  }

  return {
    /** Creates a draft from the form, owned by `viewer`. */
    async create(form: ArticleForm, viewer: User): Promise<Article> {
      const { draft, excludedIds } = await draftFrom(form, null, viewer);
      const article = await deps.articles.createArticle(
        { ...draft, ownerId: viewer.id },
        { userId: viewer.id },
      );
      if (excludedIds.length) await articleStore.setSeeAlsoExclusions(article.id, excludedIds);
      return article;
    },

    /** Saves the form over article `id`, which the editor loaded at `version` (Conflict when someone saved since). */
    async save(id: number, form: ArticleForm, version: number, viewer: User): Promise<Article> {
      const before = await deps.articles.load(id);
      const { draft, excludedIds } = await draftFrom(form, before, viewer);
      const { ownerId: _owner, ...changes } = draft;
      const article = await deps.articles.saveArticle(id, changes, version, { userId: viewer.id });
      await articleStore.setSeeAlsoExclusions(id, excludedIds);
      return article;
    },

    /** The form showing `article` as stored. */
    async formFor(article: Article, timeZone: string): Promise<ArticleForm> {
      const [group, pin, excluded] = await Promise.all([
        article.translationGroup ? this.translationOf(article) : Promise.resolve(''),
        article.seeAlsoPinId ? articleStore.findById(article.seeAlsoPinId) : Promise.resolve(undefined),
        articleStore.listSeeAlsoExclusions(article.id),
      ]);
      const excludedSlugs: string[] = [];
      for (const id of excluded) {
        const other = await articleStore.findById(id);
        if (other) excludedSlugs.push(other.slug);
      }
      return formFromArticle(article, {
        translationOf: group,
        seeAlsoPin: pin?.slug ?? '',
        seeAlsoExclude: excludedSlugs.join(', '),
        publishAt:
          article.status === 'scheduled' && article.publishedAt
            ? utcToZonedLocal(article.publishedAt, timeZone)
            : '',
      });
    },

    /** The slug of the earliest other article in the same translation group ('' when none). */
    async translationOf(article: Article): Promise<string> {
      if (!article.translationGroup) return '';
      const siblings = await deps.newsroom.translationSiblings(article.translationGroup, article.id);
      return siblings[0]?.slug ?? '';
    },
  };
}

export type ArticleEditor = ReturnType<typeof createArticleEditor>;
