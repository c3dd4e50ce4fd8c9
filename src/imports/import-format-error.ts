/** The error every import parser throws for input it cannot read. */

/** An export file that is malformed, truncated, unsafe or not the format it claims; names where when known. */
export class ImportFormatError extends Error {
  readonly id = 'import.format';
  readonly line: number | null;
  readonly column: number | null;
  readonly element: string | null;

  constructor(
    message: string,
    where: { line?: number | null; column?: number | null; element?: string | null } = {},
  ) {
    super(message);
    this.name = 'ImportFormatError';
    this.line = where.line ?? null;
    this.column = where.column ?? null;
    this.element = where.element ?? null;
  }
}
