/** The article editor: the form (usable without JavaScript), its workflow buttons, and the conflict and restore notices. */
import type { Article, Category } from '../articles/article.js';
import type { NewsroomViewer } from '../http/newsroom-plugin.js';
import type { MediaItem } from '../media/media.js';
import { canEditArticle, canPublishArticle, hasRoleAtLeast } from '../users/user.js';
import { formatDateTime } from '../views/format.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import type { ArticleForm } from './article-form.js';
import { ActionButton, CsrfField, ErrorSummary, SelectField, TextField } from './newsroom-layout.js';

/** The other version shown when a save conflicted. */
export interface ConflictView {
  headline: string;
  dek: string;
  bodySource: string;
  version: number;
}

/** Everything the editor page shows. */
export interface EditorPageProps {
  viewer: NewsroomViewer;
  article: Article | null;
  form: ArticleForm;
  version: number;
  errors: Record<string, string>;
  message?: string;
  conflict?: ConflictView;
  autosave?: { savedAt: string } | null;
  restoredFromAutosave?: boolean;
  categories: Category[];
  media: MediaItem[];
  choices: { slug: string; headline: string; language: string }[];
  previewUrl: string | null;
  /** Where readers find the article (its permalink), when published. */
  publicUrl: string | null;
  revisionCount: number;
  timeZone: string;
  languages: string[];
}

function statusLabel(article: Article): string {
  if (article.deletedAt) return 'In the trash';
  if (article.status === 'draft' && article.submittedForReview) return 'Draft, submitted for review';
  return article.status[0]!.toUpperCase() + article.status.slice(1);
}

function TextArea(props: {
  name: string;
  label: string;
  value: string;
  rows: number;
  error?: string;
  hint?: string;
  attrs?: Record<string, unknown>;
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
      {props.error ? (
        <span class="field-error" id={`${id}-error`}>
          {props.error}
        </span>
      ) : null}
      {h(
        'textarea',
        {
          id,
          name: props.name,
          rows: props.rows,
          'aria-invalid': props.error ? 'true' : undefined,
          'aria-describedby': props.hint ? `${id}-hint` : undefined,
          ...props.attrs,
        },
        // A leading newline inside <textarea> is dropped by HTML parsers; doubling it keeps the text exact.
        props.value.startsWith('\n') ? `\n${props.value}` : props.value,
      )}
    </p>
  );
}

const TOOLBAR: { action: string; label: string; title: string }[] = [
  { action: 'bold', label: 'B', title: 'Bold' },
  { action: 'italic', label: 'I', title: 'Italic' },
  { action: 'link', label: 'Link', title: 'Link' },
  { action: 'heading', label: 'H', title: 'Heading' },
  { action: 'quote', label: '“ ”', title: 'Quote' },
  { action: 'list', label: '• List', title: 'Bulleted list' },
  { action: 'image', label: 'Image', title: 'Image' },
];

