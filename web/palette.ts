/**
 * The lab's colours and icons. Okabe–Ito colours (distinguishable with the common colour-vision
 * deficiencies), and every colour paired with an icon and a word, so colour is never the only cue.
 * style.css uses the same colours for the HTML glyphs.
 */
import type { PodKind } from './clusterModel';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#e69f00',
  sky: '#56b4e9',
  green: '#009e73',
  yellow: '#f0e442',
  blue: '#0072b2',
  vermillion: '#d55e00',
  purple: '#cc79a7',
  grey: '#9ca3af',
} as const;

/** An icon for every pod class. */
export const POD_ICONS: Readonly<Record<PodKind, string>> = {
  running: '✓',
  starting: '↻',
  pending: '…',
  failing: '!',
  terminating: '×',
  unknown: '?',
  done: '■',
};

/** The word for every pod class (the legend, the compact view's counts). */
export const POD_WORDS: Readonly<Record<PodKind, string>> = {
  running: 'running',
  starting: 'starting',
  pending: 'pending',
  failing: 'failing',
  terminating: 'terminating',
  unknown: 'unknown',
  done: 'completed',
};

export const POD_COLOURS: Readonly<Record<PodKind, string>> = {
  running: OKABE_ITO.green,
  starting: OKABE_ITO.sky,
  pending: '#ffffff',
  failing: OKABE_ITO.vermillion,
  terminating: OKABE_ITO.orange,
  unknown: OKABE_ITO.purple,
  done: OKABE_ITO.grey,
};

/**
 * How a pod class is drawn where there is no room for its icon (the compact map): a shape, so that
 * kinds differ without colour. `square` filled, `hollow` outline only, `cross` an X, `dot` a small dot.
 */
export type MapShape = 'square' | 'hollow' | 'cross' | 'dot';

export const POD_SHAPES: Readonly<Record<PodKind, MapShape>> = {
  running: 'square',
  starting: 'dot',
  pending: 'hollow',
  failing: 'cross',
  terminating: 'cross',
  unknown: 'hollow',
  done: 'dot',
};
