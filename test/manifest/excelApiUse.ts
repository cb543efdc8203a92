/**
 * Which Excel JavaScript APIs the shipped code uses, and the requirement set of each, read from @types/office-js
 * (its `[Api set: ExcelApi 1.N]` remarks). The code reaches Excel either through Excel.* types directly or
 * through the adapter's structural Host* interfaces (src/workbook/officejs/host.ts), which name the Excel class
 * they stand for: HostRange is Excel.Range, HostContext is Excel.RequestContext, and an inline type such as
 * HostContext.workbook is the type Excel gives that member (Excel.Workbook).
 */
import path from 'node:path';
import ts from 'typescript';

export interface ApiUse {
  api: string;
  /** Minor version of ExcelApi 1.N; 1 when the typings name no set (the API is in ExcelApi 1.1). */
  version: number;
  file: string;
  line: number;
}

interface Member {
  version: number;
  /** The member's type (property) or return type (method), as written, without the Excel. prefix. */
  type: string;
}

const ROOT = path.join(__dirname, '..', '..');
const OFFICE_DTS = require.resolve('@types/office-js/index.d.ts');
const HOST_FILE = path.join(ROOT, 'src', 'workbook', 'officejs', 'host.ts');
const HOST_NAMES: Record<string, string> = { HostContext: 'RequestContext' };

function apiVersion(node: ts.Node, text: string): number {
  const comments = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  for (const c of comments) {
    const m = /\[Api set: ExcelApi 1\.(\d+)/.exec(text.slice(c.pos, c.end));
    if (m) return Number(m[1]);
  }
  return 1;
}

/** Base classes: Excel.Range extends OfficeExtension.ClientObject (load, isNullObject), and so on. */
const bases = new Map<string, string>();

/** Excel class → member → version and type, from the Excel namespace of @types/office-js; OfficeExtension's
 * base classes (OfficeExtension.ClientObject, OfficeCore.RequestContext…) by their qualified names, their members in every set. */
export function excelMembers(): Map<string, Map<string, Member>> {
  const program = ts.createProgram([OFFICE_DTS], { noResolve: true, types: [] });
  const file = program.getSourceFile(OFFICE_DTS)!;
  const text = file.getFullText();
  const classes = new Map<string, Map<string, Member>>();
  let prefix = '';
  const visit = (node: ts.Node, inExcel: boolean): void => {
    if (ts.isModuleDeclaration(node)) {
      const name = node.name.getText(file);
      const base = name === 'OfficeExtension' || name === 'OfficeCore';
      prefix = base ? `${name}.` : '';
      if (node.body && ts.isModuleBlock(node.body)) for (const s of node.body.statements) visit(s, name === 'Excel' || base);
      prefix = '';
      return;
    }
    if (!inExcel) return;
    if (ts.isFunctionDeclaration(node) && node.name) {
      const fns = classes.get('') ?? new Map<string, Member>();
      classes.set('', fns);
      const version = apiVersion(node, text);
      const prev = fns.get(node.name.text);
      fns.set(node.name.text, { version: Math.min(prev?.version ?? 99, version), type: node.type?.getText(file) ?? '' });
    }
    if ((ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name) {
      const key = prefix + node.name.text;
      const members = classes.get(key) ?? new Map<string, Member>();
      classes.set(key, members);
      const base = node.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText(file)))[0];
      if (base) bases.set(key, base.includes('.') ? base : prefix + base);
      for (const m of node.members) {
        if (!m.name || !ts.isIdentifier(m.name)) continue;
        const type = (m as { type?: ts.TypeNode }).type?.getText(file).replace(/^Excel\./, '') ?? '';
        const prev = members.get(m.name.text);
        // Overloads: the lowest set that offers the member at all.
        members.set(m.name.text, { version: Math.min(prev?.version ?? 99, apiVersion(m, text)), type: prev?.type || type });
      }
    }
  };
  for (const s of file.statements) visit(s, false);
  return classes;
}

/** The Excel class a type stands for, or null when it is not an Excel object. */
function excelClass(type: ts.Type, members: Map<string, Map<string, Member>>): string | null {
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const decl = symbol?.declarations?.[0];
  if (!symbol || !decl) return null;
  const file = path.resolve(decl.getSourceFile().fileName);
  if (file === path.resolve(OFFICE_DTS)) {
    let parent: ts.Node | undefined = decl.parent;
    while (parent && !ts.isModuleDeclaration(parent)) parent = parent.parent;
    return parent && ts.isModuleDeclaration(parent) && parent.name.getText() === 'Excel' ? symbol.name : null;
  }
  if (file !== path.resolve(HOST_FILE)) return null;
  if (ts.isInterfaceDeclaration(decl)) return HOST_NAMES[decl.name.text] ?? decl.name.text.replace(/^Host/, '');
  // An inline type: the type Excel gives the member it is written for.
  if (ts.isTypeLiteralNode(decl)) {
    const owner = decl.parent;
    if (ts.isPropertySignature(owner) && ts.isIdentifier(owner.name) && ts.isInterfaceDeclaration(owner.parent)) {
      const cls = HOST_NAMES[owner.parent.name.text] ?? owner.parent.name.text.replace(/^Host/, '');
      return members.get(cls)?.get(owner.name.text)?.type ?? null;
    }
    if (ts.isParameter(owner)) return 'RunOptions';
  }
  return null;
}

/** Every Excel API the given source files use: member accesses and option objects, with their sets. */
export function excelApiUse(files: string[]): { uses: ApiUse[]; unknown: ApiUse[]; guarded: number[] } {
  const members = excelMembers();
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['office-js', 'node'],
  });
  const checker = program.getTypeChecker();
  const uses: ApiUse[] = [];
  const unknown: ApiUse[] = [];
  const guarded: number[] = [];
  const record = (cls: string, name: string, node: ts.Node) => {
    const sf = node.getSourceFile();
    const where = { file: path.relative(ROOT, sf.fileName), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 };
    let owner: string | undefined = cls;
    let member = members.get(cls)?.get(name);
    while (!member && owner && bases.has(owner)) {
      owner = bases.get(owner);
      member = members.get(owner!)?.get(name);
    }
    if (member) uses.push({ api: `${cls ? `${cls}.` : 'Excel.'}${name}`, version: member.version, ...where });
    else unknown.push({ api: `${cls}.${name}`, version: 0, ...where });
  };
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const target = checker.getSymbolAtLocation(node.expression);
        if (target && target.flags & ts.SymbolFlags.Namespace && target.name === 'Excel') record('', node.name.text, node);
        else {
          const cls = excelClass(checker.getTypeAtLocation(node.expression), members);
          if (cls) record(cls, node.name.text, node);
        }
      }
      if (ts.isObjectLiteralExpression(node)) {
        const contextual = checker.getContextualType(node);
        const cls = contextual ? excelClass(contextual, members) : null;
        if (cls) for (const p of node.properties) if (p.name && ts.isIdentifier(p.name)) record(cls, p.name.text, p);
      }
      if (ts.isCallExpression(node) && node.expression.getText(sf).endsWith('isSetSupported')) {
        const [set, version] = node.arguments.map((a) => (ts.isStringLiteral(a) ? a.text : ''));
        const m = /^1\.(\d+)$/.exec(version ?? '');
        if (set === 'ExcelApi' && m) guarded.push(Number(m[1]));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { uses, unknown, guarded };
}
