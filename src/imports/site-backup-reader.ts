/**
 * Reads a site backup (`broadsheet export --format json`) back as a header and rows, a line at a time when
 * the file has the layout the exporter writes (one row per line), whole with JSON.parse otherwise.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  SITE_BACKUP_FORMAT,
  SITE_BACKUP_TABLES,
  SITE_BACKUP_VERSION,
  type SiteBackupHeader,
  type SiteBackupTable,
} from '../exports/site-backup.js';
import { ImportFormatError } from './import-format-error.js';
import { parseJson } from './import-service.js';

/** What a backup yields: its header first, then every row of every table in table order. */
export type SiteBackupItem =
  | { kind: 'header'; header: SiteBackupHeader }
  | { kind: 'row'; table: SiteBackupTable; row: Record<string, unknown> };

const HEADER_RE = /^\{"broadsheet":(\{.*\}),$/;
const TABLE_OPEN_RE = /^"([a-z_]+)":\[(\])?([,}])?$/;
const TABLE_CLOSE_RE = /^\]([,}])$/;

/** Yields the header and rows of the backup at `path`; a broken or truncated file throws ImportFormatError. */
export async function* readSiteBackup(path: string): AsyncGenerator<SiteBackupItem> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  let state: 'header' | 'between' | 'rows' | 'done' = 'header';
  let table: SiteBackupTable | null = null;
  let lastTableIndex = -1;
  const fail = (message: string): never => {
    throw new ImportFormatError(`Malformed Broadsheet backup at line ${lineNumber}: ${message}`, {
      line: lineNumber,
      element: table,
    });
  };
  const openTable = (name: string) => {
    const index = (SITE_BACKUP_TABLES as readonly string[]).indexOf(name);
    if (index < 0) fail(`unknown table "${name}"`);
    if (index <= lastTableIndex) fail(`table "${name}" is out of order`);
    lastTableIndex = index;
    table = name as SiteBackupTable;
  };
  const ending = (mark: string | undefined): 'done' | 'between' =>
    mark === '}' ? 'done' : mark === ',' ? 'between' : fail('expected "," or "}" after a table');

  try {
    for await (const line of lines) {
      lineNumber++;
      if (state === 'header') {
        const match = HEADER_RE.exec(line.replace(/^\uFEFF/, ''));
        if (!match) {
          // Not the exporter's line layout (reformatted by hand?): read it whole instead.
          lines.close();
          yield* readWhole(path);
          return;
        }
        yield { kind: 'header', header: checkHeader(parseLine(match[1]!, fail)) };
        state = 'between';
      } else if (state === 'between') {
        const match = TABLE_OPEN_RE.exec(line);
        if (!match) fail('expected a table');
        openTable(match![1]!);
        if (match![2]) state = ending(match![3]);
        else if (match![3]) fail('unexpected text after "["');
        else state = 'rows';
      } else if (state === 'rows') {
        const close = TABLE_CLOSE_RE.exec(line);
        if (close) {
          state = ending(close[1]);
          continue;
        }
        const text = line.endsWith(',') ? line.slice(0, -1) : line;
        const row = parseLine(text, fail);
        if (typeof row !== 'object' || row === null || Array.isArray(row)) fail('a row must be an object');
        yield { kind: 'row', table: table!, row: row as Record<string, unknown> };
      } else if (line.trim() !== '') {
        fail('text after the end of the backup');
      }
    }
  } finally {
    lines.close();
  }
  if (state !== 'done') {
    throw new ImportFormatError(
      `Malformed Broadsheet backup: the file ends at line ${lineNumber}${table ? ` inside table "${table}"` : ''} (truncated?)`,
      { line: lineNumber, element: table },
    );
  }
}

async function* readWhole(path: string): AsyncGenerator<SiteBackupItem> {
  const json = parseJson(await readFile(path, 'utf8'), 'Broadsheet backup') as Record<string, unknown>;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ImportFormatError('A Broadsheet backup must be a JSON object');
  }
  yield { kind: 'header', header: checkHeader(json.broadsheet) };
  for (const table of SITE_BACKUP_TABLES) {
    const rows = json[table];
    if (rows === undefined) continue;
    if (!Array.isArray(rows))
      throw new ImportFormatError(`Malformed Broadsheet backup: "${table}" is not an array`);
    for (const row of rows) {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        throw new ImportFormatError(`Malformed Broadsheet backup: a row of "${table}" is not an object`);
      }
      yield { kind: 'row', table, row: row as Record<string, unknown> };
    }
  }
}

function parseLine(text: string, fail: (message: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail((error as Error).message);
  }
}

function checkHeader(value: unknown): SiteBackupHeader {
  const header = value as Partial<SiteBackupHeader> | null;
  if (!header || header.format !== SITE_BACKUP_FORMAT) {
    throw new ImportFormatError('Not a Broadsheet site backup: the "broadsheet" header names another format');
  }
  if (typeof header.version !== 'number' || header.version > SITE_BACKUP_VERSION) {
    throw new ImportFormatError(
      `This backup is format version ${header.version}; this Broadsheet reads up to ${SITE_BACKUP_VERSION}. Upgrade Broadsheet first.`,
    );
  }
  return header as SiteBackupHeader;
}
