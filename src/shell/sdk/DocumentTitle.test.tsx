// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import i18next, { type i18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { DocumentTitle } from './DocumentTitle';

const makeI18n = (lng: string): i18n => {
  const instance = i18next.createInstance();
  void instance.init({
    lng,
    fallbackLng: 'en',
    ns: [SHELL_I18N_NAMESPACE],
    defaultNS: SHELL_I18N_NAMESPACE,
    resources: {
      en: { [SHELL_I18N_NAMESPACE]: {} },
      fr: { [SHELL_I18N_NAMESPACE]: { 'Virtualization console': 'Console de virtualisation' } },
    },
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
};

const withI18n = (instance: i18n, children: ReactNode) => (
  <I18nextProvider i18n={instance}>{children}</I18nextProvider>
);

beforeEach(() => {
  document.title = 'Before';
});

describe('DocumentTitle', () => {
  it('sets the title to "<page> · Virtualization console"', () => {
    render(withI18n(makeI18n('en'), <DocumentTitle>Overview</DocumentTitle>));
    expect(document.title).toBe('Overview · Virtualization console');
  });

  it('translates the product name in the shell namespace', () => {
    render(withI18n(makeI18n('fr'), <DocumentTitle>Aperçu</DocumentTitle>));
    expect(document.title).toBe('Aperçu · Console de virtualisation');
  });

  it('renders nothing into the page', () => {
    const { container } = render(withI18n(makeI18n('en'), <DocumentTitle>Overview</DocumentTitle>));
    expect(container).toBeEmptyDOMElement();
  });

  it('restores the previous title on unmount', () => {
    const { unmount } = render(withI18n(makeI18n('en'), <DocumentTitle>Overview</DocumentTitle>));
    expect(document.title).not.toBe('Before');
    unmount();
    expect(document.title).toBe('Before');
  });

  it('follows a change of page name and still restores the original title', () => {
    const instance = makeI18n('en');
    const { rerender, unmount } = render(
      withI18n(instance, <DocumentTitle>Overview</DocumentTitle>),
    );
    rerender(withI18n(instance, <DocumentTitle>Virtual machines</DocumentTitle>));
    expect(document.title).toBe('Virtual machines · Virtualization console');
    unmount();
    expect(document.title).toBe('Before');
  });

  it('follows a language change', async () => {
    const instance = makeI18n('en');
    const { unmount } = render(withI18n(instance, <DocumentTitle>Overview</DocumentTitle>));
    expect(document.title).toBe('Overview · Virtualization console');
    await act(async () => {
      await instance.changeLanguage('fr');
    });
    expect(document.title).toBe('Overview · Console de virtualisation');
    unmount();
    expect(document.title).toBe('Before');
  });
});
