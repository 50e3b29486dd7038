/**
 * The compact view of a node's pods in a big cluster: one small cell per pod on a canvas (SVG
 * with thousands of elements is too slow), coloured and shaped by its class. The card's text gives
 * the counts per class, so the canvas is a picture, not the only source.
 */
import type { PodItem, PodKind } from './clusterModel';
import { POD_SHAPES } from './palette';

const CELL = 7;
const GAP = 2;

/** Cells per row and rows for `n` pods in `width` CSS pixels. */
export function mapGrid(n: number, width: number): { columns: number; rows: number } {
  const columns = Math.max(1, Math.floor((width + GAP) / (CELL + GAP)));
  return { columns, rows: Math.ceil(n / columns) };
}

/**
 * The width inside `box`'s padding: clientWidth counts the padding, and a map that wide ran into the
 * card's right padding, up to its border.
 */
function contentWidth(box: HTMLElement | null): number {
  if (box === null) return 200;
  const style = getComputedStyle(box);
  return box.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
}

export function drawPodMap(
  canvas: HTMLCanvasElement,
  pods: readonly PodItem[],
  colours: Readonly<Record<PodKind, string>>,
): void {
  const { columns, rows } = mapGrid(pods.length, Math.max(40, contentWidth(canvas.parentElement) - 4));
  const ratio = window.devicePixelRatio || 1;
  const w = columns * (CELL + GAP);
  const h = Math.max(1, rows * (CELL + GAP));
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }
  const g = canvas.getContext('2d');
  if (g === null) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, w, h);
  g.lineWidth = 1.5;
  pods.forEach((p, i) => {
    const x = (i % columns) * (CELL + GAP);
    const y = Math.floor(i / columns) * (CELL + GAP);
    const colour = colours[p.kind];
    switch (POD_SHAPES[p.kind]) {
      case 'square':
        g.fillStyle = colour;
        g.fillRect(x, y, CELL, CELL);
        break;
      case 'hollow':
        g.strokeStyle = p.kind === 'pending' ? '#111827' : colour;
        g.strokeRect(x + 0.75, y + 0.75, CELL - 1.5, CELL - 1.5);
        break;
      case 'cross':
        g.strokeStyle = colour;
        g.beginPath();
        g.moveTo(x, y);
        g.lineTo(x + CELL, y + CELL);
        g.moveTo(x + CELL, y);
        g.lineTo(x, y + CELL);
        g.stroke();
        break;
      case 'dot':
        g.fillStyle = colour;
        g.beginPath();
        g.arc(x + CELL / 2, y + CELL / 2, CELL / 2 - 0.5, 0, Math.PI * 2);
        g.fill();
        break;
    }
  });
}
