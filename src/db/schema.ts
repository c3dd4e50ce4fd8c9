/** Row types of every table, as Kysely sees them. Times are ISO 8601 UTC text; flags are 0/1 integers. */
import type { Generated } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
}
export interface AuthorsTable {
  id: Generated<number>;
  name: string;
  slug: string;
  bio: Generated<string>;
  source_id: string | null;
  created_at: string;
}
export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  author_id: number | null;
  created_at: string;
  deactivated_at: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
}
export interface CategoriesTable {
  id: Generated<number>;
  name: string;
  slug: string;
  description: Generated<string>;
  parent_id: number | null;
  source_id: string | null;
}
export interface TagsTable {
  id: Generated<number>;
  name: string;
  slug: string;
  description: Generated<string>;
  is_internal: Generated<number>;
  source_id: string | null;
}
export interface MediaTable {
  id: Generated<number>;
  file_name: string;
  mime_type: string;
  byte_size: Generated<number>;
  width: number | null;
  height: number | null;
  alt_text: Generated<string>;
  caption: Generated<string>;
  credit: Generated<string>;
  variants: Generated<string>;
  source_url: string | null;
  uploaded_by: number | null;
  created_at: string;
  storage_path: string | null;
}
export interface ArticlesTable {
  id: Generated<number>;
  kind: Generated<string>;
  headline: string;
  slug: string;
  dek: Generated<string>;
  body_source: Generated<string>;
  body_format: Generated<string>;
  body_html: Generated<string>;
  excerpt: Generated<string>;
  status: Generated<string>;
  submitted_for_review: Generated<number>;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  deleted_at: string | null;
  language: Generated<string>;
  translation_group: string | null;
  category_id: number | null;
  featured_media_id: number | null;
  featured_image_url: string | null;
  featured_image_alt: Generated<string>;
  featured_image_caption: Generated<string>;
  featured_image_credit: Generated<string>;
  comments_open: Generated<number>;
  sticky: Generated<number>;
  see_also_mode: Generated<string>;
  see_also_pin_id: number | null;
  meta_description: Generated<string>;
  owner_id: number | null;
  version: Generated<number>;
  source_id: string | null;
}
export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
}
export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: Generated<number>;
}
export interface CorrectionsTable {
  id: Generated<number>;
  article_id: number;
  corrected_at: string;
  text: string;
}
export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  user_id: number | null;
  created_at: string;
  headline: string;
  dek: string;
  body_source: string;
  excerpt: string;
  snapshot: Generated<string>;
}
export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  status: string;
  author_name: string;
  author_email: string;
  author_url: Generated<string>;
  author_ip: Generated<string>;
  user_agent: Generated<string>;
  user_id: number | null;
  body: string;
  body_html: string;
  notify_replies: Generated<number>;
  created_at: string;
  source_id: string | null;
  moderation_reasons: Generated<string>;
  status_before_trash: string | null;
  edited_at: string | null;
  learned_as: string | null;
}
export interface CommentFormNoncesTable {
  key: string;
  expires_at: string;
}
export interface CommentClassifierTable {
  id: number;
  model: string;
  version: number;
  updated_at: string;
}
export interface RateLimitCountersTable {
  key: string;
  window_start: string;
  count: number;
}
export interface RedirectsTable {
  id: Generated<number>;
  from_path: string;
  to_path: string;
  status_code: Generated<number>;
  created_at: string;
}
export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}
export interface EventsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  created_at: string;
  run_after: string;
  attempts: Generated<number>;
  locked_until: string | null;
  done_at: string | null;
  last_error: string | null;
}
export interface RelatedArticlesTable {
  article_id: number;
  related_id: number;
  rank: number;
  score: number;
  reasons: Generated<string>;
}
export interface RelatedExclusionsTable {
  article_id: number;
  excluded_id: number;
}
export interface ChangeCounterTable {
  id: number;
  value: number;
}

export interface SignInFailuresTable {
  id: Generated<number>;
  key: string;
  failed_at: string;
}
export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}
export interface InvitationsTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  display_name: string;
  role: string;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}
export interface AutosavesTable {
  id: Generated<number>;
  user_id: number;
  article_id: number | null;
  base_version: number | null;
  fields: string;
  saved_at: string;
}

/** One article's plain text as indexed (the search index itself is dialect-specific; see search-store). */
export interface SearchDocumentsTable {
  article_id: number;
  config: string;
  headline: string;
  dek: string;
  body: string;
  taxonomy: string;
  authors: string;
  indexed_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  scope: string;
  role: string | null;
  key_hash: string;
  key_hint: string;
  user_id: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export interface WebhooksTable {
  id: Generated<number>;
  name: string;
  url: string;
  secret: string;
  events: Generated<string>;
  active: Generated<number>;
  created_by: number | null;
  created_at: string;
}
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event_id: number;
  event_kind: string;
  attempt: number;
  status_code: number | null;
  ok: Generated<number>;
  error: string | null;
  duration_ms: Generated<number>;
  created_at: string;
}

/** The whole database, for `Kysely<Database>`. */
export interface Database {
  settings: SettingsTable;
  authors: AuthorsTable;
  users: UsersTable;
  categories: CategoriesTable;
  tags: TagsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  corrections: CorrectionsTable;
  revisions: RevisionsTable;
  comments: CommentsTable;
  comment_form_nonces: CommentFormNoncesTable;
  comment_classifier: CommentClassifierTable;
  rate_limit_counters: RateLimitCountersTable;
  redirects: RedirectsTable;
  sessions: SessionsTable;
  events: EventsTable;
  related_articles: RelatedArticlesTable;
  related_exclusions: RelatedExclusionsTable;
  change_counter: ChangeCounterTable;
  search_documents: SearchDocumentsTable;
  sign_in_failures: SignInFailuresTable;
  password_resets: PasswordResetsTable;
  invitations: InvitationsTable;
  autosaves: AutosavesTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
