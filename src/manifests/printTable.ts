/**
 * Column layout of kubectl's output: a port of Go's text/tabwriter (left alignment, space padding,
 * no flags), which kubectl feeds with tab-separated cells.
 *
 * - `kubectl get` uses minwidth 6, tabwidth 4, padding 3 (k8s.io/cli-runtime/pkg/printers/
 *   tabwriter.go GetNewTabWriter), so a column is max(6, widest cell + 3) runes wide.
 * - `kubectl describe` uses minwidth 0, padding 2 (k8s.io/kubectl/pkg/describe/describe.go
 *   tabbedString: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)).
 *
 * As in Go, the text after a line's last tab is not a column cell (it is never padded), and a
 * column is aligned only over a block of consecutive lines that all have a cell in it: a line with
 * fewer tabs ends the block. `kubectl describe` relies on that: `Name:` .. `IP:` align together,
 * and a heading like `Containers:` (no tab) starts a new alignment block.
 */

/** Settings of Go's tabwriter that matter with space padding. */
export interface TabwriterSettings {
  readonly minWidth: number;
  readonly padding: number;
}

/** `kubectl get` tables (k8s.io/cli-runtime/pkg/printers/tabwriter.go). */
const KUBECTL_TABWRITER: TabwriterSettings = { minWidth: 6, padding: 3 };

/** `kubectl describe` (k8s.io/kubectl/pkg/describe/describe.go tabbedString). */
export const DESCRIBE_TABWRITER: TabwriterSettings = { minWidth: 0, padding: 2 };

/** Width of a cell in runes, as Go's tabwriter counts it (utf8.RuneCount). */
function runeWidth(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/**
 * Lays out lines of cells as Go's tabwriter does (text/tabwriter Writer.format): each line is the
 * list of its tab-separated cells; the result has a newline after every line.
 */
export function tabwrite(
  lines: readonly (readonly string[])[],
  settings: TabwriterSettings = KUBECTL_TABWRITER,
): string {
  const widths: number[] = [];
  let out = '';

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = lines[i] ?? [];
      let text = '';
      line.forEach((cell, j) => {
        text += cell;
        const w = widths[j];
        if (w !== undefined && j < line.length - 1) text += ' '.repeat(Math.max(0, w - runeWidth(cell)));
      });
      out += `${text}\n`;
    }
  };

  // Writer.format: find the blocks of lines that have a cell in the next column, size that column
  // over the block, then recurse into the columns to its right.
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= (lines[i]?.length ?? 0) - 1) continue;
      writeLines(start, i);
      start = i;
      let width = settings.minWidth;
      for (; i < line1; i++) {
        const line = lines[i] ?? [];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeWidth(line[column] ?? '') + settings.padding);
      }
      widths.push(width);
      format(start, i);
      widths.pop();
      start = i;
      i -= 1; // the outer loop's i++ must look at the line that ended the block again
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out;
}

/** {@link tabwrite} over text with `\t` between cells and `\n` after lines (as Go code writes it). */
export function tabwriteText(text: string, settings: TabwriterSettings = KUBECTL_TABWRITER): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (body === '' && text === '') return '';
  return tabwrite(
    body.split('\n').map((l) => l.split('\t')),
    settings,
  );
}

/**
 * A kubectl table: the header (upper-cased, as kubectl prints column names) and the rows, aligned
 * with `kubectl get`'s tabwriter settings.
 */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return tabwrite([headers.map((h) => h.toUpperCase()), ...rows], KUBECTL_TABWRITER);
}
