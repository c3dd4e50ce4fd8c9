/** The newsroom's own page frame: navigation by role, account menu, notices, and the CSRF token for scripts. */
import type { NewsroomViewer } from '../http/newsroom-plugin.js';
import { canAdminister, canModerate } from '../users/user.js';
import { Fragment, h, raw, type SafeHtml } from '../views/jsx.js';

/** Short confirmations shown after a redirect (`?done=…`); only these fixed texts are ever shown. */
export const NOTICES: Record<string, string> = {
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'You are signed out on every device.',
  'password-changed': 'Your password is changed. Other devices have been signed out.',
  'password-reset': 'Your password is set. Sign in with it now.',
  saved: 'Saved.',
  created: 'Draft created.',
  published: 'Published.',
  scheduled: 'Scheduled.',
  unpublished: 'Unpublished: the article is a draft again.',
  archived: 'Archived.',
  trashed: 'Moved to the trash. You can restore it from the trash.',
  restored: 'Restored as a draft.',
  submitted: 'Submitted for review. An editor will look at it.',
  corrected: 'Correction added.',
  'revision-restored': 'Revision restored.',
  uploaded: 'Uploaded.',
  'media-updated': 'Media details saved.',
  'media-deleted': 'Deleted.',
  invited: 'Invitation sent.',
  'role-changed': 'Role changed.',
  deactivated: 'Account deactivated.',
  reactivated: 'Account reactivated.',
  'settings-saved': 'Settings saved.',
  'category-saved': 'Category saved.',
  'category-deleted': 'Category deleted.',
  'tag-saved': 'Tag saved.',
  'tag-deleted': 'Tag deleted.',
  merged: 'Merged.',
  'token-revoked': 'API token revoked: requests with its key are refused from now on.',
  'webhook-deleted': 'Webhook deleted: it receives nothing more.',
  moderated: 'Done.',
};

function NavItem(props: { href: string; current: string; children?: unknown }): SafeHtml {
  const active = props.current === props.href;
  return (
    <li>
      <a href={props.href} aria-current={active ? 'page' : undefined}>
        {props.children as string}
      </a>
    </li>
  );
}

/** A full newsroom document. `viewer` is null on the sign-in pages. */
export function NewsroomLayout(props: {
  title: string;
  siteTitle: string;
  viewer: NewsroomViewer | null;
  current?: string;
  notice?: string | null;
  bodyClass?: string;
  children?: unknown;
}): SafeHtml {
  const { viewer } = props;
  const current = props.current ?? '';
  const notice = props.notice ? NOTICES[props.notice] : undefined;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} – ${props.siteTitle} newsroom`}</title>
        {viewer ? <meta name="csrf-token" content={viewer.csrfToken} /> : null}
        <link rel="stylesheet" href="/newsroom/assets/newsroom.css" />
        <script src="/newsroom/assets/newsroom.js" defer></script>
      </head>
      <body class={props.bodyClass ?? 'newsroom'}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="nr-header">
          <p class="nr-brand">
            <a href="/newsroom/">{props.siteTitle}</a> <span>newsroom</span>
          </p>
          {viewer ? (
            <>
              <nav aria-label="Newsroom">
                <ul>
                  <NavItem href="/newsroom/" current={current}>
                    Dashboard
                  </NavItem>
                  <NavItem href="/newsroom/articles" current={current}>
                    Articles
                  </NavItem>
                  <NavItem href="/newsroom/media" current={current}>
                    Media
                  </NavItem>
                  {canModerate(viewer.user) ? (
                    <>
                      <NavItem href="/newsroom/comments" current={current}>
                        Comments
                      </NavItem>
                      <NavItem href="/newsroom/categories" current={current}>
                        Categories
                      </NavItem>
                      <NavItem href="/newsroom/tags" current={current}>
                        Tags
                      </NavItem>
                    </>
                  ) : null}
                  {canAdminister(viewer.user) ? (
                    <>
                      <NavItem href="/newsroom/users" current={current}>
                        Users
                      </NavItem>
                      <NavItem href="/newsroom/settings" current={current}>
                        Settings
                      </NavItem>
                      <NavItem href="/newsroom/api-tokens" current={current}>
                        API tokens
                      </NavItem>
                      <NavItem href="/newsroom/webhooks" current={current}>
                        Webhooks
                      </NavItem>
                    </>
                  ) : null}
                </ul>
              </nav>
              <div class="nr-account">
                <a href="/newsroom/account">{viewer.user.displayName}</a> <span>({viewer.user.role})</span>
                <form method="post" action="/newsroom/sign-out" class="inline">
                  <CsrfField token={viewer.csrfToken} />
                  <button type="submit" class="link-button">
                    Sign out
                  </button>
                </form>
                <a href="/" class="nr-view-site">
                  View site
                </a>
              </div>
            </>
          ) : null}
        </header>
        <main id="main" class="nr-main">
          {notice ? (
            <p class="notice" role="status">
              {notice}
            </p>
          ) : null}
          {props.children as SafeHtml}
        </main>
      </body>
    </html>
  );
}

/** The hidden CSRF field every newsroom form carries. */
export function CsrfField(props: { token: string }): SafeHtml {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

/** A summary of form errors at the top of a form, linking to each field. */
export function ErrorSummary(props: { errors: Record<string, string>; message?: string }): SafeHtml {
  const entries = Object.entries(props.errors);
  if (entries.length === 0 && !props.message) return raw('');
  return (
    <div class="error-summary" role="alert" tabindex="-1">
      <p>{props.message ?? 'Please correct the following:'}</p>
      {entries.length ? (
        <ul>
          {entries.map(([field, message]) => (
            <li>
              <a href={`#field-${field}`}>{message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A labelled input with its error message. */
