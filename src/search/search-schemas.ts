/** The shapes the search routes accept and answer, as TypeBox schemas (validator and type in one). */
import { type Static, Type } from '@sinclair/typebox';

// Lenient on purpose: a repeated or odd parameter is read by parseSearchRequest, never a 400.
// `q` has no length limit here: Node's header size bounds the URL and the parser reads 1,000 characters.
const Param = (maxLength?: number) => {
  const text = Type.String(maxLength === undefined ? {} : { maxLength });
  return Type.Optional(Type.Union([text, Type.Array(text, { maxItems: 20 })]));
};

/** `/search/` and `/search.json`: the query, the filters and the page. */
export const SearchQuerystring = Type.Object(
  {
    q: Param(),
    category: Param(400),
    tag: Param(400),
    author: Param(400),
    from: Param(400),
    to: Param(400),
    page: Param(400),
  },
  { additionalProperties: true },
);
export type SearchQuerystring = Static<typeof SearchQuerystring>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** One result as readers' JSON shows it: public fields only. */
export const PublicSearchHit = Type.Object({
  kind: Type.Union([Type.Literal('article'), Type.Literal('page')]),
  headline: Type.String(),
  /** The headline, escaped, with matching words in <mark>. */
  headlineHtml: Type.String(),
  /** A passage, escaped, with matching words in <mark>. */
  snippetHtml: Type.String(),
  url: Type.String(),
  publishedAt: Nullable(Type.String()),
  category: Nullable(Type.Object({ name: Type.String(), slug: Type.String() })),
  authors: Type.Array(Type.Object({ name: Type.String(), slug: Type.String() })),
});

/** `/search.json`: a page of results with the count and the filters that were applied. */
export const PublicSearchResponse = Type.Object({
  query: Type.String(),
  /** False when nothing searchable was typed (empty, or only excluded words). */
  searched: Type.Boolean(),
  total: Type.Integer(),
  /** True when `total` is a lower bound ("at least 2,000"): a very broad query is not counted exactly. */
  totalIsLowerBound: Type.Boolean(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pageCount: Type.Integer(),
  filters: Type.Object({
    category: Type.Optional(Type.String()),
    tag: Type.Optional(Type.String()),
    author: Type.Optional(Type.String()),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
  }),
  results: Type.Array(PublicSearchHit),
});
export type PublicSearchResponse = Static<typeof PublicSearchResponse>;
