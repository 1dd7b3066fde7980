// Finds every place the code writes a table: SQL in string and template literals, TypeORM writes
// through entities (read with the TypeScript compiler, not regexes), and the functions that
// database triggers run. Each write is attributed to the lib (or app) whose folder holds the file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const root = join(__dirname, '../..');
export const migrationsDir = 'libs/platform/src/database/migrations';

/** A lib name (`learning`), an app (`apps/cli`), or for a trigger the owner of the table it fires on. */
export type Writer = string;

export interface TableAccess {
  file: string;
  line: number;
  writer: Writer;
  table: string;
  how: string;
}

export interface CodeScan {
  writes: TableAccess[];
  reads: TableAccess[];
}

export interface MigrationScan {
  /** Tables and views the migrations create. */
  created: { name: string; file: string }[];
  /** Writes made by functions that triggers run, attributed to `trigger on <table>`. */
  triggerWrites: (TableAccess & { onTable: string | null })[];
}

const writeMethods = new Set([
  'insert',
  'update',
  'delete',
  'save',
  'upsert',
  'remove',
  'softDelete',
  'softRemove',
  'restore',
  'increment',
  'decrement',
  'clear',
]);
const identifier = String.raw`(?:public\.)?"?([a-z_][a-z0-9_]*)"?`;
// Upper-case keywords only: the code writes SQL in capitals, so prose in a comment or message is not SQL.
const sqlWrites: [RegExp, string][] = [
  [new RegExp(String.raw`\bINSERT\s+INTO\s+${identifier}`, 'g'), 'INSERT'],
  [
    new RegExp(String.raw`\bUPDATE\s+(?:ONLY\s+)?${identifier}(?:\s+(?:AS\s+)?[a-z_][a-z0-9_]*)?\s+SET\b`, 'g'),
    'UPDATE',
  ],
  [new RegExp(String.raw`\bDELETE\s+FROM\s+(?:ONLY\s+)?${identifier}`, 'g'), 'DELETE'],
  [new RegExp(String.raw`\bMERGE\s+INTO\s+${identifier}`, 'g'), 'MERGE'],
  [new RegExp(String.raw`\bCOPY\s+${identifier}(?:\s*\([^)]*\))?\s+FROM\b`, 'g'), 'COPY'],
];
const truncate =
  /\bTRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?((?:(?:public\.)?"?[a-z_][a-z0-9_]*"?\s*,\s*)*(?:public\.)?"?[a-z_][a-z0-9_]*"?)/g;
const sqlReads = new RegExp(String.raw`\b(?:FROM|JOIN)\s+(?:ONLY\s+)?${identifier}`, 'g');

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'public') walkFiles(path, out);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.spec.ts'))
      out.push(path);
  }
  return out;
}

/** The lib or app a file belongs to: `libs/learning/src/x.ts` → `learning`, `apps/cli/src/x.ts` → `apps/cli`. */
export function writerOf(file: string): Writer {
  const [top, name] = file.split('/');
  return top === 'libs' ? name : `${top}/${name}`;
}

const texts = new Map<string, string>();
function textOf(file: string): string {
  if (!texts.has(file)) texts.set(file, readFileSync(join(root, file), 'utf8'));
  return texts.get(file)!;
}

// Parsing is the slow part: a file that names no SQL write and no write method cannot write a table.
const mayWrite =
  /\b(?:INSERT|UPDATE|DELETE|TRUNCATE|MERGE|COPY|FROM|JOIN)\b|\.(?:insert|update|delete|save|upsert|remove|softDelete|softRemove|restore|increment|decrement|clear|into|getRepository)\(/;

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
  if (!parsed.has(file))
    parsed.set(file, ts.createSourceFile(file, textOf(file), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS));
  return parsed.get(file)!;
}

