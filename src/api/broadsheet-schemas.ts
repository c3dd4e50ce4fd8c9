/**
 * The request and response schemas of Broadsheet's own API. Fastify validates
 * requests and serialises responses with them (undeclared fields never leave),
 * and the OpenAPI document is generated from the same objects.
 */
import { type TSchema, Type } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** A string from a fixed list. */
export const StringEnum = <T extends string>(values: readonly T[], options: Record<string, unknown> = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );
const Id = Type.Integer({ minimum: 1 });
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });

/** Pagination query parameters shared by every list. */
export const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Page number, from 1.' }),
  per_page: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 20,
    description: 'Items per page (at most 100).',
  }),
};

/** The `meta` block of every list. */
export const PageMeta = Type.Object({
  page: Type.Integer(),
  perPage: Type.Integer(),
  total: Type.Integer({ description: 'Items in the whole list.' }),
  totalPages: Type.Integer(),
});

export const TermRef = Type.Object({ id: Type.Integer(), name: Type.String(), slug: Type.String() });
export const AuthorRef = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  url: Type.String(),
});
export const FeaturedImage = Type.Object({
  url: Type.String(),
  alt: Type.String(),
  caption: Type.String(),
  credit: Type.String(),
});

/** A published article or page as the public sees it. */
export const PublicArticle = Type.Object({
  id: Type.Integer(),
  kind: StringEnum(['article', 'page']),
  slug: Type.String(),
  url: Type.String({ description: 'The absolute URL of the article on the site.' }),
  headline: Type.String(),
  dek: Type.String(),
  excerpt: Type.String(),
  bodyHtml: Type.String({
    description: 'Sanitised HTML of the body; lists include it only when asked for in `fields`.',
  }),
  language: Type.String(),
  publishedAt: DateTime,
  updatedAt: DateTime,
  category: Nullable(TermRef),
  tags: Type.Array(TermRef),
  authors: Type.Array(AuthorRef),
  featuredImage: Nullable(FeaturedImage),
  corrections: Type.Array(Type.Object({ correctedAt: DateTime, text: Type.String() })),
  commentsOpen: Type.Boolean(),
  commentCount: Type.Integer({ description: 'Approved comments.' }),
});

/** Every field name `fields=` accepts. */
export const ARTICLE_FIELDS = Object.keys(PublicArticle.properties);

// With `fields=`, any property may be absent from a response.
const SelectedArticle = Type.Partial(PublicArticle);

export const ArticleList = Type.Object({ data: Type.Array(SelectedArticle), meta: PageMeta });
export const ArticleOne = Type.Object({ data: SelectedArticle });

export const PublicTerm = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  parentId: Type.Optional(Nullable(Type.Integer())),
  url: Type.String(),
  articleCount: Type.Integer(),
});
export const TermList = Type.Object({ data: Type.Array(PublicTerm), meta: PageMeta });
export const TermOne = Type.Object({ data: PublicTerm });

export const PublicAuthor = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  bio: Type.String(),
  url: Type.String(),
  articleCount: Type.Integer(),
});
export const AuthorList = Type.Object({ data: Type.Array(PublicAuthor), meta: PageMeta });
export const AuthorOne = Type.Object({ data: PublicAuthor });

/** An approved comment: a name and words, never an email or IP. */
export const PublicComment = Type.Object({
  id: Type.Integer(),
  articleId: Type.Integer(),
  articleSlug: Type.String(),
  parentId: Nullable(Type.Integer()),
  authorName: Type.String(),
  authorUrl: Type.String(),
  bodyHtml: Type.String(),
  createdAt: DateTime,
});
export const CommentList = Type.Object({ data: Type.Array(PublicComment), meta: PageMeta });

const Slug = Type.String({ minLength: 1, maxLength: 200, pattern: '^[a-z0-9][a-z0-9-]*$' });
const SlugList = Type.String({
  maxLength: 1000,
  pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$',
  description: 'One slug, or several separated by commas (any of them).',
});
export const SlugParams = Type.Object({ slug: Slug });
export const IdParams = Type.Object({ id: Id });

export const ARTICLE_SORTS = [
  '-publishedAt',
  'publishedAt',
  '-updatedAt',
  'updatedAt',
  'headline',
  '-headline',
] as const;

