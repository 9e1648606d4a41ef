import { ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { MoonIcon, SunIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { loadTheme, saveTheme, type Theme } from '../theme';

/** Light / dark switch; the choice is remembered in this browser. */
export const ThemeToggle = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const [theme, setTheme] = useState<Theme>(loadTheme);
  const choose = (next: Theme) => {
    saveTheme(next);
    setTheme(next);
  };
  return (
    <ToggleGroup aria-label={t('Theme')} isCompact>
      <ToggleGroupItem
        icon={<SunIcon />}
        aria-label={t('Light theme')}
        isSelected={theme === 'light'}
        onChange={() => choose('light')}
      />
      <ToggleGroupItem
        icon={<MoonIcon />}
        aria-label={t('Dark theme')}
        isSelected={theme === 'dark'}
        onChange={() => choose('dark')}
      />
    </ToggleGroup>
  );
};
