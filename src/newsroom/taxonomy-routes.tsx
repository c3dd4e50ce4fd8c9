/** Categories and tags screens (editors and admins): list with article counts, create, rename, merge, delete with reassignment. */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Category, Tag } from '../articles/article.js';
import { Invalid } from '../errors.js';
import { viewerOf } from '../http/newsroom-plugin.js';
import { Fragment, h, type SafeHtml } from '../views/jsx.js';
import { type NewsroomDeps, redirectAfterPost, sendPage } from './newsroom-context.js';
import { CsrfField, ErrorSummary, SelectField, TextField } from './newsroom-layout.js';
import { createTaxonomyService } from './taxonomy-service.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const TermBody = Type.Object({
  name: Type.String({ default: '', maxLength: 500 }),
  slug: Type.String({ default: '', maxLength: 200 }),
  description: Type.String({ default: '', maxLength: 5000 }),
  parentId: Type.String({ default: '', maxLength: 20 }),
});
const ReplacementBody = Type.Object({ replacementId: Type.String({ default: '', maxLength: 20 }) });
const MergeBody = Type.Object({ intoId: Type.String({ default: '', maxLength: 20 }) });
type TermInput = Static<typeof TermBody>;

function optionalId(value: string): number | null {
  return /^\d+$/.test(value) ? Number(value) : null;
}

function TermFields(props: {
  values: Partial<TermInput>;
  errors: Record<string, string>;
  parents?: Category[];
}): SafeHtml {
  return (
    <>
      <TextField name="name" label="Name" value={props.values.name} error={props.errors.name} required />
      <TextField
        name="slug"
        label="Slug"
        value={props.values.slug}
        error={props.errors.slug}
        hint="Left empty, made from the name."
      />
      {props.parents ? (
        <SelectField
          name="parentId"
          label="Parent category"
          value={props.values.parentId ?? ''}
          error={props.errors.parentId}
          options={[
            { value: '', label: '(top level)' },
            ...props.parents.map((c) => ({ value: String(c.id), label: c.name })),
          ]}
        />
      ) : null}
      <p class="field">
        <label for="field-description">Description</label>
        <textarea id="field-description" name="description" rows={3}>
          {props.values.description ?? ''}
        </textarea>
      </p>
    </>
  );
}

