// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BFF_PATH } from '../../common/paths';
import { SessionGate } from './SessionGate';
import { SESSION_CHANGED_EVENT } from './session';

interface Answer {
  status: number;
  body?: unknown;
}

const status = (code: number, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  code,
  message,
});

/** The BFF's session routes as a table: path → answer (a function for POSTs that look at the body). */
let routes: Record<string, Answer | ((body: unknown) => Answer)>;
const posted: { url: string; body: unknown }[] = [];

const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
  const body = init.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
  if (init.method === 'POST') posted.push({ url, body });
  const route = routes[url.slice(BFF_PATH.length)];
  const answer = typeof route === 'function' ? route(body) : (route ?? { status: 404 });
  return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'Content-Type': 'application/json' },
  });
});

const renderGate = () =>
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <SessionGate>
        <p>The app</p>
      </SessionGate>
    </QueryClientProvider>,
  );

const developer = { username: 'developer', groups: ['system:authenticated'], csrfToken: 'c' };

beforeEach(() => {
  posted.length = 0;
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
  routes = {
    session: { status: 401, body: status(401, 'You are not logged in.') },
    'session/users': { status: 200, body: { items: ['admin', 'developer'] } },
  };
});

describe('the session gate', () => {
  it('shows the app when the BFF has a session', async () => {
    routes.session = { status: 200, body: developer };
    renderGate();
    expect(await screen.findByText('The app')).toBeInTheDocument();
  });

  it('shows the app when the BFF has no sessions at all', async () => {
    routes.session = { status: 404, body: status(404, 'No BFF route.') };
    renderGate();
    expect(await screen.findByText('The app')).toBeInTheDocument();
  });

  it('shows the login page when nobody is logged in', async () => {
    renderGate();
    expect(
      await screen.findByRole('heading', { name: 'Log in to the Virtualization console' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('The app')).not.toBeInTheDocument();
  });
});

describe('the login page', () => {
  it('logs in as the embedded-cluster user chosen, then shows the app', async () => {
    const user = userEvent.setup();
    routes['session/login'] = { status: 200, body: developer };
    renderGate();
    await user.selectOptions(await screen.findByLabelText('User'), 'developer');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('The app')).toBeInTheDocument();
    expect(posted).toEqual([{ url: `${BFF_PATH}session/login`, body: { username: 'developer' } }]);
  });

  it('tells the plugin to forget the last user when someone logs in', async () => {
    const user = userEvent.setup();
    const changes = vi.fn();
    window.addEventListener(SESSION_CHANGED_EVENT, changes);
    routes['session/login'] = { status: 200, body: developer };
    renderGate();
    await user.click(await screen.findByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('The app')).toBeInTheDocument();
    expect(changes).toHaveBeenCalledTimes(1);
    window.removeEventListener(SESSION_CHANGED_EVENT, changes);
  });

  it("shows the server's refusal and keeps the token typed", async () => {
    const user = userEvent.setup();
    routes['session/login'] = {
      status: 401,
      body: status(401, 'The token was refused by the cluster.'),
    };
    renderGate();
    await user.click(await screen.findByRole('radio', { name: 'A token' }));
    const token = screen.getByLabelText(/^Token/);
    await user.type(token, 'sha256~wrong');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('The token was refused by the cluster.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Token/)).toHaveValue('sha256~wrong');
    expect(screen.getByLabelText(/^Token/)).toHaveAttribute('aria-invalid', 'true');
    expect(posted).toEqual([{ url: `${BFF_PATH}session/login`, body: { token: 'sha256~wrong' } }]);
    expect(screen.queryByText('The app')).not.toBeInTheDocument();

    // Switching away and back keeps it too; a second try that works lets the user in.
    await user.click(screen.getByRole('radio', { name: 'An embedded-cluster user' }));
    await user.click(screen.getByRole('radio', { name: 'A token' }));
    expect(screen.getByLabelText(/^Token/)).toHaveValue('sha256~wrong');
    routes['session/login'] = { status: 200, body: developer };
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('The app')).toBeInTheDocument();
  });

  it('asks only for a token when the BFF has no embedded users', async () => {
    routes['session/users'] = { status: 200, body: { items: [] } };
    renderGate();
    expect(await screen.findByLabelText(/^Token/)).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeDisabled();
  });
});
