/**
 * openpyxl, as Python office scripts use it: Debian's python3-openpyxl for /usr/bin/python3 (installed by
 * .ci/run; the python3 on PATH may be another build without it). Loads a workbook with every warning turned into
 * an error, and writes the corpus of workbooks "saved by a Python script" the readers are tested on.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = process.env.TAIZHANG_PYTHON ?? '/usr/bin/python3';

export function openpyxlAvailable(): boolean {
  return existsSync(PYTHON);
}

/** Runs a Python program with ARGS (as sys.argv[1:]); resolves with stdout, rejects with stderr. */
export function runPython(program: string, args: string[] = [], timeoutMs = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, ['-c', program, ...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${PYTHON} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

const LOAD = `
import sys, json, warnings
warnings.simplefilter('error')
import openpyxl
result = {}
for path in sys.argv[1:]:
    try:
        with open(path, 'rb') as fh:
            openpyxl.load_workbook(fh).close()
        result[path] = None
    except BaseException as e:
        result[path] = '%s: %s' % (type(e).__name__, e)
print(json.dumps(result, ensure_ascii=False))
`;

/** openpyxl's complaint about each file (an exception or a warning), or null when it loads cleanly. */
export async function loadAllInOpenpyxl(files: string[]): Promise<Record<string, string | null>> {
  return JSON.parse(await runPython(LOAD, files)) as Record<string, string | null>;
}

export async function loadInOpenpyxl(file: string): Promise<string | null> {
  return (await loadAllInOpenpyxl([file]))[file];
}

/** Opens SOURCE in openpyxl and saves it as TARGET, changing nothing: what a Python script that only reads does. */
export async function saveWithOpenpyxl(source: string, target: string): Promise<void> {
  await runPython(`import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.save(sys.argv[2])`, [source, target]);
}

/**
 * Runs a Python snippet on SOURCE opened in openpyxl (as `wb`, with `json` and `args` = the JSON ARG) and saves
 * the result as TARGET: how the corpus fills registers, adds notes, validation, names and styles the way openpyxl
 * writes them.
 */
export async function editWithOpenpyxl(source: string, target: string, snippet: string, arg: unknown = null): Promise<void> {
  const program = `import sys, json, openpyxl\nfrom openpyxl.comments import Comment\nwb = openpyxl.load_workbook(sys.argv[1])\nargs = json.loads(sys.argv[3])\n${snippet}\nwb.save(sys.argv[2])`;
  await runPython(program, [source, target, JSON.stringify(arg)]);
}
