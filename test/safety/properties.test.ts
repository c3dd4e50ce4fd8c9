/**
 * Property-based tests of the code hostile text passes through: the Markdown renderer and HTML sanitizer
 * (no input throws; no output holds a script-capable construct; sanitizing is stable), slugs, the search
 * highlighter whose output pages insert as HTML, and routing (no path, query or form makes a 500).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { renderCommentBody } from '../../src/comments/comment.js';
import { parseSearchQuery } from '../../src/search/search-query.js';
import { highlightText, matcherFor, snippetOf } from '../../src/search/search-snippet.js';
import { renderArticleMarkdown, renderCommentMarkdown } from '../../src/text/markdown.js';
import { htmlToText, truncateWords } from '../../src/text/plain-text.js';
import { sanitizeArticleHtml, sanitizeCommentHtml, stripTags } from '../../src/text/sanitize.js';
import { isValidSlug, slugify, uniqueSlug } from '../../src/text/slug.js';
import { loadPayloads } from '../e2e/xss-harness.js';
import { buildTestApp, type TestApp } from '../support/test-app.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const PAYLOADS = loadPayloads();

// Pieces of HTML, Markdown and URL syntax that attacks are assembled from.
const FRAGMENTS = [
  '<',
  '>',
  '</',
  '/>',
  '"',
  "'",
  '`',
  '=',
  ' ',
  '\t',
  '\n',
  '\n\n',
  '    ',
  '\u0000',
  '\u000b',
  '\u2028',
  '&',
  '&#',
  '&#x',
  ';',
  '&lt;',
  '&gt;',
  '&quot;',
  '&#106;',
  '&#x6A;',
  '&colon;',
  '&Tab;',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?',
  '?>',
  '<script>',
  '</script>',
  '<script',
  '<img',
  '<svg',
  '<math',
  '<iframe',
  '<object',
  '<embed',
  '<base',
  '<meta',
  '<style>',
  '<form',
  '<button',
  '<a',
  '<textarea>',
  '</textarea>',
  '<noscript>',
  '<template>',
  '<xmp>',
  '<plaintext>',
  '<table>',
  '<select>',
  'src=',
  'href=',
  'srcdoc=',
  'formaction=',
  'action=',
  'style=',
  'onerror=',
  'onload=',
  'onmouseover=',
  ' on',
  'x',
  'alert(1)',
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'java&#x09;script:',
  'vbscript:',
  'data:text/html,',
  'data:image/svg+xml,',
  '//evil.example',
  'http://example.com/',
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '<http://',
  '```',
  '`',
  '*',
  '_',
  '>',
  '#',
  '- ',
  '1. ',
  '|',
  '---',
  '\\',
];

/** Hostile-looking text: corpus payloads, spliced fragments and arbitrary strings. */
const hostile = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')),
  fc
    .tuple(fc.constantFrom(...PAYLOADS), fc.constantFrom(...FRAGMENTS), fc.constantFrom(...PAYLOADS))
    .map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom(...'<>"\'`=/&#;:() \n\tonerrorscriptjavasvgimgabc'.split('')),
    maxLength: 120,
  }),
);

const EMBED_HOSTS =
  /^https:\/\/(www\.youtube(-nocookie)?\.com|player\.vimeo\.com|w\.soundcloud\.com|open\.spotify\.com)\//;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  lpar: '(',
  rpar: ')',
};

/** An attribute value as the browser reads it (the character references that matter for a URL scheme). */
function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1]?.toLowerCase() === 'x' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Script-capable constructs in sanitizer output. The sanitizer escapes every `<` in text, so each `<x`
 * is a real tag and each attribute sits inside one.
 */
