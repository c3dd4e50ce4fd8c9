/** Site settings: what the newsroom configures, with defaults and validation. */
import { Invalid } from '../errors.js';

export type CommentPolicy = 'approve-all' | 'hold-first-time' | 'hold-all';

/** The whole configurable surface of a site. */
export interface SiteSettings {
  title: string;
  tagline: string;
  language: string;
  timezone: string;
  /** Public base URL, no trailing slash; empty means "derive from the request / SITE_URL". */
  url: string;
  logoUrl: string;
  permalinkPattern: '/{slug}/' | '/{yyyy}/{mm}/{slug}/';
  postsPerPage: number;
  feedFullText: boolean;
  feedItems: number;
  commentPolicy: CommentPolicy;
  commentMaxLinks: number;
  commentCloseAfterDays: number;
  commentThreadDepth: number;
  commentsPerPage: number;
  commentBlocklist: string[];
  commentBlocklistAction: 'hold' | 'spam';
  commentIpRetentionDays: number;
  commentMinSecondsToSubmit: number;
  seeAlsoAfterParagraph: number;
  seeAlsoMinParagraphs: number;
  relatedListSize: number;
}

/** Defaults for a brand-new site (WordPress's comment defaults where they apply). */
export const DEFAULT_SETTINGS: SiteSettings = {
  title: 'Broadsheet',
  tagline: 'News, written and published with Broadsheet',
  language: 'en',
  timezone: 'UTC',
  url: '',
  logoUrl: '',
  permalinkPattern: '/{slug}/',
  postsPerPage: 10,
  feedFullText: true,
  feedItems: 20,
  commentPolicy: 'hold-first-time',
  commentMaxLinks: 2,
  commentCloseAfterDays: 0,
  commentThreadDepth: 5,
  commentsPerPage: 50,
  commentBlocklist: [],
  commentBlocklistAction: 'hold',
  commentIpRetentionDays: 90,
  commentMinSecondsToSubmit: 3,
  seeAlsoAfterParagraph: 2,
  seeAlsoMinParagraphs: 4,
  relatedListSize: 4,
};

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Checks a partial update; throws Invalid naming each bad field. */
export function validateSettings(update: Partial<SiteSettings>): Partial<SiteSettings> {
  const errors: Record<string, string> = {};
  if (update.title !== undefined && update.title.trim() === '')
    errors.title = 'The site title cannot be empty.';
  if (update.title !== undefined && update.title.length > 200)
    errors.title = 'The site title is limited to 200 characters.';
  if (update.timezone !== undefined && !isValidTimezone(update.timezone))
    errors.timezone = `"${update.timezone}" is not a known time zone.`;
  if (update.language !== undefined && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(update.language)) {
    errors.language = 'The language must be a language tag such as en or pt-BR.';
  }
  if (update.url !== undefined && update.url !== '' && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(update.url)) {
    errors.url = 'The site URL must start with http:// or https://.';
  }
  if (
    update.commentPolicy !== undefined &&
    !['approve-all', 'hold-first-time', 'hold-all'].includes(update.commentPolicy)
  ) {
    errors.commentPolicy = 'Choose one of the comment policies offered.';
  }
  const numbers: [keyof SiteSettings, number, number][] = [
    ['postsPerPage', 1, 100],
    ['feedItems', 1, 200],
    ['commentMaxLinks', 0, 100],
    ['commentCloseAfterDays', 0, 36500],
    ['commentThreadDepth', 1, 10],
    ['commentsPerPage', 5, 500],
    ['commentIpRetentionDays', 0, 36500],
    ['commentMinSecondsToSubmit', 0, 600],
    ['seeAlsoAfterParagraph', 0, 50],
    ['seeAlsoMinParagraphs', 0, 50],
    ['relatedListSize', 0, 10],
  ];
  for (const [key, min, max] of numbers) {
    const value = update[key];
    if (
      value !== undefined &&
      (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    ) {
      errors[key] = `Must be a whole number from ${min} to ${max}.`;
    }
  }
  if (Object.keys(errors).length > 0) throw new Invalid(errors);
  return update;
}
