import type { SearchAddon } from '@xterm/addon-search';
import { SearchInput } from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { usePluginTranslation } from '../../../i18n';

interface SerialSearchProps {
  search: SearchAddon;
  onClose: () => void;
}

/** Finds text in the terminal's scroll-back (xterm's search addon selects each match). */
export const SerialSearch = ({ search, onClose }: SerialSearchProps) => {
  const { t } = usePluginTranslation();
  const [term, setTerm] = useState('');
  const [notFound, setNotFound] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const find = (direction: 'next' | 'previous', value = term) => {
    if (!value) {
      search.clearDecorations();
      setNotFound(false);
      return;
    }
    const found =
      direction === 'next'
        ? search.findNext(value, { incremental: false })
        : search.findPrevious(value);
    setNotFound(!found);
  };
  return (
    <SearchInput
      className="virtualization-plugin-serial-search"
      aria-label={t('Search the serial console')}
      placeholder={t('Search')}
      value={term}
      ref={input}
      onChange={(_event, value) => {
        setTerm(value);
        if (value) setNotFound(!search.findNext(value, { incremental: true }));
        else find('next', value);
      }}
      onSearch={() => find('next')}
      onNextClick={() => find('next')}
      onPreviousClick={() => find('previous')}
      onClear={() => {
        setTerm('');
        find('next', '');
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
      resultsCount={notFound ? t('No matches') : undefined}
      resultsCountContext=""
      nextNavigationButtonAriaLabel={t('Next match')}
      previousNavigationButtonAriaLabel={t('Previous match')}
      resetButtonLabel={t('Close search')}
    />
  );
};
