// docs/benchmarks.md holds one section per benchmark script; each run replaces its own section.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';

const docs = path.resolve(import.meta.dirname, '../../docs/benchmarks.md');

/**
 * Writes `## heading` + `body`, replacing that section if present, formatted as the repository's
 * Markdown is (Prettier); resolves with the file's path.
 */
export const writeBenchmarkSection = async (heading: string, body: string): Promise<string> => {
  const title = `## ${heading}`;
  const section = `${title}\n\n${body.trim()}\n`;
  if (!existsSync(path.dirname(docs))) mkdirSync(path.dirname(docs));
  const previous = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
  const pattern = new RegExp(
    `${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`,
  );
  const updated = previous.includes(`${title}\n`)
    ? previous.replace(pattern, () => section)
    : `${previous.trimEnd()}\n\n${section}`;
  writeFileSync(docs, await format(updated, { ...(await resolveConfig(docs)), filepath: docs }));
  return path.relative(process.cwd(), docs);
};
