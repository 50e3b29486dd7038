/**
 * YAML with source positions: parse one or many documents keeping each node's offsets (the `yaml`
 * package's LineCounter and node ranges), and map a field path back to `line:column`, so that every
 * error can say where it is. Used for manifests and for scenario files.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Document } from 'yaml';
import { type FieldPath, formatPath, LocatedError, type Severity, type SourceLocation } from '../model';

/** One parsed YAML document and what is needed to locate its nodes. */
export interface YamlSource {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
}

/** Parses every document of `text`; syntax errors come back located, with the parser's message. */
export function parseYamlDocuments(
  text: string,
  file: string,
): { sources: YamlSource[]; errors: LocatedError[] } {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const docs: Document[] = Array.isArray(parsed) ? parsed : [];
  const errors: LocatedError[] = [];
  for (const doc of docs) {
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      errors.push(new LocatedError({ file, line: pos.line, column: pos.col, path: '', message: e.message }));
    }
  }
  return { sources: docs.map((doc) => ({ file, doc, lines })), errors };
}

/** Whether a document holds nothing (a `---` separator with only comments after it). */
export function isEmptyDocument(src: YamlSource): boolean {
  const c = src.doc.contents;
  return c === null || (isScalar(c) && (c.value === null || c.value === undefined));
}

/**
 * The document as plain JavaScript. Anchors and aliases resolve; the alias budget stops
 * "billion laughs" inputs (a located error instead of running out of memory).
 */
export function yamlToJS(src: YamlSource): { value: unknown } | { error: LocatedError } {
  try {
    return { value: src.doc.toJS({ maxAliasCount: 1000 }) };
  } catch (e) {
    return { error: locatorFor(src).error([], e instanceof Error ? e.message : String(e)) };
  }
}

/** Finds a position for a field path: the key or value node, or the nearest ancestor that exists. */
export interface Locator {
  readonly file: string;
  /**
   * Location of the value at `path` (or of its key, with `key: true`; `offset` moves into a
   * one-line scalar, e.g. to the bad character of a selector). Falls back to the deepest ancestor
   * present in the source.
   */
  at(path: FieldPath, opts?: { key?: boolean; offset?: number }): SourceLocation;
  /** A located error at `path`; the printed path includes this locator's prefix. */
  error(path: FieldPath, message: string, expected?: string, severity?: Severity): LocatedError;
  /** Same as error(), located at the key of the last path segment (for "unknown field"). */
  keyError(path: FieldPath, message: string, expected?: string, severity?: Severity): LocatedError;
  /** A locator for the subtree at `path`. */
  child(path: FieldPath): Locator;
}

/** A locator over one YAML document; `prefix` is where the located value sits inside it. */
export function locatorFor(src: YamlSource, prefix: FieldPath = []): Locator {
  const make = (full: FieldPath, key: boolean, message: string, expected?: string, severity?: Severity) =>
    new LocatedError({
      ...locate(src, full, key ? { key: true } : {}),
      path: formatPath(full),
      message,
      ...(expected === undefined ? {} : { expected }),
      ...(severity === undefined ? {} : { severity }),
    });
  return {
    file: src.file,
    at: (path, opts) => locate(src, [...prefix, ...path], opts ?? {}),
    error: (path, message, expected, severity) =>
      make([...prefix, ...path], false, message, expected, severity),
    keyError: (path, message, expected, severity) =>
      make([...prefix, ...path], true, message, expected, severity),
    child: (path) => locatorFor(src, [...prefix, ...path]),
  };
}

/** Location of a path in a document; see {@link Locator.at}. */
function locate(src: YamlSource, path: FieldPath, opts: { key?: boolean; offset?: number }): SourceLocation {
  const pos = (offset: number): SourceLocation => {
    const p = src.lines.linePos(offset);
    return { file: src.file, line: p.line, column: p.col };
  };
  let node: unknown = src.doc.contents;
  let best = node !== null && hasRange(node) ? node.range[0] : 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isAlias(node)) node = node.resolve(src.doc);
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg),
      );
      if (pair === undefined) break;
      const keyStart = hasRange(pair.key) ? pair.key.range[0] : best;
      if (i === path.length - 1 && opts.key === true) return pos(keyStart);
      // `foo:` with no value has a null value node: point at the key.
      if (pair.value === null || !hasRange(pair.value)) return pos(keyStart);
      next = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    } else break;
    if (next === undefined || next === null || !hasRange(next)) break;
    node = next;
    best = next.range[0];
    if (i === path.length - 1 && opts.offset !== undefined && isScalar(next)) {
      return pos(best + scalarOffset(next, opts.offset));
    }
  }
  if (path.length === 0 && opts.offset !== undefined && isScalar(node))
    return pos(best + scalarOffset(node, opts.offset));
  return pos(best);
}

function hasRange(n: unknown): n is { range: [number, number, number] } {
  return (
    typeof n === 'object' && n !== null && 'range' in n && Array.isArray((n as { range: unknown }).range)
  );
}

/** Offset of character `offset` of a scalar's value in the source: only exact for one-line scalars. */
function scalarOffset(node: Scalar, offset: number): number {
  switch (node.type) {
    case Scalar.PLAIN:
      return offset;
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE:
      return offset + 1;
    default:
      return 0;
  }
}
