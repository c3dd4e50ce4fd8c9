/**
 * The "Leave a Reply" form, with WordPress's field names and ids (`comment`,
 * `author`, `email`, `url`, `comment_parent`, `comment_post_ID`, `#respond`,
 * `#commentform`) so browsers' autofill and readers' habits carry over. It works
 * without JavaScript; re-shown after a rejection, it keeps what the reader typed
 * and puts each message next to its field.
 */
import { Fragment, h, raw, type SafeHtml } from '../views/jsx.js';
import { FORM_TOKEN_FIELD } from './comment-form-token.js';

/** The path the form posts to (WordPress's, so old forms and habits keep working). */
export const COMMENT_FORM_ACTION = '/wp-comments-post.php';
/** The hidden field bots fill and people never see. */
export const HONEYPOT_FIELD = 'comment_subject';

/** What the form shows: the reader's values, messages per field, and a message for the whole form. */
export interface ReplyFormState {
  values: {
    comment: string;
    author: string;
    email: string;
    url: string;
    notifyReplies: boolean;
    saveCommenter: boolean;
  };
  /** Field name (`comment`, `author`, `email`, `url`) → message. */
  errors: Record<string, string>;
  /** A message about the whole submission (comments closed, too many comments, an expired form). */
  formError: string | null;
}

/** An empty form. */
export const EMPTY_FORM: ReplyFormState = {
  values: { comment: '', author: '', email: '', url: '', notifyReplies: false, saveCommenter: false },
  errors: {},
  formError: null,
};

function Required(): SafeHtml {
  return (
    <span class="required" aria-hidden="true">
      *
    </span>
  );
}

function FieldError(props: { field: string; errors: Record<string, string> }): SafeHtml {
  const message = props.errors[props.field];
  // A span: the field rows are WordPress's <p> elements, which cannot hold another paragraph.
  return message ? (
    <span class="field-error" id={`${props.field}-error`}>
      {message}
    </span>
  ) : (
    raw('')
  );
}

function describedBy(field: string, errors: Record<string, string>, extra?: string): string | undefined {
  const ids = [extra, errors[field] ? `${field}-error` : undefined].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The comment form for article `articleId`, replying to `replyTo` when given. */
export function ReplyForm(props: {
  articleId: number;
  token: string;
  replyTo: { id: number; authorName: string } | null;
  state: ReplyFormState;
  /** 3 under the comments' own heading on an article page; 2 on a page of its own. */
  headingLevel?: 2 | 3;
}): SafeHtml {
  const { state, replyTo } = props;
  const { values, errors } = state;
  const fieldErrors = Object.keys(errors).filter((k) => k !== 'comment_parent');
  const summary =
    state.formError ??
    errors.comment_parent ??
    (fieldErrors.length
      ? 'Your comment has not been posted yet. Please correct the marked fields; your text is kept below.'
      : null);
  return (
    <div id="respond" class="comment-respond">
      {h(
        props.headingLevel === 2 ? 'h2' : 'h3',
        { id: 'reply-title', class: 'reply-title comment-reply-title' },
        <>
          <span id="reply-title-text">{replyTo ? `Reply to ${replyTo.authorName}` : 'Leave a Reply'}</span>{' '}
          <small>
            <a
              rel="nofollow"
              id="cancel-comment-reply-link"
              href="./#respond"
              hidden={replyTo ? undefined : true}
            >
              Cancel reply
            </a>
          </small>
        </>,
      )}
      <form action={COMMENT_FORM_ACTION} method="post" id="commentform" class="comment-form">
        {summary ? (
          <div class="form-error" role="alert" id="comment-form-error">
            <p>{summary}</p>
          </div>
        ) : null}
        <p class="comment-notes">
          <span id="email-notes">Your email address will not be published.</span>{' '}
          <span class="required-field-message">
            Required fields are marked <Required />
          </span>
        </p>
        <p class="comment-form-comment">
          <label for="comment">
            Comment <Required />
          </label>
          <textarea
            id="comment"
            name="comment"
            cols="45"
            rows="8"
            required
            aria-invalid={errors.comment ? 'true' : undefined}
            aria-describedby={describedBy('comment', errors, 'comment-format-note')}
          >
            {/* The HTML parser drops one newline right after <textarea>; this one, so the reader's own survive. */}
            {'\n'}
            {values.comment}
          </textarea>
          <FieldError field="comment" errors={errors} />
          <span class="comment-format-note" id="comment-format-note">
            You can use *emphasis*, **strong**, [links](https://example.com), &gt; quotes and `code`.
          </span>
        </p>
        <p class="comment-form-author">
          <label for="author">
            Name <Required />
          </label>
          <input
            id="author"
            name="author"
            type="text"
            value={values.author}
            size="30"
            autocomplete="name"
            required
            aria-invalid={errors.author ? 'true' : undefined}
            aria-describedby={describedBy('author', errors)}
          />
          <FieldError field="author" errors={errors} />
        </p>
        <p class="comment-form-email">
          <label for="email">
            Email <Required />
          </label>
          <input
            id="email"
            name="email"
            type="email"
            value={values.email}
            size="30"
            autocomplete="email"
            required
            aria-invalid={errors.email ? 'true' : undefined}
            aria-describedby={describedBy('email', errors, 'email-notes')}
          />
          <FieldError field="email" errors={errors} />
        </p>
        <p class="comment-form-url">
          <label for="url">Website</label>
          <input
            id="url"
            name="url"
            type="url"
            value={values.url}
            size="30"
            autocomplete="url"
            aria-invalid={errors.url ? 'true' : undefined}
            aria-describedby={describedBy('url', errors)}
          />
          <FieldError field="url" errors={errors} />
        </p>
        <p class="honeypot" aria-hidden="true">
          <label for={HONEYPOT_FIELD}>Leave this field empty</label>
          <input
            id={HONEYPOT_FIELD}
            name={HONEYPOT_FIELD}
            type="text"
            value=""
            tabindex="-1"
            autocomplete="off"
          />
        </p>
        <p class="comment-form-cookies-consent checkbox">
          <input
            id="wp-comment-cookies-consent"
            name="wp-comment-cookies-consent"
            type="checkbox"
            value="yes"
            checked={values.saveCommenter}
          />{' '}
          <label for="wp-comment-cookies-consent">
            Save my name, email, and website in this browser for the next time I comment.
          </label>
        </p>
        <p class="comment-form-notify checkbox">
          <input
            id="notify_replies"
            name="notify_replies"
            type="checkbox"
            value="yes"
            checked={values.notifyReplies}
          />{' '}
          <label for="notify_replies">Email me when someone replies to my comment.</label>
        </p>
        <p class="form-submit">
          <input name="submit" type="submit" id="submit" class="submit" value="Post Comment" />
          <input type="hidden" name="comment_post_ID" value={String(props.articleId)} id="comment_post_ID" />
          <input type="hidden" name="comment_parent" id="comment_parent" value={String(replyTo?.id ?? 0)} />
          <input type="hidden" name={FORM_TOKEN_FIELD} value={props.token} />
        </p>
      </form>
    </div>
  );
}
