// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderAt } from '../vms/details/testSupport';
import CatalogPage from './CatalogPage';

vi.mock('./instanceTypes/InstanceTypesTab', () => ({
  InstanceTypesTab: ({ namespace }: { namespace?: string }) => <p>instance types in {namespace}</p>,
}));
vi.mock('./templates/TemplateCatalogTab', () => ({
  TemplateCatalogTab: ({ namespace }: { namespace?: string }) => <p>templates in {namespace}</p>,
}));

describe('CatalogPage', () => {
  it('opens on the InstanceTypes tab of the URL’s project, and each tab has its URL', async () => {
    renderAt(<CatalogPage />, '/k8s/ns/dev/catalog');
    expect(screen.getByRole('heading', { name: 'Create new VirtualMachine' })).toBeVisible();
    expect(screen.getByText('instance types in dev')).toBeVisible();
    await userEvent.click(screen.getByRole('tab', { name: 'Template catalog' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/k8s/ns/dev/catalog/template');
  });

  it('opens the Template catalog from its URL', () => {
    renderAt(<CatalogPage />, '/k8s/all-namespaces/catalog/template');
    expect(screen.getByText('templates in')).toBeVisible();
    expect(screen.queryByText(/instance types in/)).not.toBeInTheDocument();
  });
});
