import { MenuToggle, Select, SelectList, SelectOption } from '@patternfly/react-core';
import { GlobeIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from '../../common/paths';
import { changeLanguage, isSupportedLanguage, SHELL_I18N_NAMESPACE } from '../i18n';

/** Each language is named in itself, so a user lost in a foreign one can still find theirs. */
const NATIVE_NAMES: Record<SupportedLanguage, string> = {
  en: 'English',
  ko: '한국어',
  ja: '日本語',
  fr: 'Français',
};

export const LanguageMenu = () => {
  const { t, i18n } = useTranslation(SHELL_I18N_NAMESPACE);
  const [isOpen, setIsOpen] = useState(false);
  const current = isSupportedLanguage(i18n.language) ? i18n.language : 'en';
  return (
    <Select
      isOpen={isOpen}
      selected={current}
      onOpenChange={setIsOpen}
      onSelect={(_event, value) => {
        setIsOpen(false);
        if (isSupportedLanguage(String(value))) void changeLanguage(value as SupportedLanguage);
      }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant="plainText"
          icon={<GlobeIcon />}
          isExpanded={isOpen}
          onClick={() => setIsOpen(!isOpen)}
          aria-label={t('Language: {{language}}', { language: NATIVE_NAMES[current] })}
        >
          {NATIVE_NAMES[current]}
        </MenuToggle>
      )}
    >
      <SelectList aria-label={t('Language')}>
        {SUPPORTED_LANGUAGES.map((language) => (
          <SelectOption key={language} value={language} lang={language}>
            {NATIVE_NAMES[language]}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};