export const ArticleListQuery = Type.Object(
  {
    ...PageQuery,
    category: Type.Optional(SlugList),
    tag: Type.Optional(SlugList),
    author: Type.Optional(SlugList),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    since: Type.Optional(Type.String({ format: 'date-time', description: 'Published at or after.' })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'Published before.' })),
    sort: StringEnum(ARTICLE_SORTS, {
      default: '-publishedAt',
      description: 'A field, `-` first for descending. Ties keep id order.',
    }),
    fields: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z]+(,[A-Za-z]+)*$',
        description: `Comma-separated subset of: ${ARTICLE_FIELDS.join(', ')}.`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const FieldsQuery = Type.Object(
  { fields: ArticleListQuery.properties.fields },
  { additionalProperties: false },
);

export const TermListQuery = Type.Object(
  {
    ...PageQuery,
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    sort: StringEnum(['name', '-articleCount'], { default: 'name' }),
  },
  { additionalProperties: false },
);

export const CommentListQuery = Type.Object(
  { ...PageQuery, article: Type.Optional(Slug) },
  { additionalProperties: false },
);
export const PageOnlyQuery = Type.Object(PageQuery, { additionalProperties: false });

export const SearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'What to look for: words, "a phrase", -excluded, either OR other.',
    }),
    page: Type.Integer({
      minimum: 1,
      maximum: 50,
      default: 1,
      description: 'Pages of 20 results, up to 50.',
    }),
    category: Type.Optional(Slug),
    tag: Type.Optional(Slug),
    author: Type.Optional(Slug),
  },
  { additionalProperties: false },
);

/** Search results: articles in relevance order, each with its highlighted passage. */
export const SearchResults = Type.Object({
  data: Type.Array(
    Type.Composite([
      Type.Omit(PublicArticle, ['bodyHtml']),
      Type.Object({ snippetHtml: Type.String({ description: 'The matching passage, words in <mark>.' }) }),
    ]),
  ),
  meta: PageMeta,
});

// ——— Admin (write) API ———

const Headline = Type.String({ minLength: 1, maxLength: 300 });
const FeaturedImageInput = Type.Object(
  {
    url: Type.String({ format: 'uri', maxLength: 2000 }),
    alt: Type.Optional(Type.String({ maxLength: 500 })),
    caption: Type.Optional(Type.String({ maxLength: 1000 })),
    credit: Type.Optional(Type.String({ maxLength: 300 })),
    mediaId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

const draftFields = {
  kind: Type.Optional(StringEnum(['article', 'page'])),
  slug: Type.Optional(Type.String({ maxLength: 200 })),
  dek: Type.Optional(Type.String({ maxLength: 600 })),
  bodySource: Type.Optional(Type.String({ maxLength: 1_000_000 })),
  bodyFormat: Type.Optional(StringEnum(['markdown', 'html'])),
  excerpt: Type.Optional(Type.String({ maxLength: 2000 })),
  language: Type.Optional(Type.String({ maxLength: 35 })),
  categoryId: Type.Optional(Nullable(Id)),
  tagIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
  authorIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
  featuredImage: Type.Optional(Nullable(FeaturedImageInput)),
  commentsOpen: Type.Optional(Type.Boolean()),
  sticky: Type.Optional(Type.Boolean()),
  metaDescription: Type.Optional(Type.String({ maxLength: 300 })),
};

export const CreateArticleBody = Type.Object(
  { headline: Headline, ...draftFields },
  { additionalProperties: false },
);
export const UpdateArticleBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 1,
      description: 'The version you last read; a newer one is a 409 conflict.',
    }),
    headline: Type.Optional(Headline),
    ...draftFields,
  },
  { additionalProperties: false },
);
export const ScheduleBody = Type.Object(
  { publishAt: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);

/** An article of any status, as the newsroom sees it. */
export const NewsroomArticle = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  slug: Type.String(),
  headline: Type.String(),
  dek: Type.String(),
  excerpt: Type.String(),
  bodySource: Type.String(),
  bodyFormat: Type.String(),
  bodyHtml: Type.String(),
  language: Type.String(),
  publishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  createdAt: Type.String(),
  categoryId: Nullable(Type.Integer()),
  tagIds: Type.Array(Type.Integer()),
  authorIds: Type.Array(Type.Integer()),
  featuredImage: Nullable(FeaturedImage),
  commentsOpen: Type.Boolean(),
  sticky: Type.Boolean(),
  metaDescription: Type.String(),
  ownerId: Nullable(Type.Integer()),
});
export const NewsroomArticleOne = Type.Object({ data: NewsroomArticle });
export const NewsroomArticleList = Type.Object({ data: Type.Array(NewsroomArticle), meta: PageMeta });
export const AdminArticleQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(StringEnum(['draft', 'scheduled', 'published', 'archived'])),
    kind: Type.Optional(StringEnum(['article', 'page'])),
  },
  { additionalProperties: false },
);

