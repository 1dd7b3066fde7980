// What the libs show each other and the apps (issue 16): a lib's index.ts exports its module(s),
// services and public types, never an entity or a repository; and the apps build nothing by hand,
// they ask Nest for services (no `new …Service(` or `new …Repository(` in apps/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { libs } from '../../libs/platform/src/database/table-owners';
import { codeFiles, root } from './table-access';

/** Every class an index.ts exports that is an entity (`@Entity`) or a repository, as `lib: Name (file)`. */
function exportedInternals(): string[] {
  const found: string[] = [];
  const parse = (file: string) =>
    ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.ES2022, true);
  for (const lib of libs) {
    const index = `libs/${lib}/src/index.ts`;
    for (const statement of parse(index).statements) {
      if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier) continue;
      const from = (statement.moduleSpecifier as ts.StringLiteral).text;
      expect(from.startsWith('.')).toBe(true); // a lib re-exports only its own files
      const path = join(`libs/${lib}/src`, from);
      const file = existsSync(join(root, `${path}.ts`)) ? `${path}.ts` : join(path, 'index.ts');
      const names =
        statement.exportClause && ts.isNamedExports(statement.exportClause)
          ? statement.exportClause.elements.map((e) => (e.propertyName ?? e.name).text)
          : null; // export * from: every class in the file
      for (const declaration of parse(file).statements.filter(ts.isClassDeclaration)) {
        const name = declaration.name?.text ?? '';
        if (names && !names.includes(name)) continue;
        const entity = (ts.getDecorators(declaration) ?? []).some(
          (d) =>
            ts.isCallExpression(d.expression) &&
            ts.isIdentifier(d.expression.expression) &&
            d.expression.expression.text === 'Entity',
        );
        if (entity || /Repository$/.test(name) || file.endsWith('.repository.ts'))
          found.push(`${lib}: ${name} (${file})`);
      }
    }
  }
  return found;
}

describe("the libs' public surface", () => {
  it('exports no entity and no repository from any lib’s index.ts', () => {
    expect(exportedInternals()).toEqual([]);
  });

  it('builds no service or repository by hand in the apps', () => {
    const built = codeFiles()
      .filter((file) => file.startsWith('apps/'))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .map((text, i) => ({ text, where: `${file}:${i + 1}` }))
          .filter(({ text }) => /\bnew\s+[A-Z]\w*(?:Service|Repository)\s*\(/.test(text))
          .map(({ text, where }) => `${where} ${text.trim()}`),
      );
    expect(built).toEqual([]);
  });

  it('finds every lib it checks', () => {
    expect(readdirSync(join(root, 'libs')).sort()).toEqual([...libs].sort());
  });
});