/** The text of a string or template literal, with `${…}` replaced by a placeholder. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => ` $x ${s.literal.text}`).join('');
  return null;
}

export function sqlWritesIn(sql: string): { table: string; how: string }[] {
  const found: { table: string; how: string }[] = [];
  for (const [pattern, how] of sqlWrites) for (const m of sql.matchAll(pattern)) found.push({ table: m[1], how });
  for (const m of sql.matchAll(truncate))
    for (const name of m[1].split(','))
      found.push({
        table: name
          .trim()
          .replace(/^public\./, '')
          .replace(/"/g, ''),
        how: 'TRUNCATE',
      });
  return found;
}

function lineOf(node: ts.Node): number {
  return node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;
}

/** Entity class name → table, from every `@Entity('table')` in apps and libs. */
export function entityTables(files: string[]): Map<string, string> {
  const tables = new Map<string, string>();
  for (const file of files.filter((f) => textOf(f).includes('@Entity('))) {
    const source = parse(file);
    source.forEachChild(function visit(node) {
      if (ts.isClassDeclaration(node) && node.name) {
        for (const d of ts.getDecorators(node) ?? []) {
          const call = d.expression;
          if (
            ts.isCallExpression(call) &&
            ts.isIdentifier(call.expression) &&
            call.expression.text === 'Entity' &&
            call.arguments[0] &&
            ts.isStringLiteral(call.arguments[0])
          ) {
            tables.set(node.name.text, call.arguments[0].text);
          }
        }
      }
      node.forEachChild(visit);
    });
  }
  return tables;
}

/** `x.getRepository(Entity)` → `Entity`. */
function repositoryEntity(node: ts.Node | undefined): string | null {
  if (!node) return null;
  while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node)) node = node.expression;
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'getRepository' &&
    node.arguments[0] &&
    ts.isIdentifier(node.arguments[0])
  ) {
    return node.arguments[0].text;
  }
  return null;
}

/** Whether a query-builder chain below `node` contains a call to `method()`. */
function chainHas(node: ts.Expression, method: string): boolean {
  while (ts.isCallExpression(node) || ts.isPropertyAccessExpression(node)) {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === method
    )
      return true;
    node = node.expression;
  }
  return false;
}

/** The entity of the repository a local name is bound to in the nearest scope declaring it: `const repo = manager.getRepository(Course)`. */
function boundRepository(name: ts.Identifier): string | null {
  for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope) && scope.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name.text))
      return null;
    if (ts.isBlock(scope) || ts.isSourceFile(scope)) {
      for (const statement of scope.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const declared = statement.declarationList.declarations.find(
          (d) => ts.isIdentifier(d.name) && d.name.text === name.text,
        );
        if (declared) return repositoryEntity(declared.initializer);
      }
    }
  }
  return null;
}

/** The entity of `this.repo` when the class defines `repo` as a repository (a property or a one-line getter). */
function memberRepository(access: ts.PropertyAccessExpression): string | null {
  let owner: ts.Node | undefined = access.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  for (const member of owner?.members ?? []) {
    if (!member.name || !ts.isIdentifier(member.name) || member.name.text !== access.name.text) continue;
    if (ts.isPropertyDeclaration(member)) return repositoryEntity(member.initializer);
    if (ts.isGetAccessorDeclaration(member) && member.body?.statements.length === 1) {
      const only = member.body.statements[0];
      return ts.isReturnStatement(only) ? repositoryEntity(only.expression) : null;
    }
  }
  return null;
}

/** Adds the writes and SQL reads in one source file to `scan`; `text` stands in for the file's content when given. */
export function scanSource(file: string, entities: Map<string, string>, scan: CodeScan, text?: string): void {
  const source =
    text === undefined ? parse(file) : ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const writer = writerOf(file);
  const record = (list: TableAccess[], node: ts.Node, table: string, how: string) =>
    list.push({ file, line: lineOf(node), writer, table, how });

  source.forEachChild(function visit(node) {
    const sql = literalText(node);
    if (sql !== null) {
      for (const w of sqlWritesIn(sql)) record(scan.writes, node, w.table, `SQL ${w.how}`);
      for (const m of sql.matchAll(sqlReads)) record(scan.reads, node, m[1], 'SQL');
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression;
      const first = node.arguments[0];
      let entity: string | null = null;
      if (writeMethods.has(method)) {
        entity = repositoryEntity(receiver);
        if (!entity && ts.isIdentifier(receiver)) entity = boundRepository(receiver);
        if (
          !entity &&
          ts.isPropertyAccessExpression(receiver) &&
          receiver.expression.kind === ts.SyntaxKind.ThisKeyword
        )
          entity = memberRepository(receiver);
        if (!entity && first && ts.isIdentifier(first) && entities.has(first.text)) entity = first.text;
      } else if (method === 'into' && chainHas(receiver, 'insert') && first && ts.isIdentifier(first))
        entity = first.text;
      else if (method === 'from' && chainHas(receiver, 'delete') && first && ts.isIdentifier(first))
        entity = first.text;
      if (entity && entities.has(entity))
        record(scan.writes, node, entities.get(entity)!, `TypeORM ${method}(${entity})`);
      const read = method === 'getRepository' ? repositoryEntity(node) : null;
      if (read && entities.has(read)) record(scan.reads, node, entities.get(read)!, `TypeORM getRepository(${read})`);
    }
    node.forEachChild(visit);
  });
}

