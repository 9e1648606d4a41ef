// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { setPreferenceUser } from '../sdk/useUserPreference';
import { QUICK_STARTS_URL } from './fetchQuickStarts';
import { QuickStartsProvider } from './QuickStartsProvider';
import { QUICK_START_STATES_KEY } from './useQuickStartProgress';

// The quick starts the chart installs, answered by a fake cluster as the real one lists them.
const CHART_QUICK_STARTS = path.resolve(
  __dirname,
  '../../../charts/virtualization-plugin/files/quickstarts',
);
const chartQuickStarts = readdirSync(CHART_QUICK_STARTS)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => parse(readFileSync(path.join(CHART_QUICK_STARTS, file), 'utf8')) as object);

let answer: { status: number; body: unknown };
const fetchMock = vi.fn(async (url: string) => {
  if (url !== QUICK_STARTS_URL) return new Response(null, { status: 404 });
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'Content-Type': 'application/json' },
  });
});

const Location = () => {
  const { pathname, search } = useLocation();
  return <output aria-label="location">{`${pathname}${search}`}</output>;
};

const renderAt = (url: string) => {
  window.history.pushState({}, '', url);
  return render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <BrowserRouter>
        <QuickStartsProvider>
          <Routes>
            <Route
              path="*"
              element={
                <>
                  <p>The page</p>
                  <Link to="/quickstart?quickstart=windows-bootsource-pipeline">
                    Windows boot source quick start
                  </Link>
                </>
              }
            />
          </Routes>
          <Location />
        </QuickStartsProvider>
      </BrowserRouter>
    </QueryClientProvider>,
  );
};

const TOUR = 'create-vm-from-instancetype';
const storedPreferences = () =>
  JSON.parse(
    window.localStorage.getItem('virtualization-shell.user-preferences/developer') ?? '{}',
  ) as Record<string, unknown>;

beforeEach(() => {
  window.localStorage.clear();
  setPreferenceUser('developer');
  answer = {
    status: 200,
    body: {
      kind: 'ConsoleQuickStartList',
      apiVersion: 'console.openshift.io/v1',
      items: chartQuickStarts,
    },
  };
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
  // jsdom lays nothing out: the drawer scrolls its panel to the top on each step.
  Element.prototype.scrollTo = () => undefined;
});

afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

