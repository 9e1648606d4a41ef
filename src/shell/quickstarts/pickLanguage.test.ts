import type { QuickStart } from '@patternfly/quickstarts';
import { describe, expect, it } from 'vitest';
import { quickStartsFor, tourNameOf, versionFor } from './pickLanguage';

const version = (
  name: string,
  labels: Record<string, string> = {},
  annotations?: Record<string, string>,
): QuickStart => ({
  apiVersion: 'console.openshift.io/v1',
  kind: 'ConsoleQuickStart',
  metadata: { name, labels, ...(annotations ? { annotations } : {}) },
  spec: { displayName: name, description: '', icon: undefined, tasks: [] },
});

const tour = 'create-vm';
const labelled = (language: string, country?: string) =>
  version(`${tour}-${language}${country ? `-${country}` : ''}`, {
    'console.openshift.io/name': tour,
    'console.openshift.io/lang': language,
    ...(country ? { 'console.openshift.io/country': country } : {}),
  });
const names = (list: (QuickStart | undefined)[]) => list.map((q) => q?.metadata.name);

describe('tourNameOf', () => {
  it('is the name label, else the name annotation, else the object name', () => {
    expect(tourNameOf(labelled('ko'))).toBe(tour);
    expect(tourNameOf(version('x-ja', {}, { 'console.openshift.io/name': 'x' }))).toBe('x');
    expect(tourNameOf(version('plain'))).toBe('plain');
  });
});

describe('versionFor', () => {
  const all = [labelled('en'), labelled('ko'), labelled('fr', 'CA'), labelled('fr')];

  it('picks the version in the language asked for', () => {
    expect(versionFor(all, 'ko')?.metadata.name).toBe('create-vm-ko');
  });

  it('prefers the same country, then no country, then another country', () => {
    expect(versionFor(all, 'fr-CA')?.metadata.name).toBe('create-vm-fr-CA');
    expect(versionFor(all, 'fr')?.metadata.name).toBe('create-vm-fr');
    expect(versionFor(all, 'fr-BE')?.metadata.name).toBe('create-vm-fr');
    expect(versionFor([labelled('fr', 'CA'), labelled('en')], 'fr-BE')?.metadata.name).toBe(
      'create-vm-fr-CA',
    );
  });

  it('falls back to English, and counts a version without a language label as English', () => {
    expect(versionFor(all, 'ja')?.metadata.name).toBe('create-vm-en');
    expect(versionFor([version('untranslated'), labelled('ko')], 'ja')?.metadata.name).toBe(
      'untranslated',
    );
    expect(versionFor([labelled('ko')], 'ja')).toBeUndefined();
  });

  it('reads language and country labels in any case', () => {
    expect(versionFor([labelled('EN'), labelled('KO', 'kr')], 'ko-KR')?.metadata.name).toBe(
      'create-vm-KO-kr',
    );
  });
});

describe('quickStartsFor', () => {
  it('gives one quick start per tour, named by the tour, in the language asked for', () => {
    const other = version('connect-console', {
      'console.openshift.io/name': 'connect-console',
      'console.openshift.io/lang': 'en',
    });
    const chosen = quickStartsFor([labelled('en'), labelled('ja'), other], 'ja');
    expect(names(chosen)).toEqual([tour, 'connect-console']);
    // The Japanese text, under the name links and progress use in every language.
    expect(chosen[0]?.spec.displayName).toBe('create-vm-ja');
    expect(chosen[1]?.spec.displayName).toBe('connect-console');
  });

  it('leaves out a tour with neither the language asked for nor English', () => {
    expect(quickStartsFor([labelled('ko')], 'fr')).toEqual([]);
  });
});
