// Test doubles for the Overview page: watches from a table, the BFF from `fakeBFF`.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import type { ResourceModel } from '../../api/models';
import { fakeBFF, type FakeAnswer, type FakeCall } from '../../api/testKit';
import type { OverviewScope } from './useOverviewScope';

// A card's first render loads PatternFly; on a busy machine that takes more than findBy's 1 s.
configure({ asyncUtilTimeout: 5000 });

interface Listed {
  data: unknown[];
  loaded: boolean;
  error?: unknown;
}

/** What the fake watches answer: by `Kind` or `Kind@namespace` (the latter first). */
export const watchState = {
  lists: new Map<string, Listed>(),
  /** Every watch asked for, as `Kind@namespace` (`Kind@` for all). */
  asked: new Set<string>(),
  reset() {
    this.lists.clear();
    this.asked.clear();
  },
};

const lookup = (model: ResourceModel, opts: { namespace?: string } | null): Listed => {
  if (!opts) return { data: [], loaded: false };
  const key = `${model.kind}@${opts.namespace ?? ''}`;
  watchState.asked.add(key);
  return (
    watchState.lists.get(key) ?? watchState.lists.get(model.kind) ?? { data: [], loaded: true }
  );
};

/** Stands in for `src/plugin/api/watch` (`vi.mock('…/api/watch', () => fakeWatch)`). */
export const fakeWatch = {
  useK8sWatchList: lookup,
  useK8sWatchObject: (model: ResourceModel, ref: { namespace?: string; name: string } | null) => {
    const list = lookup(model, ref);
    const data = list.data[0];
    return { data, loaded: list.loaded, error: list.error };
  },
};

/** A Kubernetes error as the SDK throws it: `code` and the `Status` in `json`. */
export const statusError = (code: number, message: string) =>
  Object.assign(new Error(message), {
    code,
    json: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message },
  });

/** A BFF answer with a Kubernetes `Status`. */
export const status = (code: number, message: string) => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message },
});

export const vector = (result: { metric: Record<string, string>; value: number }[]) => ({
  body: {
    status: 'success',
    data: {
      resultType: 'vector',
      result: result.map((r) => ({ metric: r.metric, value: [1_700_000_000, String(r.value)] })),
    },
  },
});

/** The query string of a Prometheus call. */
export const promQuery = (call: FakeCall) =>
  new URL(call.path, 'http://x/').searchParams.get('query');

export interface BFFOptions {
  /** SelfSubjectAccessReview answers by resource (`namespaces`, `nodes`, `hyperconvergeds`). */
  access?: Record<string, boolean>;
  /** Prometheus `query` answers by query string; the default answers an empty vector. */
  prometheus?: (query: string, call: FakeCall) => FakeAnswer | undefined;
  alerts?: FakeAnswer;
  /** `vms` answers by the route's query string. */
  vms?: (search: URLSearchParams) => FakeAnswer | undefined;
  /** The `version` route's answer (a connected cluster by default). */
  version?: () => FakeAnswer;
  other?: (call: FakeCall) => FakeAnswer | undefined;
}

/** A BFF for the page: access reviews, Prometheus, the VM index, the version route. */
export const overviewBFF = (options: BFFOptions = {}) =>
  fakeBFF((call) => {
    if (call.path.endsWith('selfsubjectaccessreviews')) {
      const resource = (call.body as { spec: { resourceAttributes: { resource: string } } }).spec
        .resourceAttributes.resource;
      return { body: { status: { allowed: options.access?.[resource] ?? true } } };
    }
    if (call.path.startsWith('prometheus/api/v1/query?'))
      return options.prometheus?.(promQuery(call) ?? '', call) ?? vector([]);
    if (call.path.startsWith('prometheus/api/v1/alerts'))
      return options.alerts ?? { body: { status: 'success', data: { alerts: [] } } };
    if (call.path === 'vms' || call.path.startsWith('vms?')) {
      const search = new URLSearchParams(call.path.split('?')[1] ?? '');
      return options.vms?.(search) ?? { body: { items: [], total: 0, resourceVersion: '1' } };
    }
    if (call.path === 'version')
      return (
        options.version?.() ?? {
          body: { connected: true, server: 'https://api', version: { gitVersion: 'v1.33.0' } },
        }
      );
    return options.other?.(call);
  });

/** `vms/events` is an EventSource; the tests never send on it. */
export class QuietEventSource {
  static readonly CLOSED = 2;
  readyState = 0;
  onmessage: unknown = null;
  onerror: unknown = null;
  close() {
    this.readyState = 2;
  }
}

const Location = () => {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
};

/** Renders with a fresh query cache and a router at `path`; the URL is in `location`. */
export const renderAt = (
  ui: ReactElement,
  path = '/k8s/all-namespaces/virtualization-overview',
) => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        {ui}
        <Location />
      </MemoryRouter>
    </QueryClientProvider>,
  );
};

/** A scope for a card: an administrator looking at all projects unless told otherwise. */
export const scopeOf = (overrides: Partial<OverviewScope> = {}): OverviewScope => ({
  clusterViewer: true,
  loading: false,
  metricsAllowed: true,
  ...overrides,
});