describe('QuickStartsProvider', () => {
  it('opens the tour the URL names, beside any page, and walks to its first task', async () => {
    renderAt(`/k8s/ns/developer-vms/kubevirt.io~v1~VirtualMachine?quickstart=${TOUR}`);
    const drawer = await screen.findByTestId('qs-drawer-createAVirtualMachineFromAnInstanceType');
    expect(
      within(drawer).getByRole('heading', {
        name: 'Create a virtual machine from an instance type',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('The page')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(QUICK_STARTS_URL, expect.anything());
    // The introduction lists the tasks; Start opens the first one.
    expect(
      within(drawer).getByText('Open the InstanceTypes tab of the catalog'),
    ).toBeInTheDocument();
    await userEvent.click(within(drawer).getByRole('button', { name: 'Start' }));
    expect(
      await within(drawer).findByRole('button', { name: 'Virtualization' }),
    ).toBeInTheDocument();
    expect(within(drawer).getByRole('button', { name: 'Next' })).toBeInTheDocument();
    expect(within(drawer).getByText('Check your work')).toBeInTheDocument();
    // The progress is the signed-in user's, kept in this browser.
    await waitFor(() =>
      expect(
        (storedPreferences()[QUICK_START_STATES_KEY] as Record<string, unknown> | undefined)?.[
          TOUR
        ],
      ).toMatchObject({
        status: 'In Progress',
        taskNumber: 0,
      }),
    );
  });

  it('walks the instance-type tour from Start to its conclusion, then to the next tour', async () => {
    renderAt(`/?quickstart=${TOUR}`);
    const drawer = await screen.findByTestId('qs-drawer-createAVirtualMachineFromAnInstanceType');
    await userEvent.click(within(drawer).getByRole('button', { name: 'Start' }));
    // Each step shows its own instructions and review; Next moves on.
    const steps = [
      /In the navigation, expand/,
      /a table lists the bootable volumes/,
      /tab shows one card per series/,
      /section shows the operating system/,
      /to see the manifest of the virtual machine/,
      /The status next to the name follows the progress/,
    ];
    for (const step of steps) {
      expect(await within(drawer).findByText(step)).toBeInTheDocument();
      await userEvent.click(within(drawer).getByRole('button', { name: 'Next' }));
    }
    expect(
      await within(drawer).findByText(/runs\. It boots from its own copy/),
    ).toBeInTheDocument();
    await userEvent.click(
      within(drawer).getByRole('button', {
        name: "Start Connect to a virtual machine's console quick start",
      }),
    );
    expect(
      await screen.findByRole('heading', { name: "Connect to a virtual machine's console" }),
    ).toBeInTheDocument();
    expect(
      (storedPreferences()[QUICK_START_STATES_KEY] as Record<string, { status: string }>)[TOUR]
        ?.status,
    ).toBe('Complete');
  });

  it('opens a tour from a link to it, as the plugin links the Windows one', async () => {
    renderAt('/k8s/ns/developer-vms/catalog');
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await userEvent.click(screen.getByRole('link', { name: 'Windows boot source quick start' }));
    expect(
      await screen.findByRole('heading', { name: 'Create a Windows boot source' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'location' })).toHaveTextContent(
      '/quickstart?quickstart=windows-bootsource-pipeline',
    );
  });

  it('shows a tour in the shell language, and in English where it has no translation', async () => {
    await i18next.changeLanguage('ko');
    const { unmount } = renderAt(`/?quickstart=${TOUR}`);
    expect(
      await screen.findByRole('heading', { name: '인스턴스 유형에서 가상 머신 생성' }),
    ).toBeInTheDocument();
    unmount();
    answer.body = {
      items: chartQuickStarts.filter(
        (object) => (object as { metadata: { name: string } }).metadata.name !== `${TOUR}-ko`,
      ),
    };
    renderAt(`/?quickstart=${TOUR}`);
    expect(
      await screen.findByRole('heading', {
        name: 'Create a virtual machine from an instance type',
      }),
    ).toBeInTheDocument();
  });

  it('follows a change of language with the drawer open, keeping the tour', async () => {
    i18next.addResourceBundle('ko', SHELL_I18N_NAMESPACE, { Start: '시작' });
    renderAt(`/?quickstart=${TOUR}`);
    await screen.findByRole('heading', { name: 'Create a virtual machine from an instance type' });
    expect(screen.getByRole('button', { name: 'Start' })).toBeInTheDocument();
    await act(() => i18next.changeLanguage('ko'));
    expect(
      await screen.findByRole('heading', { name: '인스턴스 유형에서 가상 머신 생성' }),
    ).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: '시작' })).toBeInTheDocument();
  });

  it('takes the tour out of the URL when the drawer closes, and leaves the page', async () => {
    renderAt(`/k8s/ns/developer-vms/catalog?tab=instancetypes&quickstart=${TOUR}`);
    await screen.findByRole('heading', { name: 'Create a virtual machine from an instance type' });
    await userEvent.click(screen.getByRole('button', { name: /close drawer panel/i }));
    await waitFor(() =>
      expect(
        screen.queryByRole('heading', { name: 'Create a virtual machine from an instance type' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByRole('status', { name: 'location' })).toHaveTextContent(
      '/k8s/ns/developer-vms/catalog?tab=instancetypes',
    );
    expect(screen.getByText('The page')).toBeInTheDocument();
    expect(storedPreferences()['console.quickstarts.active']).toBe('');
  });

  it('says when the URL names no tour, and forgets the name once told', async () => {
    renderAt('/?quickstart=no-such-tour');
    expect(
      await screen.findByText('There is no quick start named no-such-tour.'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /close danger alert/i }));
    expect(
      screen.queryByText('There is no quick start named no-such-tour.'),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'location' })).toHaveTextContent(/^\/$/);
  });

  it('says when the quick starts cannot be listed', async () => {
    answer = {
      status: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 403,
        message: 'consolequickstarts.console.openshift.io is forbidden',
      },
    };
    renderAt(`/?quickstart=${TOUR}`);
    expect(
      await screen.findByText(
        'The quick starts could not be listed: consolequickstarts.console.openshift.io is forbidden',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('The page')).toBeInTheDocument();
  });
});
