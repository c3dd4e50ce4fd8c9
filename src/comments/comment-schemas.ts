/** The shapes comment routes accept and answer, as TypeBox schemas (validator and type in one). */
import { type Static, Type } from '@sinclair/typebox';
import { COMMENT_FORM_ACTION } from './reply-form.js';

// The request body limit (1 MB) bounds a field; anything shorter reaches the domain's check, which re-shows
// the form with the reader's text and says how much to cut, rather than answering a bare 400.
const Text = Type.String({ maxLength: 1024 * 1024 });
const Id = Type.Union([Type.String({ maxLength: 20 }), Type.Integer({ minimum: 0 })]);
const Flag = Type.Union([Type.String({ maxLength: 10 }), Type.Boolean()]);

/**
 * A comment submission: WordPress's form fields (HTML form or JSON). Everything is
 * optional here on purpose: a missing field must re-show the form with the reader's
 * text and a message beside the field, which only the domain's validation can do.
 */
export const CommentSubmissionBody = Type.Object(
  {
    comment: Type.Optional(Text),
    author: Type.Optional(Text),
    email: Type.Optional(Text),
    url: Type.Optional(Text),
    comment_post_ID: Type.Optional(Id),
    comment_parent: Type.Optional(Id),
    'wp-comment-cookies-consent': Type.Optional(Flag),
    notify_replies: Type.Optional(Flag),
    comment_subject: Type.Optional(Text),
    bs_form_token: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);
export type CommentSubmissionBody = Static<typeof CommentSubmissionBody>;

/** A comment as the JSON path answers it: public fields only, never the email or IP. */
export const PublicCommentResponse = Type.Object(
  {
    id: Type.Integer(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    authorName: Type.String(),
    authorUrl: Type.String(),
    bodyHtml: Type.String(),
    createdAt: Type.String(),
    isStaff: Type.Boolean(),
    /** `held` for anything not yet public (spam is not told apart, so spammers learn nothing). */
    status: Type.Union([Type.Literal('approved'), Type.Literal('held')]),
    url: Type.String(),
  },
  { additionalProperties: false },
);
export type PublicCommentResponse = Static<typeof PublicCommentResponse>;

/** The query of the one-click unsubscribe link. */
export const UnsubscribeQuery = Type.Object({
  c: Type.String({ pattern: '^\\d{1,15}$' }),
  t: Type.String({ maxLength: 100 }),
});
export type UnsubscribeQuery = Static<typeof UnsubscribeQuery>;

/** The paths a comment form may post to: WordPress's and our own. */
export const COMMENT_POST_PATHS = [COMMENT_FORM_ACTION, '/comments/'] as const;
