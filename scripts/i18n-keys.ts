// Finds every translation key the code uses: the first argument of each `t('…')` call, and
// the `%namespace~Text%` labels of console-extensions.json. Keys are the English text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const LANGUAGES = ['en', 'ko', 'ja', 'fr'] as const;

/** Which namespace each source folder's strings belong to. */
export const NAMESPACES = [
  {
    namespace: 'plugin__virtualization-plugin',
    folders: ['src/plugin'],
    extensions: 'console-extensions.json',
  },
  { namespace: 'console-shell', folders: ['src/shell'] },
] as const;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });

/** Keys of `t('…')` / `i18n.t('…')` calls in one file's text. */
export const keysInSource = (fileName: string, text: string): string[] => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const keys: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      const [first] = node.arguments;
      if (name === 't' && first) {
        if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))
          keys.push(first.text);
        else {
          const { line } = source.getLineAndCharacterOfPosition(first.getStart());
          throw new Error(
            `${fileName}:${line + 1}: t() needs a literal key so it can be translated`,
          );
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return keys;
};

/** Keys of `%namespace~Text%` values anywhere in the extensions file. */
export const keysInExtensions = (json: unknown, namespace: string): string[] => {
  const keys: string[] = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      const match = /^%([^~%]+)~(.+)%$/.exec(value);
      if (match?.[1] === namespace && match[2]) keys.push(match[2]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(json);
  return keys;
};

/** The English catalogue of every namespace, as the code needs it: key → key, sorted. */
export const extractCatalogues = (root: string): Record<string, Record<string, string>> =>
  Object.fromEntries(
    NAMESPACES.map((entry) => {
      const keys = new Set<string>();
      for (const folder of entry.folders) {
        for (const file of sourceFiles(path.join(root, folder))) {
          keysInSource(file, readFileSync(file, 'utf8')).forEach((key) => keys.add(key));
        }
      }
      if ('extensions' in entry) {
        const json: unknown = JSON.parse(readFileSync(path.join(root, entry.extensions), 'utf8'));
        keysInExtensions(json, entry.namespace).forEach((key) => keys.add(key));
      }
      const sorted = [...keys].sort((a, b) => a.localeCompare(b, 'en'));
      return [entry.namespace, Object.fromEntries(sorted.map((key) => [key, key]))];
    }),
  );

export const localeFile = (root: string, language: string, namespace: string) =>
  path.join(root, 'locales', language, `${namespace}.json`);

/** `{{name}}` placeholders of a string, sorted: a translation must keep the same ones. */
export const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
