/** The site's icon and default publisher logo: the first letter of the site title on the accent colour (pure). */
import { escapeHtml } from '../views/jsx.js';
import type { SiteSettings } from './settings.js';

/** An SVG monogram for `title` ("The Merrowby Courier" → "M"; a leading "The" is skipped). */
export function siteIconSvg(title: string): string {
  const letter = (title.replace(/^the\s+/i, '').trim()[0] ?? 'B').toUpperCase();
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">' +
    '<rect width="64" height="64" rx="8" fill="#8a1c1c"/>' +
    '<text x="32" y="46" text-anchor="middle" font-family="Georgia, \'Times New Roman\', serif" ' +
    `font-size="44" font-weight="700" fill="#fdfcf8">${escapeHtml(letter)}</text></svg>`
  );
}

/** The public logo: the configured one, or the generated monogram. */
export function logoPath(settings: Pick<SiteSettings, 'logoUrl'>): string {
  return settings.logoUrl || '/assets/icon.svg';
}
