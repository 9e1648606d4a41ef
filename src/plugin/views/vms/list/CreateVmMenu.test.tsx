// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderAt } from '../details/testSupport';
import { CreateVmMenu } from './CreateVmMenu';

describe('CreateVmMenu', () => {
  it('leads to the Catalog and to the YAML page of the project', async () => {
    renderAt(<CreateVmMenu namespace="dev" />, '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await userEvent.click(screen.getByRole('menuitem', { name: /With YAML/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/k8s/ns/dev/catalog/yaml');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await userEvent.click(screen.getByRole('menuitem', { name: /From InstanceType/ }));
    expect(screen.getByTestId('location')).toHaveTextContent('/k8s/ns/dev/catalog');
  });

  it('asks for a project before the YAML page in all projects', async () => {
    renderAt(
      <CreateVmMenu namespace={undefined} />,
      '/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    const yaml = screen.getByRole('menuitem', { name: /With YAML/ });
    expect(yaml).toHaveAttribute('aria-disabled', 'true');
    expect(
      screen.getByText('Choose a project first: the VirtualMachine is created in it.'),
    ).toBeVisible();
  });
});
