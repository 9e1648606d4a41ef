import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ALL_NAMESPACES_KEY, namespaceFromPath, pathWithNamespace } from './namespacePath';

const LAST_NAMESPACE_KEY = 'virtualization-shell.last-namespace';

export const lastNamespace = (): string =>
  window.localStorage.getItem(LAST_NAMESPACE_KEY) ?? ALL_NAMESPACES_KEY;

/**
 * The console's `useActiveNamespace`: the project in the URL (or the last one chosen), and a
 * setter that moves the current page to another project.
 */
export const useActiveNamespace = (): [string, (namespace: string) => void] => {
  const location = useLocation();
  const navigate = useNavigate();
  const active = namespaceFromPath(location.pathname) ?? lastNamespace();
  const setActive = useCallback(
    (namespace: string) => {
      window.localStorage.setItem(LAST_NAMESPACE_KEY, namespace);
      const target = pathWithNamespace(location.pathname, namespace);
      if (target) void navigate(`${target}${location.search}`);
    },
    [location.pathname, location.search, navigate],
  );
  return [active, setActive];
};
