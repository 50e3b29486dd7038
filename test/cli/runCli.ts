/** Runs the `flotilla` CLI in-process and captures its exit code, stdout and stderr. */
import { main } from '../../src/cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  const code = await main(args, { out: (t) => void (out += line(t)), err: (t) => void (err += line(t)) });
  return { code, out, err };
}

/** `line:col` (1-based) of `token` where it follows `after` in `text`. */
export function locate(text: string, after: string, token: string): string {
  const at = text.indexOf(after + token);
  if (at < 0) throw new Error(`"${after}${token}" not in the fixture`);
  const i = at + after.length;
  const line = text.slice(0, i).split('\n').length;
  const col = i - (text.lastIndexOf('\n', i - 1) + 1) + 1;
  return `${line}:${col}`;
}