function scriptCapable(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    const tag = match[1]!.toLowerCase();
    const attributes = match[2] ?? '';
    if (
      [
        'script',
        'style',
        'object',
        'embed',
        'base',
        'meta',
        'link',
        'svg',
        'math',
        'form',
        'frame',
        'frameset',
        'template',
        'noscript',
        'xmp',
        'textarea',
        'button',
        'input',
        'select',
      ].includes(tag)
    )
      found.push(`<${tag}>`);
    for (const attr of attributes.matchAll(/\s([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g)) {
      const name = attr[1]!.toLowerCase();
      const value = decodeAttribute(attr[2] ?? attr[3] ?? attr[4] ?? '')
        .replace(/[\t\n\r]/g, '')
        .replace(/^[\u0000-\u0020]+/, '');
      if (
        name.startsWith('on') ||
        ['style', 'srcdoc', 'formaction', 'action', 'xmlns', 'xlink:href'].includes(name)
      )
        found.push(`${tag}[${name}]`);
      if (
        ['href', 'src', 'srcset', 'poster', 'background', 'data', 'cite'].includes(name) &&
        /^(javascript|vbscript|livescript):|^data:text/i.test(value)
      )
        found.push(`${tag}[${name}=${value.slice(0, 30)}]`);
      if (tag === 'iframe' && name === 'src' && !EMBED_HOSTS.test(value)) found.push(`iframe[src=${value}]`);
      if (
        tag === 'img' &&
        name === 'src' &&
        /^data:/i.test(value) &&
        !/^data:image\/(png|jpe?g|gif|webp|avif);/i.test(value)
      )
        found.push(`img[src=${value.slice(0, 30)}]`);
    }
  }
  return found;
}

function holds(render: (input: string) => string) {
  return fc.property(hostile, (input) => {
    const html = render(input);
    assert.equal(typeof html, 'string');
    assert.deepEqual(scriptCapable(html), [], `input ${JSON.stringify(input)} → ${html}`);
  });
}

describe('Markdown renderer and sanitizer', () => {
  test('article Markdown: no input throws, no output can run script', () => {
    fc.assert(holds(renderArticleMarkdown), { numRuns: RUNS });
  });

  test('article HTML (imports, embeds): the same', () => {
    fc.assert(holds(sanitizeArticleHtml), { numRuns: RUNS });
  });

  test('comments: the same, through the renderer and the plain sanitizer', () => {
    fc.assert(holds(renderCommentMarkdown), { numRuns: RUNS });
    fc.assert(holds(renderCommentBody), { numRuns: RUNS });
    fc.assert(holds(sanitizeCommentHtml), { numRuns: RUNS });
  });

  test('sanitizing sanitized HTML changes nothing (no markup is rebuilt by a second pass)', () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const once = sanitizeArticleHtml(input);
        assert.equal(sanitizeArticleHtml(once), once, JSON.stringify(input));
        const comment = sanitizeCommentHtml(input);
        assert.equal(sanitizeCommentHtml(comment), comment, JSON.stringify(input));
      }),
      { numRuns: RUNS },
    );
  });

  test('the every-payload pass: each corpus payload through every renderer', () => {
    const problems: string[] = [];
    for (const payload of PAYLOADS) {
      for (const render of [
        renderArticleMarkdown,
        sanitizeArticleHtml,
        renderCommentMarkdown,
        renderCommentBody,
      ]) {
        const found = scriptCapable(render(payload));
        if (found.length) problems.push(`${render.name}(${JSON.stringify(payload)}): ${found.join(', ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('plain-text helpers take anything', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 300 }), (input, max) => {
        const text = htmlToText(input);
        assert.equal(typeof stripTags(input), 'string');
        assert.ok(truncateWords(text, max).length <= max);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('slugs', () => {
  test('any text gives a well-formed slug, and slugging a slug keeps it', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string({ unit: 'grapheme', maxLength: 200 })), (text) => {
        const slug = slugify(text);
        assert.ok(isValidSlug(slug), `${JSON.stringify(text)} → ${JSON.stringify(slug)}`);
        assert.equal(slugify(slug), slug);
      }),
      { numRuns: RUNS },
    );
  });

  test('de-duplicated slugs stay well-formed and within the length limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.integer({ min: 0, max: 120 }),
        async (text, taken) => {
          const base = slugify(text);
          let calls = 0;
          const slug = await uniqueSlug(base, async () => calls++ < taken);
          assert.ok(isValidSlug(slug), `${base} → ${slug}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('search highlighting', () => {
  test('highlighted headlines and snippets are escaped text with <mark> only', () => {
    fc.assert(
      fc.property(hostile, hostile, (text, query) => {
        const matcher = matcherFor(parseSearchQuery(query));
        for (const html of [highlightText(text, matcher), snippetOf(text, matcher).html]) {
          const unmarked = html.replace(/<\/?mark>/g, '');
          assert.ok(!/[<>"]/.test(unmarked), `${JSON.stringify(text)} / ${JSON.stringify(query)} → ${html}`);
        }
        const whole = highlightText(text, matcher)
          .replace(/<\/?mark>/g, '')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&');
        assert.equal(whole, text, 'the highlighted headline says what the headline says');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('routing', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ demo: true });
  });
  after(async () => {
    await t.close();
  });

  const segment = fc.oneof(
    fc.constantFrom(
      'news',
      'tag',
      'category',
      'author',
      'page',
      'feed',
      'atom',
      'search',
      'newsroom',
      'media',
      'assets',
      'api',
      'v1',
      'wp-json',
      'ghost',
      'sitemaps',
      'comments',
      '2024',
      '05',
      '0',
      '-1',
      '99999999999999999999',
      '..',
      '.',
      '',
      '%',
      '%2e%2e',
      '%2f',
      '%00',
      '%ff',
      '%c0%ae',
      '%e2%80%ae',
      '%E9',
      ':slug',
      '*',
      '~',
      ';jsessionid=1',
    ),
    fc.string({ unit: 'binary', maxLength: 20 }).map(encodeURIComponent),
  );
  const query = fc.oneof(
    fc.constant(''),
    fc
      .array(
        fc.tuple(
          fc.constantFrom(
            'q',
            'page',
            'p',
            'cpage',
            'replytocom',
            'next',
            'limit',
            'filter',
            'fields',
            'category',
            'tag',
            'n',
            'x',
          ),
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 30 }),
            fc.constantFrom('-1', '0', '1e9', 'NaN', '[]', '%', '%%'),
          ),
        ),
        { maxLength: 4 },
      )
      .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`),
    fc.constantFrom('?p=1', '?page_id=1', '?attachment_id=1', '?%', '?a=%zz', '?&&==', '?q[]=1&q[x]=2'),
  );

  test('no path or query answers a server error, for GET and POST', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        query,
        fc.constantFrom('GET', 'POST', 'HEAD'),
        async (segments, slash, q, method) => {
          const url = `/${segments.join('/')}${slash ? '/' : ''}${q}`;
          const response = await t.app.inject({
            method: method as 'GET',
            url,
            ...(method === 'POST'
              ? {
                  payload: 'comment=x&a=%zz',
                  headers: { 'content-type': 'application/x-www-form-urlencoded' },
                }
              : {}),
          });
          assert.ok(
            response.statusCode < 500,
            `${method} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    );
  });
});
