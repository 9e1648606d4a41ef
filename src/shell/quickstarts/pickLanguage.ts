import type { QuickStart } from '@patternfly/quickstarts';

// The console's localisation of ConsoleQuickStarts: one object per tour and language, tied
// together by labels. A version without a language label is English.
export const NAME_LABEL = 'console.openshift.io/name';
export const LANGUAGE_LABEL = 'console.openshift.io/lang';
export const COUNTRY_LABEL = 'console.openshift.io/country';

/** The tour a ConsoleQuickStart is a version of: its name label (or annotation), else its name. */
export const tourNameOf = (quickStart: QuickStart): string =>
  quickStart.metadata.labels?.[NAME_LABEL] ||
  quickStart.metadata.annotations?.[NAME_LABEL] ||
  quickStart.metadata.name;

const languageOf = (quickStart: QuickStart) =>
  (quickStart.metadata.labels?.[LANGUAGE_LABEL] || 'en').toLowerCase();
const countryOf = (quickStart: QuickStart) =>
  (quickStart.metadata.labels?.[COUNTRY_LABEL] || '').toUpperCase();

/**
 * The version of one tour to show in a UI language (`ko`, `fr-CA`), in the console's order:
 * the same language and country, the same language without a country, the same language in
 * another country; then English, in the same order. Undefined when neither exists.
 */
export const versionFor = (versions: QuickStart[], locale: string): QuickStart | undefined => {
  const [language = 'en', country = ''] = locale.split('-');
  const wanted = { language: language.toLowerCase() || 'en', country: country.toUpperCase() };
  const rank = (quickStart: QuickStart): number | undefined => {
    const own = languageOf(quickStart);
    const base = own === wanted.language ? 0 : own === 'en' ? 3 : undefined;
    if (base === undefined) return undefined;
    const ownCountry = countryOf(quickStart);
    return base + (ownCountry === wanted.country ? 0 : ownCountry === '' ? 1 : 2);
  };
  let best: { quickStart: QuickStart; rank: number } | undefined;
  for (const quickStart of versions) {
    const r = rank(quickStart);
    if (r !== undefined && (!best || r < best.rank)) best = { quickStart, rank: r };
  }
  return best?.quickStart;
};

/**
 * One quick start per tour for a UI language, each named by its tour: `?quickstart=NAME`,
 * `nextQuickStart` and the saved progress then mean the same tour in every language.
 */
export const quickStartsFor = (all: QuickStart[], locale: string): QuickStart[] => {
  const tours = new Map<string, QuickStart[]>();
  for (const quickStart of all) {
    const name = tourNameOf(quickStart);
    tours.set(name, [...(tours.get(name) ?? []), quickStart]);
  }
  return [...tours].flatMap(([name, versions]) => {
    const chosen = versionFor(versions, locale);
    return chosen ? [{ ...chosen, metadata: { ...chosen.metadata, name } }] : [];
  });
};
