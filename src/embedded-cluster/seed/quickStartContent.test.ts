import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { consoleQuickStarts } from './consoleQuickStarts';

// What the tours say, checked against what the product shows: every tour exists in the four
// languages with the same steps, the translations leave no English behind, and every UI label a
// step names (in **bold**, or as a highlight link) is one the plugin really shows in that language.

const ROOT = path.resolve(__dirname, '../../..');
const LANGUAGES = ['en', 'ko', 'ja', 'fr'] as const;
type Language = (typeof LANGUAGES)[number];
const NAME_LABEL = 'console.openshift.io/name';
const LANGUAGE_LABEL = 'console.openshift.io/lang';

interface Task {
  title?: string;
  description?: string;
  review?: { instructions?: string; failedTaskHelp?: string };
  summary?: { success?: string; failed?: string };
}
interface Spec {
  displayName: string;
  description: string;
  durationMinutes: number;
  introduction: string;
  prerequisites?: string[];
  tasks: Task[];
  conclusion?: string;
  nextQuickStart?: string[];
  accessReviewResources?: object[];
}

const quickStarts = consoleQuickStarts();
const specOf = (object: KubeObject) => object.spec as unknown as Spec;
const byName = new Map<string, Map<string, KubeObject>>();
for (const object of quickStarts) {
  const name = object.metadata.labels?.[NAME_LABEL] ?? '';
  const language = object.metadata.labels?.[LANGUAGE_LABEL] ?? '';
  if (!byName.has(name)) byName.set(name, new Map());
  byName.get(name)?.set(language, object);
}
const tour = (name: string, language: Language) => {
  const object = byName.get(name)?.get(language);
  if (!object) throw new Error(`no ${language} version of ${name}`);
  return specOf(object);
};

/** Every text of a quick start the user reads, with where it is. */
const textsOf = (spec: Spec): [string, string][] => [
  ['displayName', spec.displayName],
  ['description', spec.description],
  ['introduction', spec.introduction],
  ...(spec.prerequisites ?? []).map((text, i): [string, string] => [`prerequisites[${i}]`, text]),
  ...spec.tasks.flatMap((task, i): [string, string][] =>
    (
      [
        ['title', task.title],
        ['description', task.description],
        ['review.instructions', task.review?.instructions],
        ['review.failedTaskHelp', task.review?.failedTaskHelp],
        ['summary.success', task.summary?.success],
        ['summary.failed', task.summary?.failed],
      ] as const
    ).flatMap(([field, text]): [string, string][] =>
      text === undefined ? [] : [[`tasks[${i}].${field}`, text]],
    ),
  ),
  ...(spec.conclusion === undefined ? [] : [['conclusion', spec.conclusion] as [string, string]]),
];

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();
const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
const boldTexts = (text: string) =>
  [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => squeeze(m[1] ?? ''));
const highlights = (text: string) =>
  [...text.matchAll(/\[([^\]]+)\]\{\{highlight ([^}]+)\}\}/g)].map((m) => ({
    label: squeeze(m[1] ?? ''),
    id: m[2] ?? '',
  }));

/**
 * The syntax @patternfly/quickstarts turns into a highlight link (its HIGHLIGHT_REGEXP): labels
 * of ASCII word characters, spaces and `-()$!` only, so Korean and Japanese steps name
 * non-ASCII navigation items in bold instead.
 */
const LIBRARY_HIGHLIGHT = /\[([\d\w\s-()$!]+)]{{(highlight) ([\w-]+)}}/g;