export const CreateTermBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    slug: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    parentId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export const UpdateTermBody = Type.Partial(CreateTermBody, { additionalProperties: false });
export const DeleteTermQuery = Type.Object(
  { replacementId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const CreatedTerm = Type.Object({
  data: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    slug: Type.String(),
    description: Type.String(),
    parentId: Type.Optional(Nullable(Type.Integer())),
  }),
});

export const ApiTokenOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  scope: Type.String(),
  role: Nullable(Type.String()),
  keyHint: Type.String(),
  userId: Nullable(Type.Integer()),
  createdAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});
export const ApiTokenList = Type.Object({ data: Type.Array(ApiTokenOut) });
export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scope: StringEnum(['content', 'admin']),
    role: Type.Optional(StringEnum(['admin', 'editor', 'author', 'contributor'])),
  },
  { additionalProperties: false },
);
export const CreatedToken = Type.Object({
  data: ApiTokenOut,
  key: Type.String({ description: 'The key, shown this once only.' }),
});

export const CorsSettings = Type.Object(
  {
    origins: Type.Array(Type.String({ maxLength: 300 }), {
      maxItems: 50,
      description: 'Origins (scheme://host[:port]) allowed to call the APIs from a browser; `*` for any.',
    }),
  },
  { additionalProperties: false },
);

export const WebhookOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String(),
});
export const WebhookList = Type.Object({ data: Type.Array(WebhookOut) });
export const CreateWebhookBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    url: Type.String({ format: 'uri', maxLength: 2000 }),
    events: Type.Array(
      StringEnum(['article.published', 'article.updated', 'article.unpublished', 'comment.approved']),
      {
        minItems: 1,
        uniqueItems: true,
      },
    ),
  },
  { additionalProperties: false },
);
export const CreatedWebhook = Type.Object({
  data: WebhookOut,
  secret: Type.String({ description: 'The signing secret, shown this once only.' }),
});
export const DeliveryList = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.Integer(),
      eventId: Type.Integer(),
      eventKind: Type.String(),
      attempt: Type.Integer(),
      statusCode: Nullable(Type.Integer()),
      ok: Type.Boolean(),
      error: Nullable(Type.String()),
      durationMs: Type.Integer(),
      createdAt: Type.String(),
    }),
  ),
});

export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export const ModerationQueueQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(
      StringEnum(COMMENT_STATUSES, { description: 'Every status but trash when left out.' }),
    ),
    search: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
/** A comment as moderators see it: the newsroom shape, so it carries the commenter's email. */
export const QueuedComment = Type.Object({
  id: Type.Integer(),
  articleId: Type.Integer(),
  articleSlug: Type.String(),
  articleHeadline: Type.String(),
  parentId: Nullable(Type.Integer()),
  status: Type.String(),
  authorName: Type.String(),
  authorEmail: Type.String(),
  authorUrl: Type.String(),
  bodyHtml: Type.String(),
  createdAt: Type.String(),
});
export const ModerationQueue = Type.Object({
  data: Type.Array(QueuedComment),
  meta: Type.Composite([PageMeta, Type.Object({ counts: Type.Record(Type.String(), Type.Integer()) })]),
});
export const ModeratedComment = Type.Object({ data: QueuedComment });

export const UploadQuery = Type.Object(
  {
    fileName: Type.Optional(
      Type.String({ maxLength: 255, description: 'Else taken from Content-Disposition.' }),
    ),
    alt: Type.Optional(
      Type.String({ maxLength: 1000, description: 'Alt text (required before publishing).' }),
    ),
    caption: Type.Optional(Type.String({ maxLength: 1000 })),
    credit: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export const UploadedMedia = Type.Object({
  data: Type.Object({
    id: Type.Integer(),
    url: Type.String(),
    fileName: Type.String(),
    mimeType: Type.String(),
    byteSize: Type.Integer(),
    width: Nullable(Type.Integer()),
    height: Nullable(Type.Integer()),
    altText: Type.String(),
    caption: Type.String(),
    credit: Type.String(),
    variants: Type.Array(Type.Object({ width: Type.Integer(), format: Type.String(), url: Type.String() })),
  }),
});
