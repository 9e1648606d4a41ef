// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { HelpMenu } from './HelpMenu';

describe('HelpMenu', () => {
  it('opens the quick-start catalog from Help → Quick Starts', async () => {
    render(
      <MemoryRouter initialEntries={['/k8s/ns/developer-vms/catalog']}>
        <HelpMenu />
        <Routes>
          <Route path="/quickstart" element={<p>The catalog of quick starts</p>} />
          <Route path="*" element={<p>Another page</p>} />
        </Routes>
      </MemoryRouter>,
    );
    expect(screen.queryByRole('menuitem', { name: 'Quick Starts' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Help' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Quick Starts' }));
    expect(screen.getByText('The catalog of quick starts')).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Quick Starts' })).not.toBeInTheDocument();
  });
});
