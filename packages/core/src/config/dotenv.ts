/**
 * Parses a `.env` file: `KEY=value` lines, optional `export `, `#` comments, single quotes
 * (literal) and double quotes (with \n, \t, \" and \\ escapes). Malformed lines are reported.
 */
export function parseDotenv(text: string): { values: Record<string, string>; badLines: number[] } {
  const values: Record<string, string> = {};
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      badLines.push(index + 1);
      return;
    }
    values[match[1]!] = unquote(match[2]!);
  });
  return { values, badLines };
}

function unquote(value: string): string {
  if (value.startsWith('"')) {
    const end = value.lastIndexOf('"');
    const inner = end > 0 ? value.slice(1, end) : value.slice(1);
    return inner.replace(/\\([nt"\\])/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
  }
  if (value.startsWith("'")) {
    const end = value.lastIndexOf("'");
    return end > 0 ? value.slice(1, end) : value.slice(1);
  }
  return value.replace(/\s+#.*$/, '').trim();
}
