// The quick starts are ConsoleQuickStart objects in files/quickstarts/*.yaml (written with the
// embedded cluster, which seeds the same files); the chart renders each of them as it is.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { RENDER_CASES } from './cases';
import { CHART_DIR, findHelm, render } from './helm';
import { ofKind, parseManifests, QUICK_STARTS_TEMPLATE } from './manifests';

const [defaults] = RENDER_CASES as [(typeof RENDER_CASES)[0]];
const FILES = path.join(CHART_DIR, 'files/quickstarts');

/** The documents of a YAML text, failing with the file's name and the parser's message. */
const documentsOf = (file: string, text: string) =>
  parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length) throw new Error(`${file}: ${document.errors[0]?.message}`);
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the chart (templates and values only) with these quick-start files. */
const chartWith = (files: Record<string, string> | undefined) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'chart-quickstarts-'));
  copies.push(dir);
  cpSync(CHART_DIR, dir, {
    recursive: true,
    filter: (source) =>
      !/\/(tests|files)(\/|$)/.test(path.relative(path.dirname(CHART_DIR), source)),
  });
  if (files) {
    mkdirSync(path.join(dir, 'files/quickstarts'), { recursive: true });
    for (const [name, text] of Object.entries(files))
      writeFileSync(path.join(dir, 'files/quickstarts', name), text);
  }
  return dir;
};

const quickStart = (name: string, lang: string) => `apiVersion: console.openshift.io/v1
kind: ConsoleQuickStart
metadata:
  name: ${name}${lang === 'en' ? '' : `-${lang}`}
  labels:
    console.openshift.io/lang: ${lang}
    console.openshift.io/name: ${name}
spec:
  displayName: "${name} (${lang})"
  durationMinutes: 5
  description: A tour.
  introduction: |-
    Click [VirtualMachines]{{highlight qs-nav-virtualmachines}}: braces stay as written.
  tasks:
    - title: "Step: one"
      description: "{{ .Values.notATemplate }}"
`;

const renderedQuickStarts = (chartDir: string, set: string[] = []) =>
  ofKind(parseManifests(render({ ...defaults, chartDir, set })), 'ConsoleQuickStart');

describe.skipIf(!findHelm().helm)('the quick starts', () => {
  it('renders nothing when there are no quick-start files', () => {
    expect(renderedQuickStarts(chartWith(undefined))).toEqual([]);
    expect(renderedQuickStarts(chartWith({}))).toEqual([]);
  });

  it('renders every document of every file as it is, braces and all', () => {
    const files = {
      'a.en.yaml': quickStart('a', 'en'),
      // Several documents in one file, with a leading separator and no final newline.
      'b.yaml': `---\n${quickStart('b', 'en')}---\n${quickStart('b', 'ko')}`.trimEnd(),
      'notes.txt': 'not a quick start',
    };
    const expected = ['a.en.yaml', 'b.yaml'].flatMap((file) =>
      documentsOf(file, files[file as keyof typeof files]),
    );
    expect(expected).toHaveLength(3);
    expect(renderedQuickStarts(chartWith(files))).toEqual(expected);
  });

  it('renders none when quickStarts.enabled is false', () => {
    const chart = chartWith({ 'a.yaml': quickStart('a', 'en') });
    expect(renderedQuickStarts(chart, ['quickStarts.enabled=false'])).toEqual([]);
  });

  it("renders the chart's own quick-start files exactly", () => {
    const files = (() => {
      try {
        return readdirSync(FILES)
          .filter((f) => f.endsWith('.yaml'))
          .sort();
      } catch {
        return [];
      }
    })();
    // Each file on its own first, so a broken one is named (helm would only give a line number).
    const expected = files.flatMap((file) =>
      documentsOf(`files/quickstarts/${file}`, readFileSync(path.join(FILES, file), 'utf8')),
    );
    const manifests = parseManifests(render(defaults));
    const rendered = manifests.filter((m) => m.source === QUICK_STARTS_TEMPLATE);
    expect(rendered.map((m) => m.object)).toEqual(expected);
    for (const { object } of rendered) expect(object.kind).toBe('ConsoleQuickStart');
  });
});
