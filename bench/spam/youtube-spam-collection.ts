/**
 * Loads the YouTube Spam Collection (Alberto, Lochter & Almeida, 2015; CC BY 4.0) saved in ./data:
 * five CSV files, one per music video, with AUTHOR, DATE, CONTENT and CLASS (1 = spam) columns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labelled comment, with its body turned back into the plain text the commenter typed. */
export interface LabelledComment {
  video: string;
  author: string;
  date: string;
  body: string;
  isSpam: boolean;
}

/** The five videos, in the collection's own order. */
export const VIDEOS = [
  'Youtube01-Psy',
  'Youtube02-KatyPerry',
  'Youtube03-LMFAO',
  'Youtube04-Eminem',
  'Youtube05-Shakira',
] as const;

/** Splits CSV text into rows of fields (RFC 4180: quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * Undoes YouTube's HTML export: line breaks become newlines, links and hashtags keep only the text the
 * person wrote (YouTube linkified timestamps like "2:19" itself), and entities are decoded.
 */
export function toPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&([a-z]+);/gi, (entity, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? entity);
}

/** Every comment of one video in the order it was posted (the files mix newest-first and oldest-first). */
export function loadVideo(video: string, dataDir: string): LabelledComment[] {
  const [header, ...rows] = parseCsv(readFileSync(join(dataDir, `${video}.csv`), 'utf8'));
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${video}.csv: no ${name} column`);
    return index;
  };
  const [author, date, content, label] = ['AUTHOR', 'DATE', 'CONTENT', 'CLASS'].map(column);
  const comments = rows.map((row) => ({
    video,
    author: row[author],
    date: row[date],
    body: toPlainText(row[content]),
    isSpam: row[label] === '1',
  }));
  const dated = comments.filter((c) => c.date !== '');
  // Some spam rows carry no date; file position is the only order they have.
  if (dated.length > 1 && dated[0].date > dated[dated.length - 1].date) comments.reverse();
  return comments;
}

/** All five videos, keyed by video name. */
export function loadCollection(dataDir: string): Map<string, LabelledComment[]> {
  return new Map(VIDEOS.map((video) => [video, loadVideo(video, dataDir)]));
}
