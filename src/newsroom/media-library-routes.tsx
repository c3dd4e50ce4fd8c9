/**
 * The media library: upload (plain file input, or drag and drop through
 * newsroom.js), search, describe (alt text, caption, credit) and delete.
 * As in WordPress, contributors may browse and choose images but not upload;
 * authors manage their own uploads and editors everyone's.
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.js';
import { wantsJson } from '../http/errors.js';
import { type NewsroomViewer, viewerOf } from '../http/newsroom-plugin.js';
import { MAX_UPLOAD_BYTES, type MediaItem, srcsets } from '../media/media.js';
import { hasRoleAtLeast } from '../users/user.js';
import { formatDateTime } from '../views/format.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import { ActionButton, CsrfField, ErrorSummary, Pager, TextField } from './newsroom-layout.js';

const PAGE_SIZE = 40;
const ListQuery = Type.Object({
  q: Type.String({ default: '', maxLength: 200 }),
  page: Type.Integer({ default: 1, minimum: 1, maximum: 100000 }),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const DescribeBody = Type.Object({
  altText: Type.String({ default: '', maxLength: 1000 }),
  caption: Type.String({ default: '', maxLength: 1000 }),
  credit: Type.String({ default: '', maxLength: 1000 }),
});

/** A multipart field value (attachFieldsToBody wraps each as { value } or a file). */
interface MultipartPart {
  type?: 'file' | 'field';
  value?: unknown;
  filename?: string;
  toBuffer?: () => Promise<Buffer>;
}

function partValue(body: Record<string, MultipartPart | undefined>, name: string): string {
  const part = body[name];
  return part && part.type !== 'file' && typeof part.value === 'string' ? part.value : '';
}

/** The smallest WebP rendition, for thumbnails. */
export function thumbnailUrl(item: MediaItem): string {
  const webp = item.variants.filter((v) => v.format === 'webp').sort((a, b) => a.width - b.width)[0];
  return webp ? `/media/${webp.path}` : item.url;
}

/** The Markdown that places the item in an article body. */
export function markdownFor(item: MediaItem): string {
  return `![${item.altText.replace(/[[\]]/g, '')}](${item.url})`;
}

function mayManage(viewer: NewsroomViewer, item: MediaItem): boolean {
  return (
    hasRoleAtLeast(viewer.user, 'editor') ||
    (viewer.user.role === 'author' && item.uploadedBy === viewer.user.id)
  );
}

function UploadForm(props: { csrfToken: string; errors: Record<string, string> }): SafeHtml {
  return (
    <section class="card-form upload" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload an image</h2>
      <ErrorSummary errors={props.errors} />
      <form
        method="post"
        action="/newsroom/media"
        enctype="multipart/form-data"
        class="upload-form"
        data-dropzone-form
      >
        <CsrfField token={props.csrfToken} />
        <p class={props.errors.file ? 'field has-error dropzone' : 'field dropzone'}>
          <label for="field-file">
            Image (JPEG, PNG, GIF, WebP or AVIF, up to {MAX_UPLOAD_BYTES / 1024 / 1024} MB)
          </label>
          {props.errors.file ? <span class="field-error">{props.errors.file}</span> : null}
          <input
            id="field-file"
            type="file"
            name="file"
            accept="image/jpeg,image/png,image/gif,image/webp,image/avif"
            required
          />
          <span class="hint js-only" hidden>
            …or drop an image here.
          </span>
        </p>
        <TextField
          name="altText"
          label="Alt text"
          hint="What the image shows, for people who cannot see it. Required before publishing."
        />
        <TextField name="caption" label="Caption" />
        <TextField name="credit" label="Credit" />
        <p>
          <button type="submit">Upload</button>
        </p>
      </form>
    </section>
  );
}

