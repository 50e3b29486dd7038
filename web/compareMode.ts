/**
 * The comparison mode of the lab: the runs of one scenario folder side by side (compareView.ts)
 * at one shared time, moved by one Play button, scrubber and the lab's keys. The URL names it
 * (`#compare/compose-vs-swarm-vs-kubernetes?t=60000`). Selecting a node or pod in a column opens
 * that scenario in the full lab at that moment. This view draws the store's comparison; the
 * columns it built for the current comparison are all it keeps.
 */
import type { Memo } from '../src/model';
import { buildColumns, renderColumns, renderCompareTable, type CompareColumn } from './compareView';
import type { Selection } from './inspectorView';
import { isPlaying, type LabSnapshot } from './labStore';
import type { PageElements } from './pageElements';
import { renderPlayback } from './playbackView';

export interface CompareViewInput {
  el: PageElements['compare'];
  memo: Memo;
  motionAllowed: () => boolean;
  /** A node or pod of column `run` was selected. */
  select(run: number, s: Selection): void;
}

export function createCompareView({ el, memo, motionAllowed, select }: CompareViewInput) {
  let columns: CompareColumn[] = [];

  return function render(s: LabSnapshot, prev: LabSnapshot | undefined): void {
    const { comparison: c, time, speed } = s.context.compare;
    if (c !== prev?.context.compare.comparison) {
      columns = [];
      el.columns.replaceChildren();
      if (c !== undefined) {
        el.title.textContent = `Compare: ${c.folder}`;
        columns = buildColumns(el.columns, c);
        renderCompareTable(el.table, el.notes, c.metrics);
        el.title.focus();
      }
    }
    if (c === undefined || s.context.mode !== 'compare') return;
    const playing = isPlaying(s);
    renderPlayback(el, { time, end: c.end, speed, playing });
    const before = prev?.context.mode === 'compare' ? prev.context.compare.time : time;
    renderColumns(columns, c, time, {
      animate: s.context.moving && motionAllowed() && time >= before,
      memo,
      onSelect: select,
    });
  };
}
