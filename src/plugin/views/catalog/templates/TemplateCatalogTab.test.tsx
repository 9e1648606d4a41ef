// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TemplateCatalogTab } from './TemplateCatalogTab';
import {
  lists,
  makeDataSource,
  makeTemplate,
  OS_IMAGES,
  PROJECT,
  renderAt,
  statusError,
} from './testSupport';

vi.mock('../../../api/watch', async () => (await import('./testSupport')).fakeWatch);
vi.mock('../../../api/access', () => ({
  useAccessReview: () => ({ allowed: true, loading: false }),
}));
vi.mock('../draft/createFromDraft', () => ({ createFromDraft: vi.fn() }));

const rhel = makeTemplate();
const windows = makeTemplate({
  name: 'windows2k22-server-small',
  displayName: 'Microsoft Windows Server 2022 VM',
  os: 'win2k22',
  dataSource: 'win2k22',
});
const deprecated = makeTemplate({
  name: 'windows2k12r2-server-small',
  displayName: 'Microsoft Windows Server 2012 R2 VM',
  os: 'win2k12r2',
  dataSource: 'win2k12r2',
  deprecated: true,
});

beforeEach(() => {
  lists.reset();
  lists.set('Template', 'openshift', { data: [rhel, windows, deprecated] });
  lists.set('Template', PROJECT, { data: [] });
  lists.set('DataSource', OS_IMAGES, {
    data: [
      makeDataSource('rhel9'),
      makeDataSource('win2k12r2'),
      makeDataSource('win2k22', 'False'),
    ],
  });
});

/** The tiles' titles, in order: each tile's button is named by its title and template name. */
const tiles = () =>
  screen
    .queryAllByRole('button', { name: /VM \S+$/ })
    .map(
      (tile) =>
        document.getElementById(tile.getAttribute('aria-labelledby')?.split(' ')[0] ?? '')
          ?.textContent,
    );
const tileButton = (title: string) =>
  screen.getByRole('button', { name: new RegExp(`^${title} `) });
const card = (title: string) => tileButton(title).closest('.pf-v6-c-card') as HTMLElement;

describe('TemplateCatalogTab', { timeout: 20_000 }, () => {
  it('shows by default the templates whose boot source is available, labelled', () => {
    renderAt(<TemplateCatalogTab namespace={PROJECT} />);

    expect(tiles()).toEqual(['Red Hat Enterprise Linux 9 VM']);
    const tile = card('Red Hat Enterprise Linux 9 VM');
    expect(within(tile).getByText('Source available')).toBeVisible();
    expect(within(tile).getByText('Provided by Red Hat')).toBeVisible();
    expect(screen.getByText('1 items')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Boot source available' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('shows the templates without a source under "All items", labelled "Boot source required"', async () => {
    renderAt(<TemplateCatalogTab namespace={PROJECT} />);
    await userEvent.click(screen.getByRole('button', { name: 'All items' }));

    expect(tiles()).toEqual(['Microsoft Windows Server 2022 VM', 'Red Hat Enterprise Linux 9 VM']);
    const tile = card('Microsoft Windows Server 2022 VM');
    expect(within(tile).getByText('Boot source required')).toBeVisible();
    expect(within(tile).queryByText('Source available')).toBeNull();
    expect(screen.getByTestId('location')).toHaveTextContent('source=all');
  });

  it('shows deprecated templates, labelled, when they are not hidden', async () => {
    renderAt(<TemplateCatalogTab namespace={PROJECT} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Hide deprecated templates' }));

    const tile = card('Microsoft Windows Server 2012 R2 VM');
    expect(within(tile).getByText('Deprecated')).toBeVisible();
    expect(within(tile).getByText('Source available')).toBeVisible();
  });

  it('filters by OS with counts, and clears every filter from the empty state', async () => {
    renderAt(<TemplateCatalogTab namespace={PROJECT} />);
    const os = screen.getByRole('group', { name: 'Operating system' });
    expect(within(os).getByRole('checkbox', { name: 'Windows (0)' })).toBeVisible();
    await userEvent.click(within(os).getByRole('checkbox', { name: 'Windows (0)' }));

    expect(screen.getByText('No templates match the filters')).toBeVisible();
    expect(tiles()).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Clear all filters' }));
    expect(tiles()).toHaveLength(3);
  });

  it('searches by keyword', async () => {
    renderAt(<TemplateCatalogTab namespace={PROJECT} />);
    await userEvent.click(screen.getByRole('button', { name: 'All items' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Filter templates by name' }), '2022');
    expect(tiles()).toEqual(['Microsoft Windows Server 2022 VM']);
  });

  it('opens the drawer of a clicked tile', async () => {
    renderAt(<TemplateCatalogTab namespace={PROJECT} />);
    await userEvent.click(tileButton('Red Hat Enterprise Linux 9 VM'));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByRole('heading', { name: 'Red Hat Enterprise Linux 9 VM' }),
    ).toBeVisible();
    expect(
      within(dialog).getByRole('button', { name: 'Quick create VirtualMachine' }),
    ).toBeVisible();
  });

  it('says when the templates are loading or cannot be listed', () => {
    lists.set('Template', 'openshift', { data: [], loaded: false });
    const { unmount } = renderAt(<TemplateCatalogTab namespace={PROJECT} />);
    expect(screen.getByRole('progressbar', { name: 'Loading templates' })).toBeVisible();
    unmount();

    lists.set('Template', 'openshift', { error: statusError(403, 'templates is forbidden') });
    lists.set('Template', PROJECT, { error: statusError(403, 'templates is forbidden') });
    renderAt(<TemplateCatalogTab namespace={PROJECT} />);
    expect(screen.getByText('The templates cannot be listed')).toBeVisible();
    expect(screen.getByText('templates is forbidden')).toBeVisible();
  });
});
