import type { NetworkAttachmentDefinition } from '../../../../../api/types';

/** How a NIC is bound to its network in the guest: what the Type column and field show. */
export type NicBinding = 'masquerade' | 'bridge' | 'sriov';

/** The CNI plugin a NetworkAttachmentDefinition runs: `type` of its config, or of a list's first plugin. */
export const cniTypeOf = (nad: NetworkAttachmentDefinition): string | undefined => {
  try {
    const config = JSON.parse(nad.spec?.config ?? '') as {
      type?: unknown;
      plugins?: { type?: unknown }[];
    };
    const type = config.type ?? config.plugins?.[0]?.type;
    return typeof type === 'string' ? type : undefined;
  } catch {
    return undefined;
  }
};

/** An SR-IOV network gives the guest a virtual function; every other CNI is reached through a bridge. */
export const nadBinding = (nad: NetworkAttachmentDefinition): Exclude<NicBinding, 'masquerade'> =>
  cniTypeOf(nad) === 'sriov' ? 'sriov' : 'bridge';

/** `ns/name` of a NetworkAttachmentDefinition. */
export const nadKey = (nad: NetworkAttachmentDefinition): string =>
  `${nad.metadata?.namespace ?? ''}/${nad.metadata?.name ?? ''}`;

/** `ns/name` of a Multus `networkName` (a bare name is in the VM's namespace). */
export const networkRef = (networkName: string, vmNamespace: string): string =>
  networkName.includes('/') ? networkName : `${vmNamespace}/${networkName}`;

/** What to write in `multus.networkName`: the bare name in the VM's own namespace, else `ns/name`. */
export const networkNameFor = (ref: string, vmNamespace: string): string =>
  ref.startsWith(`${vmNamespace}/`) ? ref.slice(vmNamespace.length + 1) : ref;

/** The binding a NIC on `network` gets: masquerade on the pod network, else the NAD's. */
export const bindingForNetwork = (
  network: string,
  nads: NetworkAttachmentDefinition[],
): NicBinding => {
  if (network === 'pod') return 'masquerade';
  const nad = nads.find((n) => nadKey(n) === network);
  return nad ? nadBinding(nad) : 'bridge';
};
