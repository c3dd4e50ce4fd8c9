/** The RSS 2.0 feed of an article's comments (WordPress's `/{slug}/feed/`) or of the whole site's (pure). */
import type { PublicComment } from './comment.js';

/** What the feed is about. */
export interface CommentFeedChannel {
  title: string;
  pageUrl: string;
  selfUrl: string;
  description: string;
  language: string;
}

/** One comment in the feed, with the headline and link of its article. */
export interface CommentFeedItem {
  comment: PublicComment;
  articleHeadline: string;
  url: string;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function xml(text: string): string {
  // Characters XML 1.0 forbids are dropped rather than breaking every feed reader.
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/** The RSS document; items are public comments, so no email can reach it. */
export function commentFeedXml(
  channel: CommentFeedChannel,
  items: CommentFeedItem[],
  multiArticle: boolean,
): string {
  const newest = items[0]?.comment.createdAt ?? new Date(0).toISOString();
  const entries = items.map(({ comment, articleHeadline, url }) => {
    const title = multiArticle
      ? `${comment.authorName} on “${articleHeadline}”`
      : `By: ${comment.authorName}`;
    return [
      '<item>',
      `<title>${xml(title)}</title>`,
      `<link>${xml(url)}</link>`,
      `<dc:creator>${xml(comment.authorName)}</dc:creator>`,
      `<pubDate>${rfc822(comment.createdAt)}</pubDate>`,
      `<guid isPermaLink="false">${xml(`${channel.pageUrl}#comment-${comment.id}`)}</guid>`,
      `<description>${xml(comment.bodyHtml)}</description>`,
      `<content:encoded>${xml(comment.bodyHtml)}</content:encoded>`,
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${xml(channel.title)}</title>`,
    `<atom:link href="${xml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    `<link>${xml(channel.pageUrl)}</link>`,
    `<description>${xml(channel.description)}</description>`,
    `<language>${xml(channel.language)}</language>`,
    `<lastBuildDate>${rfc822(newest)}</lastBuildDate>`,
    '<generator>Broadsheet</generator>',
    ...entries,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
