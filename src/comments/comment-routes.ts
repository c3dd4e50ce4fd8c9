/**
 * Reader-facing comment routes: posting (WordPress's /wp-comments-post.php and our
 * /comments/, HTML form or JSON), the per-article and site comment feeds, the
 * reply script, and the one-click unsubscribe from reply emails. A rejected post
 * re-shows the form with the reader's text and a message beside the field.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { type Article, isPublic } from '../articles/article.js';
import { DomainError, Invalid, NotFound, RateLimited } from '../errors.js';
import { wantsJson } from '../http/errors.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { articlePath } from '../site/permalinks.js';
import type { SiteSettings } from '../site/settings.js';
import { h, renderDocument, type SafeHtml } from '../views/jsx.js';
import { Layout } from '../views/layout.js';
import { type CommentFormValues, toPublicComment, validateCommentForm } from './comment.js';
import {
  COMMENTER_COOKIE,
  COMMENTER_COOKIE_MAX_AGE_DAYS,
  decodeHeldCookie,
  encodeCommenterCookie,
  encodeHeldCookie,
  HELD_COOKIE,
  HELD_COOKIE_MAX_AGE_DAYS,
} from './comment-cookies.js';
import { commentFeedXml } from './comment-feed.js';
import { FORM_TOKEN_FIELD, issueFormToken, verifyFormToken } from './comment-form-token.js';
import { isValidUnsubscribeToken } from './comment-notifications.js';
import { COMMENTS_PER_EMAIL_RULE, COMMENTS_PER_IP_RULE } from './comment-policy.js';
import {
  COMMENT_POST_PATHS,
  CommentSubmissionBody,
  PublicCommentResponse,
  UnsubscribeQuery,
} from './comment-schemas.js';
import { COMMENT_SCRIPT_PATH } from './comments-section.js';
import { HONEYPOT_FIELD, ReplyForm, type ReplyFormState } from './reply-form.js';

const REPLY_SCRIPT = readFileSync(new URL('./comment-reply.browser.js', import.meta.url), 'utf8');

const TOKEN_MESSAGES: Record<'missing' | 'forged' | 'expired', string> = {
  missing:
    'This form could not be checked: it may have come from another site. Please post your comment again.',
  forged:
    'This form could not be checked: it may have come from another site. Please post your comment again.',
  expired:
    'This page was open for a long time, so the form expired. Your comment is kept below: please post it again.',
};

function toId(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d{1,15}$/.test(text) && Number(text) > 0 ? Number(text) : null;
}

function isChecked(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value !== '' && value !== '0' && value !== 'false');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The form values of a submission, as the reader typed them. */
function formValuesOf(body: CommentSubmissionBody): CommentFormValues {
  return {
    comment: text(body.comment),
    author: text(body.author),
    email: text(body.email),
    url: text(body.url),
    parentId: toId(body.comment_parent),
    notifyReplies: isChecked(body.notify_replies),
    saveCommenter: isChecked(body['wp-comment-cookies-consent']),
  };
}

