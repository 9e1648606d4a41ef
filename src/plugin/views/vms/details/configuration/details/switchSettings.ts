import type { TFunction } from 'i18next';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import type { RestartBoundRow } from './restartPending';
import { DEVICES, setAt, TEMPLATE_SPEC, valueAt, type Path } from '../editor/vmPatch';

export const DELETE_PROTECTION_LABEL = 'kubevirt.io/vm-delete-protection';

/** An on/off setting of the Details sub-tab, applied as soon as it is toggled. */
export interface SwitchSetting {
  id: 'startPaused' | 'headless' | 'guestLog' | 'deleteProtection';
  label: (t: TFunction) => string;
  /** What turning it on does, shown under the switch. */
  note: (t: TFunction) => string;
  /** Applies only when the VM starts again: the check that tells its change is waiting. */
  restartBound?: RestartBoundRow;
  isOn(vm: VirtualMachine): boolean;
  /** Left to the cluster's default (shown as off, with a note). */
  isUnset?(vm: VirtualMachine): boolean;
  ops(vm: VirtualMachine, on: boolean): JsonPatchOp[];
}

/** A setting stored at `path` as `onValue` when on and absent when off. */
const presence = (path: Path, onValue: unknown) => ({
  isOn: (vm: VirtualMachine) => valueAt(vm, path) === onValue,
  ops: (vm: VirtualMachine, on: boolean) => setAt(vm, path, on ? onValue : undefined),
});

export const START_PAUSED: SwitchSetting = {
  id: 'startPaused',
  label: (t) => t('Start in paused mode'),
  note: (t) =>
    t('The VirtualMachine starts with its CPUs paused; unpause it from the actions to boot.'),
  restartBound: 'startPaused',
  ...presence([...TEMPLATE_SPEC, 'startStrategy'], 'Paused'),
};

export const HEADLESS: SwitchSetting = {
  id: 'headless',
  label: (t) => t('Headless mode'),
  note: (t) => t('No graphics device is attached: the VNC console is removed.'),
  restartBound: 'headless',
  ...presence([...DEVICES, 'autoattachGraphicsDevice'], false),
};

export const GUEST_LOG: SwitchSetting = {
  id: 'guestLog',
  label: (t) => t('Guest system log access'),
  note: (t) =>
    t("The guest's serial console output is kept as a log, readable on the Diagnostics tab."),
  // An explicit true/false: the cluster default applies only while it is unset.
  isOn: (vm) => valueAt(vm, [...DEVICES, 'logSerialConsole']) === true,
  isUnset: (vm) => valueAt(vm, [...DEVICES, 'logSerialConsole']) === undefined,
  ops: (vm, on) => setAt(vm, [...DEVICES, 'logSerialConsole'], on),
};

export const DELETE_PROTECTION: SwitchSetting = {
  id: 'deleteProtection',
  label: (t) => t('Deletion protection'),
  note: (t) => t('The VirtualMachine cannot be deleted while this is on.'),
  ...presence(['metadata', 'labels', DELETE_PROTECTION_LABEL], 'True'),
};

export const SWITCH_SETTINGS: SwitchSetting[] = [
  START_PAUSED,
  HEADLESS,
  GUEST_LOG,
  DELETE_PROTECTION,
];
