/** Parsing the `flotilla` command's flags; a UsageError is a mistake in them (exit 2). */
import { parseArgs } from 'node:util';
import { DurationError, parseDuration } from '../scenario';

/** A mistake in the command line: `flotilla CMD: message` on stderr, exit 2 (main.ts). */
export class UsageError extends Error {}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** The flags and positionals of `args`, strictly: an unknown flag is a UsageError. */
export function parse(
  args: string[],
  options: OptionSpec,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** A duration flag's value (`--at 2m30s`), if given. */
export function duration(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseDuration(text);
  } catch (e) {
    throw new UsageError(`--${flag}: ${e instanceof DurationError ? e.message : String(e)}`);
  }
}

/** The one file a command takes. */
export function oneFile(positionals: string[], what = 'a scenario file'): string {
  if (positionals.length !== 1)
    throw new UsageError(
      `expected ${what}, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`,
    );
  return positionals[0] as string;
}

/** `--seed`: a uint32, as the run's generator takes it. */
export function seedOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 4294967295)
    throw new UsageError(`--seed: expected a whole number from 0 to 4294967295, got "${text}"`);
  return Number(text);
}
