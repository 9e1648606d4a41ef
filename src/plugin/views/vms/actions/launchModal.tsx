import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient } from '../../../api/queryClient';

/**
 * Opens a dialog in a root of its own, so it outlives the menu or the row that opened it (a VM
 * deleted from the list, a console action menu closing) and works the same from the console's
 * action provider, where the plugin has no place in the page to render into.
 */
export const launchModal = (render: (close: () => void) => ReactNode): (() => void) => {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    // Not while React is still handling the click that closed it.
    setTimeout(() => {
      root.unmount();
      container.remove();
    });
  };
  root.render(<QueryClientProvider client={queryClient}>{render(close)}</QueryClientProvider>);
  return close;
};
