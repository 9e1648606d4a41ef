/** The console's quick-start catalog page (Help → Quick Starts). */
export const QUICK_STARTS_PATH = '/quickstart';

/** The URL parameter naming the quick start open in the drawer, on any page: `?quickstart=NAME`. */
export const QUICK_START_PARAM = 'quickstart';

/** A page's URL with the drawer opened on a quick start. */
export const quickStartHref = (name: string, path = QUICK_STARTS_PATH): string =>
  `${path}?${new URLSearchParams({ [QUICK_START_PARAM]: name }).toString()}`;
