// `npm run i18n`: regenerates locales/en from the code, then lists what ko, ja and fr lack
// (and what they have that the code no longer uses). It never writes a translation itself.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractCatalogues, LANGUAGES, localeFile } from './i18n-keys';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const catalogues = extractCatalogues(root);
let problems = 0;

for (const [namespace, english] of Object.entries(catalogues)) {
  writeFileSync(localeFile(root, 'en', namespace), `${JSON.stringify(english, null, 2)}\n`);
  console.log(`locales/en/${namespace}.json: ${Object.keys(english).length} keys`);
  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    const file = localeFile(root, language, namespace);
    const translated: Record<string, string> = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
      : {};
    const missing = Object.keys(english).filter((key) => !translated[key]);
    const unused = Object.keys(translated).filter((key) => !(key in english));
    for (const key of missing) console.log(`  ${language}: missing "${key}"`);
    for (const key of unused) console.log(`  ${language}: unused "${key}"`);
    problems += missing.length + unused.length;
  }
}
if (problems > 0) {
  console.log(`${problems} translation problem(s): fix them in locales/{ko,ja,fr}.`);
  process.exitCode = 1;
}
