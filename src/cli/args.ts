/** A small argv reader: positionals plus --flag and --key value; unknown flags are usage errors (exit 2). */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], valueFlags: string[], booleanFlags: string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      if (valueFlags.includes(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} 需要一个值 (--${name} needs a value)`);
        out.flags[name] = value;
      } else if (booleanFlags.includes(name)) out.flags[name] = true;
      else throw new UsageError(`未知选项 --${name} (unknown option --${name})`);
    } else out.positionals.push(arg);
  }
  return out;
}
