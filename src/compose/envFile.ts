/**
 * `.env`-style files as `env_file:` reads them (compose spec "env_file" format): `KEY=VALUE` lines,
 * `#` comments and blank lines skipped, an optional `export ` prefix, single-quoted values taken
 * literally, double-quoted values with `\n`, `\t`, `\"` and `\\` escapes, and ` #` starting a
 * comment after an unquoted value. Simplification: values are not interpolated, and a bare `KEY`
 * line (value from the shell) is skipped.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (m === null) continue;
    out[m[1] as string] = unquote(m[2] ?? '');
  }
  return out;
}

function unquote(v: string): string {
  const q = v[0];
  if ((q === '"' || q === "'") && v.lastIndexOf(q) > 0) {
    const body = v.slice(1, v.lastIndexOf(q));
    if (q === "'") return body;
    return body.replace(/\\([nt"\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  }
  const hash = v.search(/\s#/);
  return (hash < 0 ? v : v.slice(0, hash)).trim();
}
