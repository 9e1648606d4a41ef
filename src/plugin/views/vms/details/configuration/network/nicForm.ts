import type { NetworkAttachmentDefinition, VirtualMachine } from '../../../../../api/types';
import { validateResourceName } from '../../../actions/nameValidation';
import type { Translate } from '../../../actions/vmActionModel';
import { validateMac } from './macAddress';
import { bindingForNetwork, networkRef } from './nadBinding';
import type { NicSpec } from './nicOps';
import { bindingOf, interfaceRows, type NicRow } from './nicRows';

export const NIC_MODELS = ['virtio', 'e1000e'] as const;

/** What the NIC dialog holds while the user types. `network`: '' (none chosen), `pod`, or `ns/name`. */
export interface NicForm {
  name: string;
  model: string;
  network: string;
  mac: string;
}

export interface NicFormErrors {
  name?: string;
  network?: string;
  mac?: string;
}

export const emptyNicForm = (): NicForm => ({ name: '', model: 'virtio', network: '', mac: '' });

/** The form of an existing NIC; the MAC shown is the configured one only. */
export const nicFormOf = (vm: VirtualMachine, row: NicRow): NicForm => {
  const iface = vm.spec?.template?.spec?.domain?.devices?.interfaces?.find(
    (i) => i.name === row.name,
  );
  return {
    name: row.name,
    model: row.model ?? 'virtio',
    network:
      row.network.kind === 'pod' ? 'pod' : row.network.kind === 'multus' ? row.network.ref : '',
    mac: iface?.macAddress ?? '',
  };
};

/** The NIC that uses the pod network, other than `except`. */
export const podNicName = (vm: VirtualMachine, except?: string): string | undefined =>
  interfaceRows(vm).find((row) => row.network.kind === 'pod' && row.name !== except)?.name;

/**
 * The binding the NIC gets: the one it had while its network is unchanged (a VM may bind the pod
 * network with a bridge, say), else derived from the network chosen.
 */
export const bindingOfForm = (
  vm: VirtualMachine,
  form: NicForm,
  nads: NetworkAttachmentDefinition[],
  editing?: string,
): string => {
  if (editing) {
    const namespace = vm.metadata?.namespace ?? '';
    const spec = vm.spec?.template?.spec;
    const network = spec?.networks?.find((n) => n.name === editing);
    const iface = spec?.domain?.devices?.interfaces?.find((i) => i.name === editing);
    const unchanged =
      (form.network === 'pod' && !!network?.pod) ||
      (!!network?.multus?.networkName &&
        networkRef(network.multus.networkName, namespace) === form.network);
    if (iface && unchanged) return bindingOf(iface);
  }
  return bindingForNetwork(form.network, nads);
};

export const nicSpecOf = (form: NicForm, binding: string): NicSpec => ({
  name: form.name,
  model: binding === 'sriov' ? undefined : form.model,
  network: form.network,
  binding,
  mac: form.mac || undefined,
});

/** The form's own checks, before anything is sent. `editing` is the NIC being changed. */
export const validateNicForm = (
  vm: VirtualMachine,
  form: NicForm,
  t: Translate,
  editing?: string,
): NicFormErrors => {
  const spec = vm.spec?.template?.spec;
  const others = interfaceRows(vm).filter((row) => row.name !== editing);
  const takenNames = new Set([
    ...others.map((row) => row.name),
    ...(spec?.networks ?? []).map((n) => n.name).filter((n) => n !== editing),
  ]);
  const name = editing
    ? undefined
    : (validateResourceName(form.name, t) ??
      (takenNames.has(form.name)
        ? t('Another interface or network of this VirtualMachine has this name.')
        : undefined));
  const pod = podNicName(vm, editing);
  const network = !form.network
    ? t('Select a network.')
    : form.network === 'pod' && pod
      ? t('Only one interface may use the pod network; {{name}} does.', { name: pod })
      : undefined;
  const mac = validateMac(
    form.mac,
    t,
    (spec?.domain?.devices?.interfaces ?? [])
      .filter((i) => i.name !== editing && i.macAddress)
      .map((i) => i.macAddress ?? ''),
  );
  return { name, network, mac };
};

export const hasErrors = (errors: NicFormErrors): boolean =>
  !!(errors.name || errors.network || errors.mac);
