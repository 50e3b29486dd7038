/**
 * Errors and warnings that point into a source file: `file:line:column: field.path: message
 * (expected ...)`, the shape compilers and kubectl's validation use, so editors and terminals can
 * jump to the spot. They live in the model layer because everything that reads input reports them:
 * manifest loading, Compose files (including the normalised project's source positions) and
 * scenario files, and imports point down only.
 */

/** A position in a source file; line and column are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning';

/** A field path as a list of map keys and list indexes, e.g. `['timeline', 2, 'node']`. */
export type FieldPath = readonly (string | number)[];

/** What a {@link LocatedError} is made of. */
export interface LocatedErrorInit extends SourceLocation {
  /** Field path in display form, e.g. `timeline[2].node` ('' for the whole file). */
  readonly path: string;
  readonly message: string;
  /** What would have been accepted, e.g. `one of: node-1, node-2`. */
  readonly expected?: string;
  readonly severity?: Severity;
}

/**
 * One problem found in an input file. `toString()` gives
 * `scenarios/x.yaml:12:9: timeline[2].node: unknown node "node-9" (expected one of: node-1, node-2)`.
 * Warnings print with `warning: ` after the position.
 */
export class LocatedError extends Error implements SourceLocation {
  override readonly name = 'LocatedError';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly expected: string | undefined;
  readonly severity: Severity;

  constructor(init: LocatedErrorInit) {
    super(init.message);
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.path = init.path;
    this.expected = init.expected;
    this.severity = init.severity ?? 'error';
  }

  override toString(): string {
    const where = `${this.file}:${this.line}:${this.column}: `;
    const level = this.severity === 'warning' ? 'warning: ' : '';
    const field = this.path === '' ? '' : `${this.path}: `;
    const hint = this.expected === undefined ? '' : ` (expected ${this.expected})`;
    return `${where}${level}${field}${this.message}${hint}`;
  }

  /** A plain record, for `--json` output. */
  toJSON(): LocatedErrorInit & { severity: Severity } {
    return {
      file: this.file,
      line: this.line,
      column: this.column,
      path: this.path,
      message: this.message,
      ...(this.expected === undefined ? {} : { expected: this.expected }),
      severity: this.severity,
    };
  }
}

/** Orders errors by file, then position, so a report reads top to bottom. */
export function sortLocated(errors: readonly LocatedError[]): LocatedError[] {
  return [...errors].sort((a, b) =>
    a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1,
  );
}

/** One line per error, sorted, then a count (`2 errors`), as compilers print them. */
export function formatLocatedErrors(errors: readonly LocatedError[]): string {
  const sorted = sortLocated(errors);
  const n = sorted.filter((e) => e.severity === 'error').length;
  const w = sorted.length - n;
  const counts = [
    n > 0 ? `${n} error${n === 1 ? '' : 's'}` : '',
    w > 0 ? `${w} warning${w === 1 ? '' : 's'}` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  return [...sorted.map((e) => e.toString()), ...(counts === '' ? [] : [counts])].join('\n');
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Display form of a field path: `spec.template.spec.containers[0].image`; keys that are not plain
 * words are bracketed as the apiserver prints them: `resources.limits[nvidia.com/gpu]`.
 */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${seg}]`;
  }
  return out;
}
