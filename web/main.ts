/**
 * The lab page's entry: index.html loads this module, which makes the lab (createLab.ts) on the
 * page. Everything else is made by that call, not by importing a module.
 */
import { config as zodConfig } from 'zod';
import { createLab } from './createLab';

// The page's Content-Security-Policy forbids eval; without this, zod probes `new Function` to
// compile fast parsers, and the browser reports the refused probe as an error.
zodConfig({ jitless: true });

createLab(document);
