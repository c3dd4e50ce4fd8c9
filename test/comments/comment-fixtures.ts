/** Small factories for comment tests: a newsroom with an author, editor and article; form posts with a valid token. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/app.js';
import type { Article } from '../../src/articles/article.js';
import { issueFormToken } from '../../src/comments/comment-form-token.js';
import type { SiteSettings } from '../../src/site/settings.js';
import type { User } from '../../src/users/user.js';

/** People and an open article. */
export interface CommentWorld {
  editor: User;
  author: User;
  article: Article;
}

let counter = 0;

/** A published article (open for comments unless told otherwise), written by an author account. */
export async function publishArticle(
  ctx: AppContext,
  options: {
    commentsOpen?: boolean;
    publishedAt?: string;
    ownerId?: number | null;
    authorIds?: number[];
  } = {},
): Promise<Article> {
  counter += 1;
  return ctx.services.articles.createArticle(
    {
      headline: `Harbour wall story ${counter}`,
      bodySource: 'The harbour wall is being repaired.',
      commentsOpen: options.commentsOpen ?? true,
      ownerId: options.ownerId ?? null,
      authorIds: options.authorIds ?? [],
    },
    { userId: options.ownerId ?? null },
    {
      status: 'published',
      publishedAt: options.publishedAt ?? new Date(Date.now() - 3600_000).toISOString(),
    },
  );
}

/** An editor, an author with a byline, and an article by that author. */
export async function buildWorld(ctx: AppContext): Promise<CommentWorld> {
  counter += 1;
  const { user: editor } = await ctx.services.users.addUser({
    email: `editor${counter}@newsroom.test`,
    name: 'Edith Editor',
    role: 'editor',
    password: 'correct horse battery',
  });
  const { user: author } = await ctx.services.users.addUser({
    email: `author${counter}@newsroom.test`,
    name: 'Ada Author',
    role: 'author',
    password: 'correct horse battery',
  });
  const article = await publishArticle(ctx, { ownerId: author.id, authorIds: [author.authorId!] });
  return { editor, author, article };
}

/** Saves settings and drops the cached copy. */
export async function useSettings(ctx: AppContext, settings: Partial<SiteSettings>): Promise<void> {
  await ctx.stores.settings.save(settings);
  ctx.invalidateSettings();
}

/** A token issued a minute ago, so "too fast" never applies unless a test wants it. */
export function oldToken(ctx: AppContext, articleId: number, secondsAgo = 60): string {
  return issueFormToken(ctx.secret, articleId, Date.now() - secondsAgo * 1000);
}

/** The fields of a complete, valid form post on `article`. */
export function formFields(
  ctx: AppContext,
  article: Pick<Article, 'id'>,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    comment: 'The new railings look sturdier than the old ones.',
    author: 'Rita Reader',
    email: `rita${++counter}@readers.test`,
    url: '',
    comment_post_ID: String(article.id),
    comment_parent: '0',
    comment_subject: '',
    bs_form_token: oldToken(ctx, article.id),
    ...overrides,
  };
}

/** Posts a form (urlencoded, as a browser without JavaScript does). */
export function postForm(
  app: FastifyInstance,
  fields: Record<string, string>,
  options: { path?: string; cookie?: string; ip?: string } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: options.path ?? '/wp-comments-post.php',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    remoteAddress: options.ip ?? '198.51.100.7',
    payload: new URLSearchParams(fields).toString(),
  });
}

/** The `name=value` of a Set-Cookie header for `name`, for sending back. */
export function cookieFrom(response: LightMyRequestResponse, name: string): string | undefined {
  const cookie = response.cookies.find((c) => c.name === name);
  return cookie ? `${cookie.name}=${cookie.value}` : undefined;
}

/** Escapes text as our views do, to find it in a page. */
export function html(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
