/** The site's comment settings translated into the spam rules' terms, and the limits on commenting. */

import type { RateLimitRule } from '../http/rate-limit.js';
import type { SiteSettings } from '../site/settings.js';
import { type Blocklist, DEFAULT_SPAM_SETTINGS, EMPTY_BLOCKLIST, type SpamSettings } from './spam-rules.js';

// A person rarely posts more than a few comments in ten minutes; a script posts hundreds.
export const COMMENTS_PER_IP_RULE: RateLimitRule = { name: 'comment-ip', limit: 10, windowSeconds: 600 };
// Tighter than per IP: a newsroom, a school or a café shares one address, but an email is one person.
export const COMMENTS_PER_EMAIL_RULE: RateLimitRule = { name: 'comment-email', limit: 5, windowSeconds: 600 };

// A repeat is judged against the same person's comments of the last day.
export const DUPLICATE_WINDOW_HOURS = 24;

/** Sorts one blocklist setting (a list of lines) into words, IP addresses or ranges, and emails or @domains. */
export function parseBlocklist(entries: readonly string[]): Blocklist {
  const words: string[] = [];
  const ips: string[] = [];
  const emails: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('@')) emails.push(entry);
    else if (/^\d{1,3}(\.\d{0,3}){0,3}(\/\d{1,2})?$/.test(entry) || /^[0-9a-f]*:[0-9a-f:]*$/i.test(entry))
      ips.push(entry);
    else words.push(entry);
  }
  return { words, ips, emails };
}

/** The spam rules' settings for this site: its moderation policy, link limit, blocklist and minimum time to submit. */
export function spamSettingsFrom(settings: SiteSettings): SpamSettings {
  const blocklist = parseBlocklist(settings.commentBlocklist);
  return {
    ...DEFAULT_SPAM_SETTINGS,
    policy: settings.commentPolicy,
    minimumElapsedMs: settings.commentMinSecondsToSubmit * 1000,
    maxLinks: settings.commentMaxLinks,
    hold: settings.commentBlocklistAction === 'hold' ? blocklist : EMPTY_BLOCKLIST,
    spam: settings.commentBlocklistAction === 'spam' ? blocklist : EMPTY_BLOCKLIST,
  };
}
