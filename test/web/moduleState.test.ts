/**
 * The lab keeps no state in its modules (issue 20): createLab makes everything when main.ts calls
 * it, so importing a module of web/ makes nothing and two labs would not share anything. This
 * reads the sources for what would break that: a top-level `let`, a module-level collection, and a
 * DOM lookup or listener at import time.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const WEB = new URL('../../web/', import.meta.url);
const files = readdirSync(WEB).filter((f) => f.endsWith('.ts'));

const RULES: [string, RegExp][] = [
  ['a top-level let or var', /^(export )?(let|var) /m],
  // (A constant typed ReadonlyMap or ReadonlySet, such as the bundled files, is not state.)
  [
    'a module-level Map, Set, WeakMap or WeakSet',
    /^(export )?const \w+(: (?!Readonly)[^=]+)? = new (Map|Set|WeakMap|WeakSet)\b/m,
  ],
  // (A RegExp without the g or y flag keeps nothing between uses.)
  [
    'an object made at import time',
    /^(export )?const \w+(: [^=]+)? = new (?!RegExp\b|Map\b|Set\b|WeakMap\b|WeakSet\b)\w+/m,
  ],
  ['the DOM used at import time', /^(export )?(const [^=]+= )?(document|window|globalThis)\b/m],
  ['an element looked up at import time', /^(export )?const [^=]+= (byId|svgById)\(/m],
];

describe('web/ keeps no module-level state', () => {
  it.each(files)('%s', (file) => {
    const text = readFileSync(new URL(file, WEB), 'utf8');
    const found = RULES.filter(([, re]) => re.test(text)).map(([what]) => what);
    expect(found).toEqual([]);
  });
});
