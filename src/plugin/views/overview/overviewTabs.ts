import type { TFunction } from 'i18next';

/** The page's tabs, as `?tab=` keeps them (the Overview tab is the bare URL). */
export const OVERVIEW_TABS = [
  { id: 'overview', title: (t: TFunction) => t('Overview') },
  { id: 'top-consumers', title: (t: TFunction) => t('Top consumers') },
  { id: 'migrations', title: (t: TFunction) => t('Migrations') },
] as const;
export type OverviewTabId = (typeof OVERVIEW_TABS)[number]['id'];

export const tabOf = (params: URLSearchParams): OverviewTabId =>
  OVERVIEW_TABS.find((tab) => tab.id === params.get('tab'))?.id ?? 'overview';

/** The URL parameters with `tab` set; other parameters (a tab's own settings) are kept. */
export const withTab = (params: URLSearchParams, tab: OverviewTabId): URLSearchParams => {
  const next = new URLSearchParams(params);
  if (tab === 'overview') next.delete('tab');
  else next.set('tab', tab);
  return next;
};
