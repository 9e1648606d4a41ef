import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// xterm.js must reach the bundle only through loadXterm's dynamic import(), so the pages that
// import this component (the VM details page) do not load it until a serial console mounts.
const folder = __dirname;
const sources = readdirSync(folder).filter(
  (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith('.d.ts'),
);

describe('lazy loading of xterm.js', () => {
  it.each(sources)('%s imports @xterm packages for types only', (file) => {
    const text = readFileSync(path.join(folder, file), 'utf8');
    const valueImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'@xterm\/[^']+'/gm)];
    expect(valueImports.map((match) => match[0])).toEqual([]);
    expect(text).not.toMatch(/^import\s+'@xterm\//m);
  });

  it('loadXterm pulls xterm, its addons and its CSS with import()', () => {
    const text = readFileSync(path.join(folder, 'loadXterm.ts'), 'utf8');
    for (const module of [
      '@xterm/xterm',
      '@xterm/addon-fit',
      '@xterm/addon-search',
      '@xterm/xterm/css/xterm.css',
    ]) {
      expect(text).toContain(`import('${module}')`);
    }
  });
});