export function TextField(props: {
  name: string;
  label: string;
  value?: string | number | null;
  type?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  attrs?: Record<string, unknown>;
}): SafeHtml {
  const id = `field-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <p class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
      {h('input', {
        id,
        name: props.name,
        type: props.type ?? 'text',
        value: props.value ?? '',
        required: props.required,
        autocomplete: props.autocomplete,
        'aria-invalid': props.error ? 'true' : undefined,
        'aria-describedby': describedBy || undefined,
        ...props.attrs,
      })}
    </p>
  );
}

/** A labelled select. */
export function SelectField(props: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  error?: string;
  hint?: string;
}): SafeHtml {
  const id = `field-${props.name}`;
  return (
    <p class={props.error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? <span class="field-error">{props.error}</span> : null}
      <select id={id} name={props.name} aria-describedby={props.hint ? `${id}-hint` : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </p>
  );
}

/** A single-button POST form (publish, trash, approve…), protected like every form. */
export function ActionButton(props: {
  action: string;
  label: string;
  csrfToken: string;
  className?: string;
  fields?: Record<string, string | number>;
  confirm?: string;
}): SafeHtml {
  return (
    <form method="post" action={props.action} class="inline" data-confirm={props.confirm}>
      <CsrfField token={props.csrfToken} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={String(value)} />
      ))}
      <button type="submit" class={props.className}>
        {props.label}
      </button>
    </form>
  );
}

/**
 * The panel on the answer page after creating a credential (an API key, a signing secret): the only time
 * anyone sees it, since only a fingerprint or the receiver keeps it.
 */
export function ShownOnce(props: {
  id: string;
  heading: string;
  why: string;
  secret: string;
  hint: SafeHtml | string;
}): SafeHtml {
  return (
    <section class="shown-once" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      <p>
        <strong>Copy it now: it will not be shown again.</strong> {props.why}
      </p>
      <p>
        <code class="secret">{props.secret}</code>
      </p>
      <p class="hint">{props.hint}</p>
    </section>
  );
}

/** Page numbers for a list: previous/next links keeping the other query parameters. */
export function Pager(props: {
  page: number;
  pages: number;
  query: Record<string, string | undefined>;
}): SafeHtml {
  if (props.pages <= 1) return raw('');
  const link = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(props.query)) if (v) params.set(k, v);
    params.set('page', String(page));
    return `?${params.toString()}`;
  };
  return (
    <nav class="pager" aria-label="Pages">
      {props.page > 1 ? <a href={link(props.page - 1)}>← Previous</a> : <span></span>}
      <span>
        Page {props.page} of {props.pages}
      </span>
      {props.page < props.pages ? <a href={link(props.page + 1)}>Next →</a> : <span></span>}
    </nav>
  );
}
