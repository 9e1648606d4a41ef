// docs/benchmarks.md holds one section per benchmark script; each run replaces its own section.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const docs = path.resolve(import.meta.dirname, '../../docs/benchmarks.md');

/** Writes `## heading` + `body`, replacing that section if present; returns the file's path. */
export const writeBenchmarkSection = (heading: string, body: string): string => {
  const title = `## ${heading}`;
  const section = `${title}\n\n${body.trim()}\n`;
  if (!existsSync(path.dirname(docs))) mkdirSync(path.dirname(docs));
  const previous = existsSync(docs) ? readFileSync(docs, 'utf8') : '# Benchmarks\n';
  const pattern = new RegExp(
    `${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n[\\s\\S]*?(?=\\n## |$)`,
  );
  writeFileSync(
    docs,
    previous.includes(`${title}\n`)
      ? previous.replace(pattern, () => section)
      : `${previous.trimEnd()}\n\n${section}`,
  );
  return path.relative(process.cwd(), docs);
};
