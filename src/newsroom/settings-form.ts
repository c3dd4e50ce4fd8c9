/** The site settings form: which fields it has, and turning what was typed into settings (pure). */
import type { SiteSettings } from '../site/settings.js';

type Kind = 'text' | 'number' | 'boolean' | 'lines' | 'choice';

/** Each editable setting and how the form carries it. */
export const SETTINGS_FIELDS: Record<keyof SiteSettings, Kind> = {
  title: 'text',
  tagline: 'text',
  language: 'text',
  timezone: 'text',
  url: 'text',
  logoUrl: 'text',
  permalinkPattern: 'choice',
  postsPerPage: 'number',
  feedFullText: 'boolean',
  feedItems: 'number',
  commentPolicy: 'choice',
  commentMaxLinks: 'number',
  commentCloseAfterDays: 'number',
  commentThreadDepth: 'number',
  commentsPerPage: 'number',
  commentBlocklist: 'lines',
  commentBlocklistAction: 'choice',
  commentIpRetentionDays: 'number',
  commentMinSecondsToSubmit: 'number',
  seeAlsoAfterParagraph: 'number',
  seeAlsoMinParagraphs: 'number',
  relatedListSize: 'number',
};

/** Settings as the form shows them (every value a string). */
export function settingsToForm(settings: SiteSettings): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [key, kind] of Object.entries(SETTINGS_FIELDS)) {
    const value = settings[key as keyof SiteSettings];
    form[key] =
      kind === 'lines'
        ? (value as string[]).join('\n')
        : kind === 'boolean'
          ? value
            ? '1'
            : ''
          : String(value);
  }
  return form;
}

/**
 * The settings update a posted form asks for. Numbers that are not whole
 * numbers become NaN so validation names the field; an unticked checkbox is false.
 */
export function settingsFromForm(body: Record<string, unknown>): Partial<SiteSettings> {
  const update: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(SETTINGS_FIELDS)) {
    const raw = body[key];
    const value = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n') : undefined;
    if (kind === 'boolean') {
      update[key] = value === '1' || value === 'on';
      continue;
    }
    if (value === undefined) continue;
    if (kind === 'number') update[key] = /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    else if (kind === 'lines')
      update[key] = value
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .slice(0, 1000);
    else update[key] = value.trim().slice(0, 2000);
  }
  if (typeof update.url === 'string') update.url = update.url.replace(/\/+$/, '');
  return update as Partial<SiteSettings>;
}
