/**
 * The common cases of Ghost's NQL `filter` for posts and pages, parsed into
 * Broadsheet's ArticleFilter (pure). Supported: `key:value`, `key:-value`,
 * `key:[a,b]`, `key:-[a,b]`, `key:>value` (>, >=, <, <=), `title:~'text'`,
 * quoted values, `+` (and), `,` (or) and parentheses; AND binds tighter.
 */
import type { ArticleField, ArticleFilter } from './content-filter.js';

/** A filter Broadsheet cannot answer; the API says so instead of guessing. */
export class GhostFilterError extends Error {}

type Comparison = '>' | '>=' | '<' | '<=';
type Token = { kind: 'punct'; value: string } | { kind: 'word'; value: string; quoted: boolean };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (i < input.length && input[i] !== c) {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        value += input[i];
        i++;
      }
      if (i >= input.length) throw new GhostFilterError('A quoted value in the filter is not closed.');
      i++;
      tokens.push({ kind: 'word', value, quoted: true });
    } else if (c === '>' || c === '<') {
      const op = input[i + 1] === '=' ? `${c}=` : c;
      tokens.push({ kind: 'punct', value: op });
      i += op.length;
    } else if ('+,()[]:-~'.includes(c)) {
      tokens.push({ kind: 'punct', value: c });
      i++;
    } else {
      let value = '';
      while (i < input.length && !/[\s'"+,()[\]:<>~]/.test(input[i]!)) {
        // A hyphen inside a word (a slug) is part of it; at the start it is the "not" operator.
        value += input[i];
        i++;
      }
      tokens.push({ kind: 'word', value, quoted: false });
    }
  }
  return tokens;
}

const FIELD_OF: Record<string, ArticleField | 'visibility' | 'status' | 'title'> = {
  id: 'id',
  slug: 'slug',
  tag: 'tag',
  tags: 'tag',
  'tags.slug': 'tag',
  primary_tag: 'tag',
  'primary_tag.slug': 'tag',
  author: 'author',
  authors: 'author',
  'authors.slug': 'author',
  primary_author: 'author',
  'primary_author.slug': 'author',
  featured: 'sticky',
  published_at: 'publishedAt',
  updated_at: 'updatedAt',
  visibility: 'visibility',
  status: 'status',
  title: 'title',
};

function toIso(value: string): string {
  const normalised = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)
    ? `${value.replace(' ', 'T')}Z`
    : value;
  const date = new Date(normalised);
  if (Number.isNaN(date.getTime())) throw new GhostFilterError(`"${value}" is not a date.`);
  return date.toISOString();
}

/** Parses a Ghost `filter` for posts or pages. */
export function parseGhostFilter(input: string): ArticleFilter {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const isPunct = (value: string) => {
    const t = peek();
    return t?.kind === 'punct' && t.value === value;
  };
  const expectPunct = (value: string) => {
    if (!isPunct(value)) throw new GhostFilterError(`Expected "${value}" in the filter.`);
    pos++;
  };
  const word = (): string => {
    const t = peek();
    if (t?.kind !== 'word') throw new GhostFilterError('Expected a value in the filter.');
    pos++;
    return t.value;
  };

  function comparison(): ArticleFilter {
    const key = word().toLowerCase();
    const field = FIELD_OF[key];
    if (!field) throw new GhostFilterError(`Filtering on "${key}" is not supported.`);
    expectPunct(':');
    let negate = false;
    let compare: Comparison | null = null;
    let contains = false;
    if (isPunct('-')) {
      negate = true;
      pos++;
    }
    const t = peek();
    if (t?.kind === 'punct' && ['>', '>=', '<', '<='].includes(t.value)) {
      compare = t.value as Comparison;
      pos++;
    } else if (isPunct('~')) {
      contains = true;
      pos++;
    }
    let values: string[];
    if (isPunct('[')) {
      pos++;
      values = [word()];
      while (isPunct(',')) {
        pos++;
        values.push(word());
      }
      expectPunct(']');
    } else {
      values = [word()];
    }

    let filter: ArticleFilter;
    if (field === 'visibility' || field === 'status') {
      // Everything the content API can see is public and published.
      const matches = values.some((v) => v === (field === 'visibility' ? 'public' : 'published'));
      filter = matches ? { all: [] } : { any: [] };
    } else if (field === 'title') {
      if (!contains) throw new GhostFilterError('Titles can only be filtered with ~ (contains).');
      filter = { search: values[0]! };
    } else if (compare) {
      if (field !== 'publishedAt' && field !== 'updatedAt')
        throw new GhostFilterError(`"${key}" cannot be compared with ${compare}.`);
      filter = { field, compare, value: toIso(values[0]!) };
    } else if (contains) {
      throw new GhostFilterError(`"${key}" cannot be filtered with ~.`);
    } else if (field === 'sticky') {
      filter = { field, in: values.map((v) => v === 'true') };
    } else if (field === 'publishedAt' || field === 'updatedAt') {
      filter = { field, in: values.map(toIso) };
    } else {
      filter = { field, in: values };
    }
    return negate ? { not: filter } : filter;
  }

  function factor(): ArticleFilter {
    if (isPunct('(')) {
      pos++;
      const inner = or();
      expectPunct(')');
      return inner;
    }
    return comparison();
  }

  function and(): ArticleFilter {
    const parts = [factor()];
    while (isPunct('+')) {
      pos++;
      parts.push(factor());
    }
    return parts.length === 1 ? parts[0]! : { all: parts };
  }

  function or(): ArticleFilter {
    const parts = [and()];
    while (isPunct(',')) {
      pos++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : { any: parts };
  }

  if (tokens.length === 0) return { all: [] };
  const result = or();
  if (pos < tokens.length) throw new GhostFilterError('The filter has something extra at the end.');
  return result;
}