/** The editor page body. */
export function ArticleEditorPage(props: EditorPageProps): SafeHtml {
  const { viewer, article, form, errors } = props;
  const user = viewer.user;
  const isNew = article === null;
  const owner = { ownerId: article?.ownerId ?? user.id, status: article?.status ?? 'draft' };
  const mayPublish = canPublishArticle(user, owner);
  const mayEdit = isNew || canEditArticle(user, owner);
  const action = isNew ? '/newsroom/articles' : `/newsroom/articles/${article.id}`;
  const articleKey = isNew ? 'new' : String(article.id);
  const isPublished = article?.status === 'published';
  const media = props.media;
  // As in WordPress, contributors choose existing images but do not upload.
  const mayUpload = hasRoleAtLeast(user, 'author');
  const selectedMedia = form.featuredMediaId;
  return (
    <>
      <header class="editor-header">
        <h1>{isNew ? 'New article' : `Edit: ${article.headline}`}</h1>
        {article ? (
          <p class="editor-status">
            <strong>{statusLabel(article)}</strong>
            {article.status === 'scheduled' && article.publishedAt
              ? ` for ${formatDateTime(article.publishedAt, props.timeZone)}`
              : ''}
            {' · '}last saved {formatDateTime(article.updatedAt, props.timeZone)}
            {' · '}
            <a href={`/newsroom/articles/${article.id}/revisions`}>Revisions ({props.revisionCount})</a>
            {props.previewUrl ? (
              <>
                {' · '}
                <a href={props.previewUrl} target="_blank" rel="noopener">
                  Preview link
                </a>
              </>
            ) : null}
            {isPublished && !article.deletedAt ? (
              <>
                {' · '}
                <a href={props.publicUrl ?? `/${article.slug}/`}>View on the site</a>
              </>
            ) : null}
          </p>
        ) : null}
      </header>

      {props.conflict ? (
        <section class="conflict" role="alert" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">Someone else saved this article while you were editing</h2>
          <p>
            Nothing has been overwritten. Their version is on the left; yours is in the form below. Copy what
            you need from theirs, then save again to replace it with yours.
          </p>
          <div class="conflict-versions">
            <div>
              <h3>Their version (saved, version {props.conflict.version})</h3>
              <p class="conflict-headline">{props.conflict.headline}</p>
              {props.conflict.dek ? <p class="conflict-dek">{props.conflict.dek}</p> : null}
              <pre class="conflict-body">{props.conflict.bodySource}</pre>
            </div>
            <div>
              <h3>Your version (not saved yet)</h3>
              <p class="conflict-headline">{form.headline}</p>
              {form.dek ? <p class="conflict-dek">{form.dek}</p> : null}
              <pre class="conflict-body">{form.bodySource}</pre>
            </div>
          </div>
        </section>
      ) : null}

      {props.autosave && !props.restoredFromAutosave ? (
        <p class="notice autosave-notice" role="status">
          You have unsaved changes from {formatDateTime(props.autosave.savedAt, props.timeZone)}.{' '}
          <a
            href={`${isNew ? '/newsroom/articles/new' : `/newsroom/articles/${article.id}/edit`}?restore=autosave`}
          >
            Restore them
          </a>
        </p>
      ) : null}
      {props.restoredFromAutosave ? (
        <p class="notice" role="status">
          Your autosaved changes are back in the form. Save to keep them.
        </p>
      ) : null}
      <div class="local-restore" hidden role="status">
        <p>
          Text you typed in this browser was not saved.{' '}
          <button type="button" data-restore-local>
            Restore it
          </button>{' '}
          <button type="button" class="link-button" data-discard-local>
            Discard
          </button>
        </p>
      </div>

      <ErrorSummary errors={errors} message={props.message} />
      {!mayEdit ? <p class="notice">You can read this article but not change it.</p> : null}

      <form
        method="post"
        action={action}
        id="article-form"
        class="editor"
        data-article-key={articleKey}
        data-autosave-url={`/newsroom/articles/${isNew ? 'new' : article.id}/autosave`}
        data-preview-url="/newsroom/preview"
        data-upload-url={mayUpload ? '/newsroom/media' : undefined}
      >
        <CsrfField token={viewer.csrfToken} />
        <input type="hidden" name="version" value={String(props.version)} />
        <div class="editor-main">
          <TextField
            name="headline"
            label="Headline"
            value={form.headline}
            error={errors.headline}
            required
          />
          <TextArea
            name="dek"
            label="Dek"
            value={form.dek}
            rows={2}
            error={errors.dek}
            hint="The line under the headline."
          />
          <div class="body-editor">
            <div
              class="toolbar js-only"
              role="toolbar"
              aria-label="Formatting"
              aria-controls="field-bodySource"
              hidden
            >
              {TOOLBAR.map((t) => (
                <button type="button" data-md={t.action} title={t.title} aria-label={t.title}>
                  {t.label}
                </button>
              ))}
              <button type="button" data-toggle-preview aria-pressed="false">
                Preview
              </button>
            </div>
            <TextArea
              name="bodySource"
              label="Body (Markdown)"
              value={form.bodySource}
              rows={24}
              error={errors.bodySource}
              hint="Markdown: **bold**, *italic*, [link](https://…), ## heading, > quote, - list, ![alt text](image). Drop an image here to upload it."
              attrs={{ 'data-dropzone': mayUpload ? 'true' : undefined, class: 'body-source' }}
            />
            <div
              id="live-preview"
              class="live-preview article-body"
              role="region"
              aria-live="polite"
              aria-label="Preview"
              hidden
            ></div>
            {mayUpload ? (
              <p class="upload-inline js-only" hidden>
                <label for="body-image">Insert an image</label>
                <input
                  type="file"
                  id="body-image"
                  accept="image/jpeg,image/png,image/gif,image/webp,image/avif"
                />
                <label for="body-image-alt">Alt text</label>
                <input type="text" id="body-image-alt" placeholder="What the image shows" />
                <span class="upload-status" aria-live="polite"></span>
              </p>
            ) : null}
          </div>
          <TextArea
            name="excerpt"
            label="Excerpt"
            value={form.excerpt}
            rows={3}
            hint="For lists and feeds; left empty, the start of the body is used."
          />
        </div>

        <aside class="editor-side">
          {mayEdit ? (
            <section class="publish-box" aria-labelledby="publish-heading">
              <h2 id="publish-heading">Publish</h2>
              <p>
                <button type="submit" name="intent" value="save">
                  {isPublished ? 'Update' : 'Save draft'}
                </button>
              </p>
              {!mayPublish && !isPublished && !article?.submittedForReview ? (
                <p>
                  <button type="submit" name="intent" value="submit">
                    Submit for review
                  </button>
                </p>
              ) : null}
              {mayPublish && !isPublished ? (
                <>
                  <p>
                    <button type="submit" name="intent" value="publish" class="primary">
                      Publish now
                    </button>
                  </p>
                  <TextField
                    name="publishAt"
                    label={`Publish at (${props.timeZone})`}
                    type="datetime-local"
                    value={form.publishAt}
                    error={errors.publishAt}
                    attrs={{ step: '1' }}
                  />
                  <p>
                    <button type="submit" name="intent" value="schedule">
                      Schedule
                    </button>
                  </p>
                </>
              ) : null}
              <p class="autosave-status js-only" aria-live="polite" hidden></p>
            </section>
          ) : null}

          <TextField
            name="slug"
            label="Slug"
            value={form.slug}
            error={errors.slug}
            hint="The address: lowercase words and hyphens. Left empty, made from the headline."
            attrs={{ 'data-slug-source': 'field-headline', pattern: '[a-z0-9]+(-[a-z0-9]+)*' }}
          />
          <SelectField
            name="categoryId"
            label="Category"
            value={form.categoryId}
            error={errors.categoryId}
            options={[
              { value: '', label: '(none)' },
              ...props.categories.map((c) => ({ value: String(c.id), label: c.name })),
            ]}
          />
          <TextField
            name="tags"
            label="Tags"
            value={form.tags}
            error={errors.tags}
            hint="Separate with commas; new tags are created."
          />
          <TextArea
            name="bylines"
            label="Bylines"
            value={form.bylines}
            rows={3}
            error={errors.bylines}
            hint="One name per line, in order. A name without an account is fine."
          />

          <fieldset class="featured">
            <legend>Featured image</legend>
            <SelectField
              name="featuredMediaId"
              label="Image"
              value={selectedMedia}
              error={errors.featuredMediaId}
              options={[
                { value: '', label: '(none)' },
                ...media.map((m) => ({
                  value: String(m.id),
                  label: `${m.fileName}${m.altText ? ` – ${m.altText}` : ''}`,
                })),
              ]}
              hint="Upload in the media library, or drop an image on the body."
            />
            <input type="hidden" name="featuredImageUrl" value={form.featuredImageUrl} />
            {form.featuredImageUrl ? <img src={form.featuredImageUrl} alt="" class="featured-thumb" /> : null}
            <TextField
              name="featuredImageAlt"
              label="Alt text"
              value={form.featuredImageAlt}
              error={errors.featuredImageAlt}
            />
            <TextField name="featuredImageCaption" label="Caption" value={form.featuredImageCaption} />
            <TextField name="featuredImageCredit" label="Credit" value={form.featuredImageCredit} />
          </fieldset>

          <fieldset>
            <legend>Language</legend>
            <TextField
              name="language"
              label="Language"
              value={form.language}
              error={errors.language}
              hint="A language tag: en, fr, pt-BR…"
              attrs={{ list: 'languages' }}
            />
            <datalist id="languages">
              {props.languages.map((l) => (
                <option value={l}></option>
              ))}
            </datalist>
            <TextField
              name="translationOf"
              label="Translation of"
              value={form.translationOf}
              error={errors.translationOf}
              hint="The slug of the article this translates."
              attrs={{ list: 'article-choices' }}
            />
          </fieldset>

          <fieldset>
            <legend>See also</legend>
            <SelectField
              name="seeAlsoMode"
              label="Show “See also”"
              value={form.seeAlsoMode}
              options={[
                { value: 'auto', label: 'Yes (related articles)' },
                { value: 'off', label: 'No' },
              ]}
            />
            <TextField
              name="seeAlsoPin"
              label="Pin an article"
              value={form.seeAlsoPin}
              error={errors.seeAlsoPin}
              hint="Slug of the article always shown first."
              attrs={{ list: 'article-choices' }}
            />
            <TextField
              name="seeAlsoExclude"
              label="Never suggest"
              value={form.seeAlsoExclude}
              error={errors.seeAlsoExclude}
              hint="Slugs, separated by commas."
            />
            {isNew ? null : (
              <p>
                <a href={`/newsroom/articles/${article.id}/related`}>What the engine suggests, and why</a>
              </p>
            )}
          </fieldset>
          <datalist id="article-choices">
            {props.choices.map((c) => (
              <option value={c.slug}>{`${c.headline} (${c.language})`}</option>
            ))}
          </datalist>

          <fieldset>
            <legend>Options</legend>
            <p class="field checkbox">
              <input
                type="checkbox"
                id="field-commentsOpen"
                name="commentsOpen"
                value="1"
                checked={form.commentsOpen}
              />
              <label for="field-commentsOpen">Comments open</label>
            </p>
            <TextArea
              name="metaDescription"
              label="Search description"
              value={form.metaDescription}
              rows={2}
            />
            {hasRoleAtLeast(user, 'editor') ? (
              <SelectField
                name="kind"
                label="Type"
                value={form.kind}
                options={[
                  { value: 'article', label: 'Article' },
                  { value: 'page', label: 'Page (About, Contact…)' },
                ]}
              />
            ) : (
              <input type="hidden" name="kind" value={form.kind} />
            )}
          </fieldset>
        </aside>
      </form>

      {article ? (
        <ArticleActions {...props} article={article} mayPublish={mayPublish} mayEdit={mayEdit} />
      ) : null}
    </>
  );
}

