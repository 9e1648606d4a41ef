import type { VirtualGroupVersion } from '../discovery';

const vm = (name: string, verbs: string[]) => ({
  name: `virtualmachines/${name}`,
  kind: 'VirtualMachine',
  namespaced: true,
  verbs,
});
const vmi = (name: string, verbs: string[]) => ({
  name: `virtualmachineinstances/${name}`,
  kind: 'VirtualMachineInstance',
  namespaced: true,
  verbs,
});

/**
 * `subresources.kubevirt.io/v1` in discovery, as virt-api serves it: the VM and VMI actions
 * (PUT → verb update) and streams (GET → verb get). Their behaviour comes with the compute issue.
 */
export const KUBEVIRT_SUBRESOURCE_DISCOVERY: VirtualGroupVersion = {
  group: 'subresources.kubevirt.io',
  version: 'v1',
  resources: [
    ...[
      'start',
      'stop',
      'restart',
      'migrate',
      'addvolume',
      'removevolume',
      'memorydump',
      'expand-spec',
    ].map((n) => vm(n, ['update'])),
    vm('portforward', ['get']),
    ...[
      'console',
      'vnc',
      'vnc/screenshot',
      'guestosinfo',
      'userlist',
      'filesystemlist',
      'portforward',
      'usbredir',
    ].map((n) => vmi(n, ['get'])),
    ...['pause', 'unpause', 'addvolume', 'removevolume', 'freeze', 'unfreeze', 'softreboot'].map(
      (n) => vmi(n, ['update']),
    ),
  ],
};
