/** A console the browser asks for: which subresource of which VMI. */
export interface ConsoleTarget {
  kind: 'vnc' | 'serial';
  namespace: string;
  name: string;
  preserveSession: boolean;
}

// Namespaces are DNS labels, VMI names DNS subdomains: nothing here needs decoding or escaping.
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * `PREFIX` + `vnc/NS/NAME` or `serial/NS/NAME` (one optional trailing slash), or undefined when
 * the URL is not one of ours.
 */
export const parseConsolePath = (prefix: string, url: string): ConsoleTarget | undefined => {
  const parsed = new URL(url, 'http://bff');
  if (!parsed.pathname.startsWith(prefix)) return undefined;
  const parts = parsed.pathname.slice(prefix.length).replace(/\/$/, '').split('/');
  if (parts.length !== 3) return undefined;
  const [kind, namespace, name] = parts as [string, string, string];
  if ((kind !== 'vnc' && kind !== 'serial') || !NAMESPACE.test(namespace) || !NAME.test(name))
    return undefined;
  return {
    kind,
    namespace,
    name,
    preserveSession: parsed.searchParams.get('preserveSession') === 'true',
  };
};

/** The KubeVirt subresource the console bridges to (`/vnc` or `/console`), with its query. */
export const subresourcePath = (target: ConsoleTarget): string =>
  `/apis/subresources.kubevirt.io/v1/namespaces/${target.namespace}/virtualmachineinstances/` +
  `${target.name}/${target.kind === 'vnc' ? 'vnc' : 'console'}` +
  (target.preserveSession ? '?preserveSession=true' : '');