/** Registers the comment routes. */
export async function registerCommentRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const limiter = createRateLimiter(ctx.stores.rateLimits);
  const secureCookies = (ctx.config.siteUrl ?? '').startsWith('https:');

  // Rate-limit keys are keyed hashes: the counters table never holds an address.
  const keyOf = (value: string) =>
    createHmac('sha256', ctx.secret).update(`rate:${value}`).digest('base64url');

  async function publicArticle(id: number | null): Promise<Article> {
    const article = id === null ? undefined : await ctx.services.articles.load(id).catch(() => undefined);
    if (!article || !isPublic(article)) throw new NotFound('That article does not exist.');
    return article;
  }

  function page(settings: SiteSettings, title: string, content: SafeHtml, language?: string): string {
    return renderDocument(
      h(Layout, { settings, nav: [], meta: { title, noindex: true, language } }, content),
    );
  }

  async function reject(
    reply: FastifyReply,
    article: Article,
    values: CommentFormValues,
    error: DomainError,
  ): Promise<FastifyReply> {
    const settings = await ctx.settings();
    const state: ReplyFormState = {
      values: {
        comment: values.comment,
        author: values.author,
        email: values.email,
        url: values.url,
        notifyReplies: values.notifyReplies,
        saveCommenter: values.saveCommenter,
      },
      errors: {},
      formError: null,
    };
    if (error instanceof Invalid) {
      for (const [field, message] of Object.entries(error.fields)) {
        if (field === FORM_TOKEN_FIELD) state.formError = message;
        else state.errors[field] = message;
      }
    } else {
      state.formError = error.message;
    }
    const replyTo =
      values.parentId !== null && !state.errors.comment_parent
        ? await ctx.services.comments.replyTarget(article.id, values.parentId)
        : null;
    const path = articlePath(article, settings);
    if (error instanceof RateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply
      .code(error.status)
      .type('text/html; charset=utf-8')
      .send(
        page(
          settings,
          `Your comment on “${article.headline}”`,
          h(
            'article',
            { class: 'article' },
            h(
              'header',
              { class: 'article-header' },
              h('p', { class: 'kicker' }, 'Your comment'),
              h('h1', null, article.headline),
              h('p', null, h('a', { href: `${path}#comments` }, 'Back to the article and its comments')),
            ),
            h(
              'section',
              { id: 'comments', class: 'comments' },
              h(ReplyForm, {
                articleId: article.id,
                token: issueFormToken(ctx.secret, article.id),
                replyTo,
                state,
                headingLevel: 2,
              }),
              h('script', { src: COMMENT_SCRIPT_PATH, defer: true }),
            ),
          ),
          article.language,
        ),
      );
  }

  async function postComment(
    request: FastifyRequest<{ Body: CommentSubmissionBody }>,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const body = request.body ?? {};
    const json = wantsJson(request) || (request.headers['content-type'] ?? '').startsWith('application/json');
    const article = await publicArticle(toId(body.comment_post_ID));
    const values = formValuesOf(body);
    const email = values.email.trim().toLowerCase();
    try {
      const check = verifyFormToken(ctx.secret, body[FORM_TOKEN_FIELD], article.id);
      if (!check.ok) throw new Invalid({ [FORM_TOKEN_FIELD]: TOKEN_MESSAGES[check.reason] });
      // Validated before counting, so a reader correcting a typo is never the one who gets rate-limited.
      validateCommentForm(values);
      const tooMany =
        'You have posted several comments in a short time. Please wait a few minutes and post again.';
      await limiter.hitOrThrow(COMMENTS_PER_IP_RULE, keyOf(request.ip), tooMany);
      if (email) await limiter.hitOrThrow(COMMENTS_PER_EMAIL_RULE, keyOf(email), tooMany);
      const { comment } = await ctx.services.comments.postComment(article.id, values, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        honeypot: text(body[HONEYPOT_FIELD]),
        elapsedMs: check.secondsToSubmit * 1000,
        replayKey: `${check.nonce}:${keyOf(email)}`,
      });

      const heldIds = decodeHeldCookie(ctx.secret, request.cookies[HELD_COOKIE]);
      if (comment.status !== 'approved') {
        heldIds.push(comment.id);
        reply.setCookie(HELD_COOKIE, encodeHeldCookie(ctx.secret, heldIds), {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: secureCookies,
          maxAge: HELD_COOKIE_MAX_AGE_DAYS * 86_400,
        });
      }
      if (values.saveCommenter) {
        reply.setCookie(
          COMMENTER_COOKIE,
          encodeCommenterCookie({
            name: comment.authorName,
            email: comment.authorEmail,
            url: comment.authorUrl,
          }),
          // Read by the page's script to refill the form, so not HttpOnly; never rendered by the server.
          {
            path: '/',
            sameSite: 'lax',
            secure: secureCookies,
            maxAge: COMMENTER_COOKIE_MAX_AGE_DAYS * 86_400,
          },
        );
      } else if (request.cookies[COMMENTER_COOKIE] !== undefined) {
        // Unticking the box is how a reader asks to be forgotten, as in WordPress.
        reply.clearCookie(COMMENTER_COOKIE, { path: '/' });
      }

      const settings = await ctx.settings();
      const commentPage = await ctx.services.comments.pageOf(article.id, comment.id, heldIds);
      const location = `${articlePath(article, settings)}${commentPage > 1 ? `?cpage=${commentPage}` : ''}#comment-${comment.id}`;
      if (json) {
        const answer: PublicCommentResponse = {
          ...toPublicComment(comment),
          status: comment.status === 'approved' ? 'approved' : 'held',
          url: `${ctx.baseUrl(settings)}${location}`,
        };
        return reply.code(201).header('location', location).send(answer);
      }
      return reply.redirect(location, 303);
    } catch (error) {
      if (json || !(error instanceof DomainError) || error instanceof NotFound) throw error;
      return reject(reply, article, values, error);
    }
  }

  for (const path of COMMENT_POST_PATHS) {
    app.post<{ Body: CommentSubmissionBody }>(
      path,
      {
        schema: { body: CommentSubmissionBody, response: { 201: PublicCommentResponse } },
        config: { permission: 'public' },
      },
      postComment,
    );
  }

  app.get(COMMENT_SCRIPT_PATH, { config: { permission: 'public' } }, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(REPLY_SCRIPT),
  );

  async function articleFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    datedPath: string | null,
  ): Promise<FastifyReply> {
    return ctx.pageCache.serve(request, reply, async () => {
      const settings = await ctx.settings();
      const article = await ctx.stores.articles.findPublicBySlug(slug, new Date().toISOString());
      if (!article) throw new NotFound('That article does not exist.');
      const path = articlePath(article, settings);
      if (datedPath !== null && datedPath !== path) throw new NotFound('That article does not exist.');
      if (datedPath === null && path !== `/${slug}/`) return { redirect: `${path}feed/`, status: 301 };
      const base = ctx.baseUrl(settings);
      const latest = await ctx.services.comments.latestPublic(article.id, settings.feedItems);
      return {
        contentType: 'application/rss+xml; charset=utf-8',
        body: commentFeedXml(
          {
            title: `Comments on: ${article.headline}`,
            pageUrl: `${base}${path}`,
            selfUrl: `${base}${path}feed/`,
            description: article.dek || settings.tagline,
            language: article.language,
          },
          latest.map(({ comment }) => ({
            comment,
            articleHeadline: article.headline,
            url: `${base}${path}#comment-${comment.id}`,
          })),
          false,
        ),
      };
    });
  }

  app.get<{ Params: { slug: string } }>(
    '/:slug/feed/',
    { config: { permission: 'public' } },
    async (request, reply) => articleFeed(request, reply, request.params.slug, null),
  );

  app.get<{ Params: { yyyy: string; mm: string; slug: string } }>(
    '/:yyyy/:mm/:slug/feed/',
    { config: { permission: 'public' } },
    async (request, reply) => {
      const { yyyy, mm, slug } = request.params;
      if (!/^\d{4}$/.test(yyyy) || !/^\d{2}$/.test(mm)) throw new NotFound();
      return articleFeed(request, reply, slug, `/${yyyy}/${mm}/${slug}/`);
    },
  );

  app.get('/comments/feed/', { config: { permission: 'public' } }, async (request, reply) =>
    ctx.pageCache.serve(request, reply, async () => {
      const settings = await ctx.settings();
      const base = ctx.baseUrl(settings);
      const latest = await ctx.services.comments.latestPublic(null, settings.feedItems);
      return {
        contentType: 'application/rss+xml; charset=utf-8',
        body: commentFeedXml(
          {
            title: `Comments for ${settings.title}`,
            pageUrl: `${base}/`,
            selfUrl: `${base}/comments/feed/`,
            description: settings.tagline,
            language: settings.language,
          },
          latest.map(({ comment, article }) => ({
            comment,
            articleHeadline: article.headline,
            url: `${base}${articlePath(article, settings)}#comment-${comment.id}`,
          })),
          true,
        ),
      };
    }),
  );

  function checkUnsubscribe(query: UnsubscribeQuery): number {
    const id = Number(query.c);
    if (!isValidUnsubscribeToken(ctx.secret, id, query.t)) {
      throw new NotFound(
        'This unsubscribe link is not valid. Copy the whole link from the email and try again.',
      );
    }
    return id;
  }

  // One click in the email unsubscribes at once (a confirmation step would be a second click);
  // the page offers an undo in case a link scanner or a slip did it.
  app.get<{ Querystring: UnsubscribeQuery }>(
    '/comments/unsubscribe/',
    { schema: { querystring: UnsubscribeQuery }, config: { permission: 'public' } },
    async (request, reply) => {
      const id = checkUnsubscribe(request.query);
      await ctx.services.comments.unsubscribe(id);
      const settings = await ctx.settings();
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            settings,
            'Unsubscribed',
            h(
              'article',
              { class: 'article' },
              h('h1', null, 'You are unsubscribed'),
              h('p', null, `${settings.title} will no longer email you about replies to your comments.`),
              h(
                'form',
                { method: 'post', action: '/comments/resubscribe/' },
                h('input', { type: 'hidden', name: 'c', value: request.query.c }),
                h('input', { type: 'hidden', name: 't', value: request.query.t }),
                h('button', { type: 'submit' }, 'Undo: keep emailing me about replies'),
              ),
            ),
          ),
        );
    },
  );

  // RFC 8058 one-click unsubscribe, for mail programs that POST the List-Unsubscribe link.
  app.post<{ Querystring: UnsubscribeQuery }>(
    '/comments/unsubscribe/',
    { schema: { querystring: UnsubscribeQuery }, config: { permission: 'public' } },
    async (request, reply) => {
      await ctx.services.comments.unsubscribe(checkUnsubscribe(request.query));
      return reply.type('text/plain; charset=utf-8').send('Unsubscribed.');
    },
  );

  app.post<{ Body: UnsubscribeQuery }>(
    '/comments/resubscribe/',
    { schema: { body: UnsubscribeQuery }, config: { permission: 'public' } },
    async (request, reply) => {
      await ctx.services.comments.resubscribe(checkUnsubscribe(request.body));
      const settings = await ctx.settings();
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            settings,
            'Subscribed again',
            h(
              'article',
              { class: 'article' },
              h('h1', null, 'You will hear about replies again'),
              h('p', null, 'We will email you when someone replies to your comment.'),
            ),
          ),
        );
    },
  );
}