/** Every table write (and SQL read) in apps/ and libs/, migrations and spec files left out. */
export function codeFiles(): string[] {
  return [...walkFiles('apps'), ...walkFiles('libs')].filter((f) => !f.startsWith(`${migrationsDir}/`));
}

export function scanCode(): CodeScan {
  const files = codeFiles();
  const entities = entityTables(files);
  const scan: CodeScan = { writes: [], reads: [] };
  for (const file of files.filter((f) => mayWrite.test(textOf(f)))) scanSource(file, entities, scan);
  return scan;
}

/**
 * What the migrations create, and what the functions behind their triggers still write: the
 * migrations are read in order, a function or trigger that a later up() drops no longer counts, and
 * what a down() would put back is left out.
 */
export function scanMigrations(
  sources: { file: string; text: string }[] = walkFiles(migrationsDir)
    .sort()
    .map((file) => ({ file, text: textOf(file) })),
): MigrationScan {
  const result: MigrationScan = { created: [], triggerWrites: [] };
  const functions = new Map<string, { body: string; file: string; line: number }>();
  const triggers = new Map<string, { fn: string; onTable: string }>();
  for (const { file, text } of sources) {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    source.forEachChild(function visit(node, inDown = false) {
      const sql = literalText(node);
      if (sql !== null) {
        for (const m of sql.matchAll(
          /\bCREATE\s+(?:UNLOGGED\s+)?(?:TABLE|(?:OR\s+REPLACE\s+)?(?:MATERIALIZED\s+)?VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)/g,
        )) {
          if (!inDown) result.created.push({ name: m[1], file });
        }
        for (const m of sql.matchAll(
          /\bALTER\s+TABLE\s+(?:public\.)?"?[a-z_][a-z0-9_]*"?\s+RENAME\s+TO\s+"?([a-z_][a-z0-9_]*)/g,
        ))
          if (!inDown) result.created.push({ name: m[1], file });
        // A table a later up() drops no longer exists, so it needs no owner.
        if (!inDown)
          for (const m of sql.matchAll(/\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)/g))
            result.created = result.created.filter((c) => c.name !== m[1]);
        if (!inDown) {
          const steps: { at: number; apply: () => void }[] = [];
          for (const m of sql.matchAll(
            /\bCREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?:public\.)?"?([a-z_][a-z0-9_]*)[\s\S]*?\$(\w*)\$([\s\S]*?)\$\2\$/g,
          )) {
            steps.push({ at: m.index!, apply: () => functions.set(m[1], { body: m[3], file, line: lineOf(node) }) });
          }
          for (const m of sql.matchAll(
            /\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+"?([a-z_][a-z0-9_]*)"?[\s\S]*?\bON\s+(?:public\.)?"?([a-z_][a-z0-9_]*)"?[\s\S]*?\bEXECUTE\s+(?:FUNCTION|PROCEDURE)\s+(?:public\.)?"?([a-z_][a-z0-9_]*)/g,
          )) {
            steps.push({ at: m.index!, apply: () => triggers.set(m[1], { fn: m[3], onTable: m[2] }) });
          }
          for (const m of sql.matchAll(/\bDROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)"?/g))
            steps.push({ at: m.index!, apply: () => triggers.delete(m[1]) });
          for (const m of sql.matchAll(/\bDROP\s+FUNCTION\s+(?:IF\s+EXISTS\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)/g)) {
            steps.push({
              at: m.index!,
              apply: () => {
                functions.delete(m[1]);
                for (const [name, t] of triggers) if (t.fn === m[1]) triggers.delete(name); // CASCADE, or the drop would fail
              },
            });
          }
          for (const step of steps.sort((x, y) => x.at - y.at)) step.apply();
        }
      }
      const down = inDown || (ts.isMethodDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'down');
      node.forEachChild((child) => visit(child, down));
    });
  }
  for (const [name, fn] of functions) {
    const onTables = [...triggers.values()].filter((t) => t.fn === name).map((t) => t.onTable);
    for (const onTable of onTables.length ? onTables : [null]) {
      for (const w of sqlWritesIn(fn.body)) {
        result.triggerWrites.push({
          file: fn.file,
          line: fn.line,
          writer: onTable ? `trigger on ${onTable}` : `function ${name}`,
          onTable,
          table: w.table,
          how: `function ${name}: SQL ${w.how}`,
        });
      }
    }
  }
  return result;
}
