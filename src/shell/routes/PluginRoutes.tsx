import {
  useExtensions,
  type CodeRef,
  type Extension,
  type LoadedExtension,
} from '@openshift/dynamic-plugin-sdk';
import {
  Bullseye,
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  PageSection,
  Spinner,
} from '@patternfly/react-core';
import { createElement, lazy, Suspense, useMemo, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { RouterLink } from '../layout/RouterLink';
import { QUICK_STARTS_PATH } from '../quickstarts/quickStartPaths';
import { QuickStartsPage } from '../quickstarts/QuickStartsPage';
import { PageErrorBoundary } from './PageErrorBoundary';
import {
  findResourcePage,
  isResourceDetailsPage,
  isResourceListPage,
  RESOURCE_DETAILS_PATHS,
  RESOURCE_LIST_PATHS,
  resourcePageProps,
  type ResourcePageExtension,
  type ResourcePageProps,
} from './resourcePages';
import { routePatterns } from './routePaths';

type RoutePage = Extension<
  'console.page/route',
  {
    path: string | string[];
    exact?: boolean;
    perspective?: string;
    component: CodeRef<ComponentType>;
  }
>;

const isRoutePage = (e: Extension): e is RoutePage =>
  e.type === 'console.page/route' &&
  (!e.properties.perspective || e.properties.perspective === 'admin');

type StandaloneRoutePage = Extension<
  'console.page/route/standalone',
  { path: string | string[]; exact?: boolean; component: CodeRef<ComponentType> }
>;

const isStandaloneRoutePage = (e: Extension): e is StandaloneRoutePage =>
  e.type === 'console.page/route/standalone';

export const PageLoading = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  return (
    <Bullseye className="virtualization-shell__loading">
      <Spinner aria-label={t('Loading')} />
    </Bullseye>
  );
};

/** A page that crashed or whose code failed to load; a reload fetches its code afresh. */
const PageError = ({ error }: { error: Error }) => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  return (
    <PageSection>
      <EmptyState headingLevel="h1" status="danger" titleText={t('This page failed to load')}>
        <EmptyStateBody>{error.message}</EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>
            <Button variant="primary" onClick={() => window.location.reload()}>
              {t('Try again')}
            </Button>
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    </PageSection>
  );
};

export const NotFoundPage = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const { pathname } = useLocation();
  return (
    <PageSection>
      <EmptyState headingLevel="h1" titleText={t('Page not found')}>
        <EmptyStateBody>{t('Nothing is at {{path}}.', { path: pathname })}</EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>
            <Button variant="link" component={RouterLink} href="/">
              {t('Go to the home page')}
            </Button>
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    </PageSection>
  );
};

/** A page component loaded only when its route is first shown, as the console does. */
const usePageComponents = <P extends object>(
  routes: LoadedExtension<Extension<string, { component: CodeRef<ComponentType<P>> }>>[],
) =>
  useMemo(
    () =>
      new Map(
        routes.map((route) => [
          route.uid,
          lazy(async () => ({ default: await route.properties.component() })),
        ]),
      ),
    [routes],
  );

/** A page shown with the fallbacks every plugin page gets: loading, and its crash. */
const Guarded = ({ children }: { children: ReactNode }) => (
  <PageErrorBoundary fallback={(error) => <PageError error={error} />}>
    <Suspense fallback={<PageLoading />}>{children}</Suspense>
  </PageErrorBoundary>
);

/**
 * A `console.page/resource/list` or `/details` page for the kind in the URL (`:ref`), with the
 * props the console passes; "not found" when no plugin shows that kind.
 */
const ResourcePage = ({ pages }: { pages: LoadedExtension<ResourcePageExtension>[] }) => {
  const params = useParams();
  const components = usePageComponents<ResourcePageProps>(pages);
  const page = params.ref ? findResourcePage(pages, params.ref) : undefined;
  const component = page && components.get(page.uid);
  const props = resourcePageProps(params);
  if (!component || !props) return <NotFoundPage />;
  return <Guarded>{createElement(component, props)}</Guarded>;
};

/**
 * Routes from the plugins' `console.page/route` and `console.page/resource/*` extensions; `/`
 * opens the first navigation link.
 */
export const PluginRoutes = ({ home }: { home?: string }) => {
  const routes = useExtensions(isRoutePage);
  const pages = usePageComponents(routes);
  const listPages = useExtensions(isResourceListPage);
  const detailsPages = useExtensions(isResourceDetailsPage);
  return (
    <Routes>
      {routes.flatMap((route) => {
        const Page = pages.get(route.uid);
        if (!Page) return [];
        return routePatterns(route.properties.path, route.properties.exact).map((pattern) => (
          <Route
            key={`${route.uid}${pattern}`}
            path={pattern}
            element={
              <Guarded>
                <Page />
              </Guarded>
            }
          />
        ));
      })}
      {listPages.length > 0 &&
        RESOURCE_LIST_PATHS.map((path) => (
          <Route key={path} path={path} element={<ResourcePage pages={listPages} />} />
        ))}
      {detailsPages.length > 0 &&
        RESOURCE_DETAILS_PATHS.map((path) => (
          <Route key={path} path={path} element={<ResourcePage pages={detailsPages} />} />
        ))}
      <Route path={QUICK_STARTS_PATH} element={<QuickStartsPage />} />
      <Route path="/" element={home ? <Navigate to={home} replace /> : <PageLoading />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
};

/**
 * The page of a `console.page/route/standalone` extension that matches the location, shown, as
 * the console does, without masthead and navigation (a console in a window of its own); null
 * when none matches.
 */
export const useStandalonePage = (): ReactNode => {
  const routes = useExtensions(isStandaloneRoutePage);
  const pages = usePageComponents(routes);
  const { pathname } = useLocation();
  const route = routes.find((candidate) =>
    routePatterns(candidate.properties.path, candidate.properties.exact).some((pattern) =>
      matchPath(pattern, pathname),
    ),
  );
  const component = route && pages.get(route.uid);
  return component ? <Guarded>{createElement(component)}</Guarded> : null;
};
