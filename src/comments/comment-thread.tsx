/** The thread of comments: nested lists with avatars, permalinks, staff marks, held notices and reply links. */
import { formatDateTime, isoInZone } from '../views/format.js';
import { Fragment, h, raw, type SafeHtml } from '../views/jsx.js';
import type { ThreadComment, ThreadNode } from './comment.js';
import { Avatar } from './comment-avatar.js';

/** How the thread is rendered for one reader. */
export interface ThreadOptions {
  timeZone: string;
  maxDepth: number;
  /** Whether reply links are shown (comments open). */
  canReply: boolean;
  /** Kept in reply links so a no-JS reply stays on the same comment page. */
  page: number;
}

function AuthorName(props: { comment: ThreadComment }): SafeHtml {
  const { comment } = props;
  return (
    <b class="comment-author">
      {comment.authorUrl ? (
        <a href={comment.authorUrl} rel="nofollow ugc noopener external">
          {comment.authorName}
        </a>
      ) : (
        comment.authorName
      )}
    </b>
  );
}

function CommentItem(props: { node: ThreadNode<ThreadComment>; options: ThreadOptions }): SafeHtml {
  const { node, options } = props;
  const { comment } = node;
  const classes = ['comment', `depth-${node.depth}`];
  if (comment.isHeld) classes.push('comment-held');
  if (comment.isStaff) classes.push('comment-staff');
  const replyHref = `?${options.page > 1 ? `cpage=${options.page}&` : ''}replytocom=${comment.id}#respond`;
  return (
    <li id={`comment-${comment.id}`} class={classes.join(' ')}>
      <article class="comment-body" id={`div-comment-${comment.id}`}>
        <footer class="comment-meta">
          <Avatar avatarKey={comment.avatarKey} />
          <AuthorName comment={comment} />
          {comment.isStaff ? <span class="comment-staff-badge">Staff</span> : null}
          <a class="comment-permalink" href={`#comment-${comment.id}`}>
            <time datetime={isoInZone(comment.createdAt, options.timeZone)}>
              {formatDateTime(comment.createdAt, options.timeZone)}
            </time>
          </a>
        </footer>
        {comment.isHeld ? (
          <p class="comment-awaiting-moderation">
            Your comment is awaiting moderation. Only you can see it until a moderator approves it.
          </p>
        ) : null}
        <div class="comment-content">{raw(comment.bodyHtml)}</div>
        {options.canReply && !comment.isHeld && node.depth < options.maxDepth ? (
          <p class="reply">
            <a
              class="comment-reply-link"
              href={replyHref}
              rel="nofollow"
              data-comment-id={String(comment.id)}
              data-author={comment.authorName}
              aria-label={`Reply to ${comment.authorName}`}
            >
              Reply
            </a>
          </p>
        ) : null}
      </article>
      {node.children.length ? (
        <ol class="children">
          {node.children.map((child) => (
            <CommentItem node={child} options={options} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** The list of threads (one comment page). */
export function CommentThread(props: {
  threads: ThreadNode<ThreadComment>[];
  options: ThreadOptions;
}): SafeHtml {
  if (props.threads.length === 0) return raw('');
  return (
    <ol class="comment-list">
      {props.threads.map((node) => (
        <CommentItem node={node} options={props.options} />
      ))}
    </ol>
  );
}