/** Registers the taxonomy routes. */
export function registerTaxonomyRoutes(app: FastifyInstance, deps: NewsroomDeps): void {
  const { ctx } = deps;
  const taxonomy = createTaxonomyService({ store: ctx.stores.taxonomy, events: ctx.stores.events });
  const permission = { permission: 'edit-taxonomy' as const };

  async function categoriesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Partial<TermInput> = {},
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    const [categories, counts] = await Promise.all([
      ctx.stores.taxonomy.listCategories(),
      ctx.stores.taxonomy.countArticlesByCategory(),
    ]);
    const nameOf = (id: number | null) => categories.find((c) => c.id === id)?.name ?? '';
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Categories', current: '/newsroom/categories', status },
      <>
        <h1>Categories</h1>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Slug</th>
              <th scope="col">Parent</th>
              <th scope="col">Articles</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr>
                <td>
                  <a href={`/newsroom/categories/${c.id}`}>{c.name}</a>
                </td>
                <td>{c.slug}</td>
                <td>{nameOf(c.parentId)}</td>
                <td>{counts.get(c.id) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <section class="card-form" aria-labelledby="new-category">
          <h2 id="new-category">Add a category</h2>
          <ErrorSummary errors={errors} />
          <form method="post" action="/newsroom/categories">
            <CsrfField token={viewer.csrfToken} />
            <TermFields values={values} errors={errors} parents={categories} />
            <p>
              <button type="submit">Add category</button>
            </p>
          </form>
        </section>
      </>,
    );
  }

  async function categoryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    category: Category,
    values: Partial<TermInput>,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    const [categories, counts] = await Promise.all([
      ctx.stores.taxonomy.listCategories(),
      ctx.stores.taxonomy.countArticlesByCategory(),
    ]);
    const others = categories.filter((c) => c.id !== category.id);
    return sendPage(
      deps,
      request,
      reply,
      { title: category.name, current: '/newsroom/categories', status },
      <>
        <p>
          <a href="/newsroom/categories">← Categories</a>
        </p>
        <h1>Category: {category.name}</h1>
        <ErrorSummary errors={errors} />
        <form method="post" action={`/newsroom/categories/${category.id}`} class="card-form">
          <CsrfField token={viewer.csrfToken} />
          <TermFields values={values} errors={errors} parents={others} />
          <p>
            <button type="submit">Save</button>
          </p>
        </form>
        <section class="card-form danger-zone" aria-labelledby="delete-category">
          <h2 id="delete-category">Delete this category</h2>
          <form
            method="post"
            action={`/newsroom/categories/${category.id}/delete`}
            data-confirm="Delete this category?"
          >
            <CsrfField token={viewer.csrfToken} />
            <SelectField
              name="replacementId"
              label={`Move its ${counts.get(category.id) ?? 0} articles and its subcategories to`}
              value=""
              error={errors.replacementId}
              options={[
                { value: '', label: '(no category)' },
                ...others.map((c) => ({ value: String(c.id), label: c.name })),
              ]}
            />
            <p>
              <button type="submit" class="danger">
                Delete category
              </button>
            </p>
          </form>
        </section>
      </>,
    );
  }

  app.get('/categories', { config: permission }, async (request, reply) => categoriesPage(request, reply));

  app.post<{ Body: TermInput }>(
    '/categories',
    { config: permission, schema: { body: TermBody } },
    async (request, reply) => {
      try {
        await taxonomy.createCategory({ ...request.body, parentId: optionalId(request.body.parentId) });
      } catch (error) {
        if (error instanceof Invalid) return categoriesPage(request, reply, request.body, error.fields, 422);
        throw error;
      }
      return redirectAfterPost(reply, '/newsroom/categories', 'category-saved');
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/categories/:id',
    { config: permission, schema: { params: IdParams } },
    async (request, reply) => {
      const category = await taxonomy.category(request.params.id);
      return categoryPage(request, reply, category, {
        ...category,
        parentId: category.parentId === null ? '' : String(category.parentId),
      });
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: TermInput }>(
    '/categories/:id',
    { config: permission, schema: { params: IdParams, body: TermBody } },
    async (request, reply) => {
      const category = await taxonomy.category(request.params.id);
      try {
        await taxonomy.updateCategory(category.id, {
          ...request.body,
          parentId: optionalId(request.body.parentId),
        });
      } catch (error) {
        if (error instanceof Invalid)
          return categoryPage(request, reply, category, request.body, error.fields, 422);
        throw error;
      }
      return redirectAfterPost(reply, '/newsroom/categories', 'category-saved');
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ReplacementBody> }>(
    '/categories/:id/delete',
    { config: permission, schema: { params: IdParams, body: ReplacementBody } },
    async (request, reply) => {
      await taxonomy.deleteCategory(request.params.id, optionalId(request.body.replacementId));
      return redirectAfterPost(reply, '/newsroom/categories', 'category-deleted');
    },
  );

  async function tagsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Partial<TermInput> = {},
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    const [tags, counts] = await Promise.all([
      ctx.stores.taxonomy.listTags(),
      ctx.stores.taxonomy.countArticlesByTag(),
    ]);
    return sendPage(
      deps,
      request,
      reply,
      { title: 'Tags', current: '/newsroom/tags', status },
      <>
        <h1>Tags</h1>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Slug</th>
              <th scope="col">Articles</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <tr>
                <td>
                  <a href={`/newsroom/tags/${t.id}`}>{t.name}</a>
                  {t.isInternal ? <span class="badge">internal</span> : null}
                </td>
                <td>{t.slug}</td>
                <td>{counts.get(t.id) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <section class="card-form" aria-labelledby="new-tag">
          <h2 id="new-tag">Add a tag</h2>
          <ErrorSummary errors={errors} />
          <form method="post" action="/newsroom/tags">
            <CsrfField token={viewer.csrfToken} />
            <TermFields values={values} errors={errors} />
            <p>
              <button type="submit">Add tag</button>
            </p>
          </form>
        </section>
      </>,
    );
  }

  async function tagPage(
    request: FastifyRequest,
    reply: FastifyReply,
    tag: Tag,
    values: Partial<TermInput>,
    errors: Record<string, string> = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    const [tags, counts] = await Promise.all([
      ctx.stores.taxonomy.listTags(),
      ctx.stores.taxonomy.countArticlesByTag(),
    ]);
    const others = tags.filter((t) => t.id !== tag.id).map((t) => ({ value: String(t.id), label: t.name }));
    return sendPage(
      deps,
      request,
      reply,
      { title: tag.name, current: '/newsroom/tags', status },
      <>
        <p>
          <a href="/newsroom/tags">← Tags</a>
        </p>
        <h1>Tag: {tag.name}</h1>
        <p>{counts.get(tag.id) ?? 0} articles.</p>
        <ErrorSummary errors={errors} />
        <form method="post" action={`/newsroom/tags/${tag.id}`} class="card-form">
          <CsrfField token={viewer.csrfToken} />
          <TermFields values={values} errors={errors} />
          <p>
            <button type="submit">Save</button>
          </p>
        </form>
        <section class="card-form" aria-labelledby="merge-tag">
          <h2 id="merge-tag">Merge into another tag</h2>
          <form method="post" action={`/newsroom/tags/${tag.id}/merge`}>
            <CsrfField token={viewer.csrfToken} />
            <SelectField name="intoId" label="Merge into" value="" error={errors.intoId} options={others} />
            <p>
              <button type="submit">Merge</button>
            </p>
          </form>
        </section>
        <section class="card-form danger-zone" aria-labelledby="delete-tag">
          <h2 id="delete-tag">Delete this tag</h2>
          <form method="post" action={`/newsroom/tags/${tag.id}/delete`} data-confirm="Delete this tag?">
            <CsrfField token={viewer.csrfToken} />
            <SelectField
              name="replacementId"
              label="Give its articles this tag instead"
              value=""
              options={[{ value: '', label: '(none: just remove it)' }, ...others]}
            />
            <p>
              <button type="submit" class="danger">
                Delete tag
              </button>
            </p>
          </form>
        </section>
      </>,
    );
  }

  app.get('/tags', { config: permission }, async (request, reply) => tagsPage(request, reply));

  app.post<{ Body: TermInput }>(
    '/tags',
    { config: permission, schema: { body: TermBody } },
    async (request, reply) => {
      try {
        await taxonomy.createTag(request.body);
      } catch (error) {
        if (error instanceof Invalid) return tagsPage(request, reply, request.body, error.fields, 422);
        throw error;
      }
      return redirectAfterPost(reply, '/newsroom/tags', 'tag-saved');
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/tags/:id',
    { config: permission, schema: { params: IdParams } },
    async (request, reply) => {
      const tag = await taxonomy.tag(request.params.id);
      return tagPage(request, reply, tag, tag);
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: TermInput }>(
    '/tags/:id',
    { config: permission, schema: { params: IdParams, body: TermBody } },
    async (request, reply) => {
      const tag = await taxonomy.tag(request.params.id);
      try {
        await taxonomy.updateTag(tag.id, request.body);
      } catch (error) {
        if (error instanceof Invalid) return tagPage(request, reply, tag, request.body, error.fields, 422);
        throw error;
      }
      return redirectAfterPost(reply, '/newsroom/tags', 'tag-saved');
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof MergeBody> }>(
    '/tags/:id/merge',
    { config: permission, schema: { params: IdParams, body: MergeBody } },
    async (request, reply) => {
      const into = optionalId(request.body.intoId);
      if (into === null) throw new Invalid({ intoId: 'Choose a tag to merge into.' });
      await taxonomy.mergeTags(request.params.id, into);
      return redirectAfterPost(reply, `/newsroom/tags/${into}`, 'merged');
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ReplacementBody> }>(
    '/tags/:id/delete',
    { config: permission, schema: { params: IdParams, body: ReplacementBody } },
    async (request, reply) => {
      await taxonomy.deleteTag(request.params.id, optionalId(request.body.replacementId));
      return redirectAfterPost(reply, '/newsroom/tags', 'tag-deleted');
    },
  );
}
