// Which Details settings differ between the VM and the instance it runs as: those wait for a restart.
import type { VirtualMachine, VirtualMachineInstance } from '../../../../../api/types';
import { cpuCount } from '../../overview/vmFacts';
import { quantityBytes } from '../../overview/formatQuantity';
import type { VmEditor } from '../editor/vmEditor';
import { bootModeOfBootloader } from './bootMode';
import { bootOrderKey } from './bootOrder/bootOrder';
import { topologyOf } from './cpuTopology';
import type { Instancetype } from './instancetypes';

type Spec = NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec'];
type VmiSpec = VirtualMachineInstance['spec'];

/** The VM runs as an instance: restart-bound changes wait for its restart. */
export const isRunning = (editor: VmEditor): boolean => editor.live && !!editor.vmi;

const memoryBytes = (domain?: { memory?: { guest?: string }; resources?: { requests?: object } }) =>
  quantityBytes(
    domain?.memory?.guest ??
      (domain?.resources?.requests as Record<string, string> | undefined)?.memory,
  );

/** Per restart-bound row: does the VM ask for something the running instance does not have? */
const CHECKS = {
  hostname: (vm: Spec, vmi: VmiSpec) => (vm?.hostname ?? '') !== (vmi.hostname ?? ''),
  cpuMemory: (vm: Spec, vmi: VmiSpec) => {
    const wanted = topologyOf(vm?.domain?.cpu);
    const running = topologyOf(vmi.domain?.cpu);
    const memory = memoryBytes(vm?.domain);
    return (
      (['sockets', 'cores', 'threads'] as const).some((part) => wanted[part] !== running[part]) ||
      (memory !== undefined && memory !== memoryBytes(vmi.domain))
    );
  },
  // Only when the VM sets one: the instance may have its firmware from the preference.
  bootMode: (vm: Spec, vmi: VmiSpec) =>
    !!vm?.domain?.firmware?.bootloader &&
    bootModeOfBootloader(vm.domain.firmware.bootloader) !==
      bootModeOfBootloader(vmi.domain?.firmware?.bootloader),
  bootOrder: (vm: Spec, vmi: VmiSpec) =>
    bootOrderKey(vm?.domain?.devices) !== bootOrderKey(vmi.domain?.devices),
  startPaused: (vm: Spec, vmi: VmiSpec) => (vm?.startStrategy ?? '') !== (vmi.startStrategy ?? ''),
  headless: (vm: Spec, vmi: VmiSpec) =>
    (vm?.domain?.devices?.autoattachGraphicsDevice ?? true) !==
    (vmi.domain?.devices?.autoattachGraphicsDevice ?? true),
} satisfies Record<string, (vm: Spec, vmi: VmiSpec) => boolean>;

export type RestartBoundRow = keyof typeof CHECKS;

/** The row's change is saved but waits for the VM to restart. */
export const isRestartPending = (
  row: RestartBoundRow,
  vm: VirtualMachine,
  vmi?: VirtualMachineInstance,
): boolean => !!vmi?.spec && CHECKS[row](vm.spec?.template?.spec, vmi.spec);

/** The instance runs with another size than the VM's instance type gives. */
export const isInstancetypePending = (
  instancetype: Instancetype | undefined,
  vmi?: VirtualMachineInstance,
): boolean => {
  const cpus = instancetype?.spec?.cpu?.guest;
  const memory = quantityBytes(instancetype?.spec?.memory?.guest);
  if (!vmi?.spec?.domain || cpus === undefined) return false;
  return (
    cpuCount(vmi.spec.domain.cpu) !== cpus ||
    (memory !== undefined && memory !== memoryBytes(vmi.spec.domain))
  );
};
