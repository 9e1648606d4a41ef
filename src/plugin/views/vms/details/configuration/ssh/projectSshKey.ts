import { useCallback, useState } from 'react';

/**
 * "Apply this key to all new VirtualMachines in this project": the Secret to add to VMs created
 * in a namespace. The incumbent plugin keeps it per user in a `kubevirt-user-settings` ConfigMap
 * of the operator's namespace, which needs RBAC most users lack; we keep it per user and browser
 * in localStorage, like the list preferences. The creation flow reads it with `projectSshKeyOf`.
 */
export const PROJECT_SSH_KEYS = 'virtualization-plugin/ssh/project-keys';

const readAll = (): Record<string, string> => {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(PROJECT_SSH_KEYS) ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? Object.fromEntries(
          Object.entries(parsed).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        )
      : {};
  } catch {
    return {};
  }
};

/** The Secret new VMs in `namespace` get, if the user chose one. */
export const projectSshKeyOf = (namespace: string): string | undefined => readAll()[namespace];

/** Sets (or with undefined, clears) the project's key Secret. */
export const storeProjectSshKey = (namespace: string, secretName: string | undefined): void => {
  const { [namespace]: _previous, ...others } = readAll();
  const all = secretName ? { ...others, [namespace]: secretName } : others;
  try {
    window.localStorage.setItem(PROJECT_SSH_KEYS, JSON.stringify(all));
  } catch {
    // Private browsing or a full quota: the choice holds for this page only.
  }
};

/** The project's key Secret, and a setter that stores it. */
export const useProjectSshKey = (namespace: string) => {
  const [value, setValue] = useState(() => projectSshKeyOf(namespace));
  const store = useCallback(
    (secretName: string | undefined) => {
      storeProjectSshKey(namespace, secretName);
      setValue(secretName);
    },
    [namespace],
  );
  return [value, store] as const;
};