/** Registers the media library routes. */
export function registerMediaLibraryRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx, media } = deps;

  async function libraryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    query: Static<typeof ListQuery>,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    const { items, total } = await media.list(query.q, PAGE_SIZE, (query.page - 1) * PAGE_SIZE);
    const canUpload = hasRoleAtLeast(viewer.user, 'author');
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Media', current: '/newsroom/media', status, bodyClass: 'newsroom wide' },
      <>
        <h1>Media library</h1>
        {canUpload ? <UploadForm csrfToken={viewer.csrfToken} errors={errors} /> : null}
        <form method="get" action="/newsroom/media" role="search" class="filters">
          <p class="field">
            <label for="media-q">Search file names, alt text, captions and credits</label>
            <input id="media-q" type="search" name="q" value={query.q} />
          </p>
          <p>
            <button type="submit">Search</button>
          </p>
        </form>
        <p class="result-count">
          {total} {total === 1 ? 'item' : 'items'}
        </p>
        <ul class="media-grid">
          {items.map((item) => (
            <li>
              <a href={`/newsroom/media/${item.id}`}>
                <img src={thumbnailUrl(item)} alt={item.altText} loading="lazy" width="160" />
                <span>{item.fileName}</span>
                {item.altText ? null : <span class="badge warn">no alt text</span>}
              </a>
            </li>
          ))}
        </ul>
        <Pager page={query.page} pages={Math.max(1, Math.ceil(total / PAGE_SIZE))} query={{ q: query.q }} />
      </>,
    );
  }

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/media',
    { config: { permission: 'write' }, schema: { querystring: ListQuery } },
    async (request, reply) => libraryPage(request, reply, request.query),
  );

  app.post('/media', { config: { permission: 'publish' } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const body = (request.body ?? {}) as Record<string, MultipartPart | undefined>;
    const file = body.file;
    if (!request.isMultipart() || !file || file.type !== 'file' || !file.toBuffer) {
      const error = new Invalid({ file: 'Choose an image to upload.' });
      if (wantsJson(request)) throw error;
      return libraryPage(request, reply, { q: '', page: 1 }, error.fields, 422);
    }
    let item: MediaItem;
    try {
      item = await media.upload({
        data: await file.toBuffer(),
        fileName: file.filename ?? 'image',
        altText: partValue(body, 'altText'),
        caption: partValue(body, 'caption'),
        credit: partValue(body, 'credit'),
        uploadedBy: viewer.user.id,
      });
    } catch (error) {
      if (error instanceof Invalid && !wantsJson(request))
        return libraryPage(request, reply, { q: '', page: 1 }, error.fields, 422);
      throw error;
    }
    if (wantsJson(request)) {
      return reply.code(201).send({
        id: item.id,
        url: item.url,
        altText: item.altText,
        markdown: markdownFor(item),
        thumbnailUrl: thumbnailUrl(item),
        fileName: item.fileName,
      });
    }
    return redirectAfterPost(reply, `/newsroom/media/${item.id}`, 'uploaded');
  });

  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    item: MediaItem,
    message?: string,
    status = 200,
  ) {
    const viewer = viewerOf(request);
    const settings = await ctx.settings();
    const uses = await media.usesOf(item.id);
    const manage = mayManage(viewer, item);
    const sets = srcsets(item.variants);
    return sendPage(
      deps,
      request,
      reply,
      { title: item.fileName, current: '/newsroom/media', status },
      <>
        <p>
          <a href="/newsroom/media">← Media library</a>
        </p>
        <h1>{item.fileName}</h1>
        {message ? <ErrorSummary errors={{}} message={message} /> : null}
        <picture>
          {Object.entries(sets)
            .filter(([type]) => type === 'image/avif' || type === 'image/webp')
            .map(([type, srcset]) => (
              <source type={type} srcset={srcset} sizes="(min-width: 48rem) 40rem, 100vw" />
            ))}
          <img src={item.url} alt={item.altText} class="media-preview" />
        </picture>
        <dl class="facts">
          <dt>Size</dt>
          <dd>
            {item.width ?? '?'} × {item.height ?? '?'} px, {Math.round(item.byteSize / 1024)} KB (
            {item.mimeType})
          </dd>
          <dt>Uploaded</dt>
          <dd>{formatDateTime(item.createdAt, settings.timezone)}</dd>
          <dt>Address</dt>
          <dd>
            <code>{item.url}</code>
          </dd>
          <dt>In the body</dt>
          <dd>
            <code>{markdownFor(item)}</code>
          </dd>
          <dt>Renditions</dt>
          <dd>
            {item.variants.length
              ? item.variants.map((v) => `${v.width}w ${v.format}`).join(', ')
              : 'original only'}
          </dd>
          <dt>Used by</dt>
          <dd>
            {uses.length ? (
              <ul class="plain">
                {uses.map((u) => (
                  <li>
                    <a href={`/newsroom/articles/${u.articleId}/edit`}>{u.headline}</a>
                  </li>
                ))}
              </ul>
            ) : (
              'No article.'
            )}
          </dd>
        </dl>
        {manage ? (
          <>
            <form method="post" action={`/newsroom/media/${item.id}`} class="card-form">
              <CsrfField token={viewer.csrfToken} />
              <TextField
                name="altText"
                label="Alt text"
                value={item.altText}
                hint="Required before an article using it is published."
              />
              <TextField name="caption" label="Caption" value={item.caption} />
              <TextField name="credit" label="Credit" value={item.credit} />
              <p>
                <button type="submit">Save details</button>
              </p>
            </form>
            <ActionButton
              action={`/newsroom/media/${item.id}/delete`}
              label="Delete"
              className="danger"
              csrfToken={viewer.csrfToken}
              confirm="Delete this image and all its sizes?"
            />
          </>
        ) : null}
      </>,
    );
  }

  async function load(id: number): Promise<MediaItem> {
    const item = await media.find(id);
    if (!item) throw new NotFound('That media item does not exist.');
    return item;
  }

  app.get<{ Params: Static<typeof IdParams> }>(
    '/media/:id',
    { config: { permission: 'write' }, schema: { params: IdParams } },
    async (request, reply) => detailPage(request, reply, await load(request.params.id)),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof DescribeBody> }>(
    '/media/:id',
    { config: { permission: 'publish' }, schema: { params: IdParams, body: DescribeBody } },
    async (request, reply) => {
      const item = await load(request.params.id);
      if (!mayManage(viewerOf(request), item)) throw new Forbidden('You can only change your own uploads.');
      await media.describe(item.id, request.body);
      return redirectAfterPost(reply, `/newsroom/media/${item.id}`, 'media-updated');
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/media/:id/delete',
    { config: { permission: 'publish' }, schema: { params: IdParams } },
    async (request, reply) => {
      const item = await load(request.params.id);
      if (!mayManage(viewerOf(request), item)) throw new Forbidden('You can only delete your own uploads.');
      try {
        await media.remove(item.id);
      } catch (error) {
        if (error instanceof Conflict && !wantsJson(request))
          return detailPage(request, reply, item, error.message, 409);
        throw error;
      }
      return redirectAfterPost(reply, '/newsroom/media', 'media-deleted');
    },
  );
}
