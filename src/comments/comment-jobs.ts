/**
 * What happens after a comment change commits: notification emails, the spam
 * classifier learning from moderators' verdicts, and housekeeping (commenters'
 * IP addresses past retention, used form nonces, old rate-limit counters).
 */

import type { AppContext } from '../app.js';
import type { Config } from '../config/config.js';
import { createRateLimiter, type RateLimiter } from '../http/rate-limit.js';
import { smtpTransport } from '../jobs/mailer.js';
import { articlePath } from '../site/permalinks.js';
import {
  type CommentMailer,
  type CommentNotificationDeps,
  type EventHandlerRegistry,
  registerCommentNotifications,
} from './comment-notifications.js';
import { COMMENTS_PER_EMAIL_RULE, COMMENTS_PER_IP_RULE } from './comment-policy.js';
import type { CommentService } from './comment-service.js';

// Housekeeping runs with the first event after this much time, in each process.
const HOUSEKEEPING_INTERVAL_MS = 60 * 60_000;

/** A mailer for comment notifications: SMTP_URL through nodemailer, otherwise a debug line with no address or text. */
export function commentMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log: object): CommentMailer {
  const debug = (log as { debug?(obj: unknown, msg?: string): void }).debug?.bind(log);
  if (config.smtpUrl) {
    const transport = smtpTransport(config.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from: config.mailFrom, ...mail });
      },
    };
  }
  return {
    async send(mail) {
      // Addresses stay out of the log: a comment email carries a commenter's address or a private link.
      debug?.({ subject: mail.subject }, 'comment email not sent: no SMTP_URL set');
    },
  };
}

/** Registers the comment handlers on the job runner. */
export function registerCommentHandlers(
  jobs: EventHandlerRegistry,
  deps: {
    service: CommentService;
    rateLimiter: RateLimiter;
    notifications: CommentNotificationDeps;
    warn?: (obj: unknown, msg?: string) => void;
  },
): void {
  registerCommentNotifications(jobs, deps.notifications);

  const learn = async (event: { payload: Record<string, unknown> }) => {
    await deps.service.learnFromModeration(Number(event.payload.commentId));
  };
  jobs.on('comment.approved', learn);
  jobs.on('comment.spammed', learn);

  // Any event will do (a news site publishes, edits and takes comments all day), so retention holds
  // even on an article nobody comments on any more. It never fails the event it rides on.
  let lastHousekeeping = 0;
  jobs.on('*', async () => {
    if (Date.now() - lastHousekeeping < HOUSEKEEPING_INTERVAL_MS) return;
    lastHousekeeping = Date.now();
    try {
      await deps.service.purgeExpired();
      await deps.rateLimiter.purge(
        Math.max(COMMENTS_PER_IP_RULE.windowSeconds, COMMENTS_PER_EMAIL_RULE.windowSeconds),
      );
    } catch (error) {
      lastHousekeeping = 0;
      deps.warn?.({ err: error }, 'comment housekeeping failed; will retry with the next event');
    }
  });
}

/** Registers the comment handlers on the application's job runner, wired from its context. */
export function registerCommentJobs(
  ctx: AppContext,
  /** The application's logger; comment email is logged at debug level when no SMTP server is set. */
  log: object,
): void {
  registerCommentHandlers(ctx.jobs, {
    service: ctx.services.comments,
    rateLimiter: createRateLimiter(ctx.stores.rateLimits),
    notifications: {
      comments: ctx.stores.comments,
      loadArticle: (id) => ctx.services.articles.load(id),
      articlePath,
      pageOf: (articleId, commentId) => ctx.services.comments.pageOf(articleId, commentId, []),
      mailer: commentMailer(ctx.config, log),
      settings: () => ctx.settings(),
      baseUrl: (settings) => ctx.baseUrl(settings),
      secret: ctx.secret,
    },
    warn: (log as { warn?(obj: unknown, msg?: string): void }).warn?.bind(log),
  });
}