function ArticleActions(
  props: EditorPageProps & { article: Article; mayPublish: boolean; mayEdit: boolean },
): SafeHtml {
  const { article, viewer } = props;
  const token = viewer.csrfToken;
  const base = `/newsroom/articles/${article.id}`;
  return (
    <section class="article-actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">More actions</h2>
      <p class="button-row">
        {props.mayPublish && article.status === 'published' && !article.deletedAt ? (
          <>
            <ActionButton action={`${base}/unpublish`} label="Unpublish" csrfToken={token} />
            <ActionButton action={`${base}/archive`} label="Archive" csrfToken={token} />
          </>
        ) : null}
        {props.mayPublish && article.status === 'scheduled' ? (
          <ActionButton action={`${base}/unpublish`} label="Cancel schedule" csrfToken={token} />
        ) : null}
        {props.mayEdit && !article.deletedAt ? (
          <ActionButton
            action={`${base}/trash`}
            label="Move to trash"
            csrfToken={token}
            className="danger"
            confirm="Move this article to the trash?"
          />
        ) : null}
        {props.mayEdit && article.deletedAt ? (
          <ActionButton action={`${base}/restore`} label="Restore from trash" csrfToken={token} />
        ) : null}
      </p>
      {props.mayPublish && article.status === 'published' ? (
        <section aria-labelledby="corrections-heading" class="corrections-box">
          <h3 id="corrections-heading">Corrections</h3>
          {article.corrections.length ? (
            <ul>
              {article.corrections.map((c) => (
                <li>
                  <time datetime={c.correctedAt}>{formatDateTime(c.correctedAt, props.timeZone)}</time>:{' '}
                  {c.text}
                </li>
              ))}
            </ul>
          ) : (
            <p>None.</p>
          )}
          <form method="post" action={`${base}/corrections`}>
            <CsrfField token={token} />
            <p class="field">
              <label for="field-correction">Add a correction</label>
              <span class="hint" id="field-correction-hint">
                Shown on the article with today's date; it also marks the article as updated.
              </span>
              <textarea
                id="field-correction"
                name="correction"
                rows={3}
                aria-describedby="field-correction-hint"
              ></textarea>
            </p>
            <p>
              <button type="submit">Add correction</button>
            </p>
          </form>
        </section>
      ) : null}
    </section>
  );
}
