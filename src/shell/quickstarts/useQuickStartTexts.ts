import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';

// `@patternfly/quickstarts` ships its strings in English only and takes the rest as a resource
// bundle keyed by its English text. The library fills the `{{…, number}}` placeholders itself,
// so those strings are translated without interpolation.
const raw = { skipInterpolation: true } as const;

/** The library's strings (buttons, catalog filter, review questions) in the shell's language. */
export const useQuickStartTexts = (): Record<string, string> => {
  // `t` changes with the language, and the strings with it.
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  return useMemo(
    () => ({
      'No results found': t('No results found'),
      'No results match the filter criteria. Remove filters or clear all filters to show results.':
        t(
          'No results match the filter criteria. Remove filters or clear all filters to show results.',
        ),
      'Clear all filters': t('Clear all filters'),
      'Quick Starts': t('Quick Starts'),
      'Complete ({{statusCount, number}})': t('Complete ({{statusCount, number}})', raw),
      'In progress ({{statusCount, number}})': t('In progress ({{statusCount, number}})', raw),
      'Not started ({{statusCount, number}})': t('Not started ({{statusCount, number}})', raw),
      'Filter by keyword...': t('Filter by keyword...'),
      'Select filter': t('Select filter'),
      Status: t('Status'),
      '{{count, number}} item': t('{{count, number}} item', raw),
      '{{count, number}} item_plural': t('{{count, number}} items', raw),
      'Prerequisites ({{totalPrereqs}})': t('Prerequisites ({{totalPrereqs}})', raw),
      'View Prerequisites ({{totalPrereqs}})': t('View prerequisites ({{totalPrereqs}})', raw),
      Prerequisites: t('Prerequisites'),
      'Show prerequisites': t('Show prerequisites'),
      Complete: t('Complete'),
      'In progress': t('In progress'),
      'Not started': t('Not started'),
      '{{duration, number}} minutes': t('{{duration, number}} minutes', raw),
      'One or more verifications did not pass during this quick start. Revisit the tasks or the help links, and then try again.':
        t(
          'One or more verifications did not pass during this quick start. Revisit the tasks or the help links, and then try again.',
        ),
      'Start {{nextQSDisplayName}} quick start': t('Start {{nextQSDisplayName}} quick start', raw),
      Start: t('Start'),
      Continue: t('Continue'),
      Next: t('Next'),
      Close: t('Close'),
      Back: t('Back'),
      Restart: t('Restart'),
      'In this quick start, you will complete {{count, number}} task': t(
        'In this quick start, you will complete {{count, number}} task',
        raw,
      ),
      'In this quick start, you will complete {{count, number}} task_plural': t(
        'In this quick start, you will complete {{count, number}} tasks',
        raw,
      ),
      'Check your work': t('Check your work'),
      Yes: t('Yes'),
      No: t('No'),
      '{{index, number}} of {{tasks, number}}': t('{{index, number}} of {{tasks, number}}', raw),
      'Leave quick start?': t('Leave quick start?'),
      Cancel: t('Cancel'),
      Leave: t('Leave'),
      'Your progress will be saved.': t('Your progress will be saved.'),
      'Not available': t('Not available'),
      'Copy to clipboard': t('Copy to clipboard'),
      'Successfully copied to clipboard!': t('Copied to the clipboard'),
      Type: t('Quick start'),
      '{{type}} • {{duration, number}} minutes': t('{{type}} • {{duration, number}} minutes', raw),
    }),
    [t],
  );
};
