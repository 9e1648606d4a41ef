import '@testing-library/jest-dom/vitest';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

// Components render their English keys, as they do before a translation loads.
void i18next.use(initReactI18next).init({
  lng: 'en',
  resources: {},
  keySeparator: false,
  nsSeparator: '~',
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});
