import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * Finds SQL sent from outside db/ (issue 25: db/ owns all SQL). A file sends SQL when one of its string or template
 * literals reads as a statement, when it calls `.query(…)`, `.copyFrom(…)` or `.kysely`, or when it imports Kysely's
 * `sql` tag or db/sql/*. Comments are not looked at: the TypeScript scanner reads literals only.
 */

const STATEMENT =
  /\b(SELECT\s+[\w*"(]|INSERT\s+INTO|UPDATE\s+[\w."]+\s+SET|DELETE\s+FROM|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TEMP|VIEW|OR|EXTENSION|FUNCTION|TRIGGER)|ALTER\s+TABLE|DROP\s+(TABLE|INDEX|VIEW|TRIGGER|FUNCTION)|TRUNCATE\s|COPY\s+[\w."]+\s*[( ]|WITH\s+\w+\s+AS\s*\(|SET\s+LOCAL|LOCK\s+TABLE|ANALYZE\s+\w|VACUUM)/;

export interface SqlUse {
  file: string;
  line: number;
  what: string;
}

function usesIn(file: string, text: string): SqlUse[] {
  const out: SqlUse[] = [];
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node) => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n)
    ) {
      const m = STATEMENT.exec(n.text);
      if (m) out.push({ file, line: at(n), what: `SQL text "${m[0].trim()}"` });
    } else if (ts.isPropertyAccessExpression(n) && ['query', 'copyFrom', 'kysely'].includes(n.name.text)) {
      const callee = ts.isCallExpression(n.parent) && n.parent.expression === n;
      if (n.name.text === 'kysely' || callee) out.push({ file, line: at(n), what: `.${n.name.text}` });
    } else if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const from = n.moduleSpecifier.text;
      const names =
        n.importClause?.namedBindings && ts.isNamedImports(n.importClause.namedBindings)
          ? n.importClause.namedBindings.elements.map((e) => (e.propertyName ?? e.name).text)
          : [];
      if (/(^|\/)db\/sql\//.test(from)) out.push({ file, line: at(n), what: `import of ${from}` });
      if (from === 'kysely' && names.includes('sql'))
        out.push({ file, line: at(n), what: "import { sql } from 'kysely'" });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The product's sources outside db/: app, components, lib, cli, server.ts, proxy.ts. */
export function productFilesOutsideDb(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (/\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(rel);
    }
  };
  for (const d of ['app', 'components', 'lib', 'cli']) if (fs.existsSync(path.join(root, d))) walk(d);
  for (const f of ['server.ts', 'proxy.ts']) if (fs.existsSync(path.join(root, f))) files.push(f);
  return files.sort();
}

export function sqlOutsideDb(root: string, files = productFilesOutsideDb(root)): SqlUse[] {
  return files.flatMap((f) => usesIn(f, fs.readFileSync(path.join(root, f), 'utf8')));
}

/** For the scanner's own test: the uses found in a piece of source text. */
export const sqlUsesInText = (text: string, file = 'x.ts') => usesIn(file, text);