/** The text once what is not prose (code, UI labels, links, markup) is taken out. */
const proseOf = (text: string) =>
  text
    .replace(/`[^`]+`(\{\{copy\}\})?/g, ' ')
    .replace(/\[([^\]]+)\]\{\{highlight [^}]+\}\}/g, ' ')
    .replace(/\*\*[^*]+\*\*/g, ' ');

/** Words only English uses (none is French): one of them left in a translation is a miss. */
const ENGLISH_WORDS = new Set(
  'the and your you with click select this that from into when then which will for is are of to open choose wait it its in virtual machine'
    .split(' ')
    .filter((word) => word !== 'machine'),
);
const englishWordsIn = (text: string) =>
  (proseOf(text).match(/[A-Za-z]+/g) ?? []).filter((word) => ENGLISH_WORDS.has(word.toLowerCase()));

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** The labels the plugin shows in a language: its translated catalogue. */
const uiLabels = (language: Language): string[] =>
  Object.values(
    JSON.parse(
      readFileSync(
        path.join(ROOT, 'locales', language, 'plugin__virtualization-plugin.json'),
        'utf8',
      ),
    ) as Record<string, string>,
  );
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PLACEHOLDER = /\{\{\s*[\w.]+\s*\}\}/;
/**
 * A catalogue entry as a pattern: `{{series}} series` matches "U series". Entries that are mostly
 * placeholders (`{{kind}} {{name}}`) would match anything, so they name nothing here.
 */
const labelPattern = (label: string): RegExp | undefined => {
  const parts = label.split(PLACEHOLDER);
  if (parts.join('').replace(/[^\p{L}]/gu, '').length < 2) return undefined;
  return new RegExp(`^${parts.map(escapeRegExp).join('.+')}$`);
};

/** The `data-quickstart-id`s the navigation extensions carry. */
const extensionHighlightIds = (): Set<string> => {
  const ids = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'data-quickstart-id' && typeof inner === 'string') ids.add(inner);
        else visit(inner);
      }
  };
  visit(JSON.parse(readFileSync(path.join(ROOT, 'console-extensions.json'), 'utf8')));
  return ids;
};

const NAMES = [
  'connect-to-vm-console',
  'create-vm-from-instancetype',
  'take-and-restore-vm-snapshot',
  'windows-bootsource-pipeline',
];

describe('the quick-start tours', () => {
  it('are the four tours, each in English, Korean, Japanese and French', () => {
    expect([...byName.keys()].sort()).toEqual(NAMES);
    for (const name of NAMES)
      expect([...(byName.get(name)?.keys() ?? [])].sort(), name).toEqual(['en', 'fr', 'ja', 'ko']);
  });

  it('are named as the console expects: the English one by the tour, the others by tour and language', () => {
    for (const object of quickStarts) {
      const name = object.metadata.labels?.[NAME_LABEL];
      const language = object.metadata.labels?.[LANGUAGE_LABEL];
      expect(object.metadata.name).toBe(language === 'en' ? name : `${name}-${language}`);
    }
  });

  it('chain only to tours that exist', () => {
    for (const object of quickStarts)
      for (const next of specOf(object).nextQuickStart ?? []) expect(NAMES).toContain(next);
  });

  describe.each(NAMES)('%s', (name) => {
    const english = tour(name, 'en');

    it.each(['ko', 'ja', 'fr'] as const)(
      'in %s has the same steps as in English, in the same order',
      (language) => {
        const translated = tour(name, language);
        expect(translated.durationMinutes).toBe(english.durationMinutes);
        expect(translated.nextQuickStart).toEqual(english.nextQuickStart);
        expect(translated.accessReviewResources).toEqual(english.accessReviewResources);
        expect(translated.prerequisites?.length).toBe(english.prerequisites?.length);
        expect(translated.tasks).toHaveLength(english.tasks.length);
        translated.tasks.forEach((task, i) => {
          const original = english.tasks[i] as Task;
          // What a step has the user type or look for is the same in every language.
          const codes = (t: Task) =>
            [t.description, t.review?.instructions, t.review?.failedTaskHelp]
              .flatMap((text) => codeSpans(text ?? ''))
              .sort();
          expect(codes(task), `task ${i + 1}`).toEqual(codes(original));
          expect(Object.keys(task.review ?? {}).sort()).toEqual(
            Object.keys(original.review ?? {}).sort(),
          );
          expect(Object.keys(task.summary ?? {}).sort()).toEqual(
            Object.keys(original.summary ?? {}).sort(),
          );
        });
      },
    );

    it.each(['ko', 'ja', 'fr'] as const)('in %s leaves no English text behind', (language) => {
      const translated = textsOf(tour(name, language));
      const originals = new Map(textsOf(english));
      for (const [where, text] of translated) {
        expect(text, where).not.toBe(originals.get(where));
        expect(englishWordsIn(text), `${where}: ${text}`).toEqual([]);
        if (language !== 'fr') expect(CJK.test(proseOf(text)), `${where}: ${text}`).toBe(true);
      }
    });

    it.each(LANGUAGES)('in %s names only labels the plugin shows in that language', (language) => {
      const labels = uiLabels(language).flatMap((label) => labelPattern(label) ?? []);
      for (const [where, text] of textsOf(tour(name, language))) {
        const named = [...boldTexts(text), ...highlights(text).map((h) => h.label)];
        for (const label of named)
          expect(
            labels.some((pattern) => pattern.test(label)),
            `${where}: "${label}" is not a ${language} label`,
          ).toBe(true);
      }
    });

    it.each(LANGUAGES)('in %s writes highlights the drawer can show', (language) => {
      const known = new Set(extensionHighlightIds());
      for (const [where, text] of textsOf(tour(name, language))) {
        const written = highlights(text);
        const understood = [...text.matchAll(LIBRARY_HIGHLIGHT)];
        expect(understood, `${where}: a highlight the drawer would print as text`).toHaveLength(
          written.length,
        );
        for (const { id } of written) expect(known, `${where}: ${id}`).toContain(id);
      }
    });
  });
});
