/** Reader comments: types and pure rules of threading and visibility. */

export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** A comment as stored, for the newsroom (includes the email and IP). */
export interface Comment {
  id: number;
  articleId: number;
  parentId: number | null;
  status: CommentStatus;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  userAgent: string;
  userId: number | null;
  body: string;
  bodyHtml: string;
  notifyReplies: boolean;
  createdAt: string;
}

/** The fields a public page or API may show; no email, no IP. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  bodyHtml: string;
  createdAt: string;
}

/** Allowlists a comment's public fields. */
export function toPublicComment(comment: Comment): PublicComment {
  return {
    id: comment.id,
    parentId: comment.parentId,
    authorName: comment.authorName,
    authorUrl: comment.authorUrl,
    bodyHtml: comment.bodyHtml,
    createdAt: comment.createdAt,
  };
}

/** True when `status` names a comment status. */
export function isCommentStatus(status: string): status is CommentStatus {
  return (COMMENT_STATUSES as readonly string[]).includes(status);
}
