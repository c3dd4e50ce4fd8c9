/** Pure mappings from source publication and moderation states to ours. */
import type { ImportedArticleStatus, ImportedCommentStatus } from './import-records.js';

/** Our article state for a source state, with the flags and warning the mapping implies. */
export interface ArticleStatusMapping {
  status: ImportedArticleStatus;
  submittedForReview: boolean;
  trashed: boolean;
  warning: string | null;
}

/** Our comment state for a source moderation value, with a warning when the value was unknown. */
export interface CommentStatusMapping {
  status: ImportedCommentStatus;
  warning: string | null;
}

/** Maps a WordPress post_status (publish, future, draft, pending, auto-draft, private, trash, …) to ours. */
export function mapWordPressStatus(wordpressStatus: string): ArticleStatusMapping {
  const plain = { submittedForReview: false, trashed: false, warning: null };
  switch (wordpressStatus) {
    case 'publish':
      return { ...plain, status: 'published' };
    case 'future':
      return { ...plain, status: 'scheduled' };
    case 'draft':
    case 'auto-draft':
      return { ...plain, status: 'draft' };
    case 'pending':
      return { ...plain, status: 'draft', submittedForReview: true };
    case 'private':
      return { ...plain, status: 'draft', warning: 'private in WordPress: imported as a draft' };
    case 'trash':
      return { ...plain, status: 'draft', trashed: true };
    default:
      return {
        ...plain,
        status: 'draft',
        warning: `unknown WordPress status "${wordpressStatus}": imported as a draft`,
      };
  }
}

/** Maps a WordPress comment_approved value ('1', '0', 'spam', 'trash', 'post-trashed') to ours. */
export function mapWordPressCommentApproval(approved: string): CommentStatusMapping {
  switch (approved) {
    case '1':
      return { status: 'approved', warning: null };
    case '0':
      return { status: 'held', warning: null };
    case 'spam':
      return { status: 'spam', warning: null };
    case 'trash':
    // WordPress marks the comments of a trashed post this way so it can restore them with the post.
    case 'post-trashed':
      return { status: 'trash', warning: null };
    default:
      return { status: 'held', warning: `unknown comment approval "${approved}": held for moderation` };
  }
}

/** Maps a Ghost post status (published, scheduled, draft, sent) to ours. */
export function mapGhostStatus(ghostStatus: string): ArticleStatusMapping {
  const plain = { submittedForReview: false, trashed: false, warning: null };
  switch (ghostStatus) {
    case 'published':
      return { ...plain, status: 'published' };
    case 'scheduled':
      return { ...plain, status: 'scheduled' };
    case 'draft':
      return { ...plain, status: 'draft' };
    case 'sent':
      return { ...plain, status: 'draft', warning: 'sent as an email only in Ghost: imported as a draft' };
    default:
      return {
        ...plain,
        status: 'draft',
        warning: `unknown Ghost status "${ghostStatus}": imported as a draft`,
      };
  }
}
