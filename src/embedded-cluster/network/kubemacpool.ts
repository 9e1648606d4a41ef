// KubeMacPool's mutating webhook for VirtualMachines (`mutatevirtualmachines.kubemacpool.io`):
// every interface of a VM's template without `macAddress` gets one from the pool when the VM is
// created or updated; an address another VM already uses is refused. Namespaces labelled
// `mutatevirtualmachines.kubemacpool.io=ignore` are left alone, and standalone VMIs are not
// handled (as in OpenShift Virtualization).
import { ApiError } from '../api/errors';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { MacPool, normalizeMac } from './macPool';
import { keyOf } from '../objectRefs';

export const VMS = 'kubevirt.io/virtualmachines';
export const OPT_OUT_LABEL = 'mutatevirtualmachines.kubemacpool.io';
const WEBHOOK = 'mutatevirtualmachines.kubemacpool.io';

interface Interface {
  name?: string;
  macAddress?: string;
  [key: string]: unknown;
}

const interfacesOf = (vm: KubeObject | undefined): Interface[] =>
  (
    vm?.spec as
      { template?: { spec?: { domain?: { devices?: { interfaces?: Interface[] } } } } } | undefined
  )?.template?.spec?.domain?.devices?.interfaces ?? [];

/** The MACs every VM's interfaces use, except those of the VM `except` (namespace/name). */
export const macsInUse = (store: ObjectStore, except?: string): Map<string, string> => {
  const used = new Map<string, string>();
  for (const vm of store.list(VMS)) {
    if (keyOf(vm) === except) continue;
    for (const nic of interfacesOf(vm)) {
      const mac = normalizeMac(nic.macAddress);
      if (mac) used.set(mac, keyOf(vm));
    }
  }
  return used;
};

const pools = new WeakMap<ObjectStore, MacPool>();
/** The cluster's pool (one per store, so its cursor survives across requests). */
export const macPoolOf = (store: ObjectStore): MacPool => {
  let pool = pools.get(store);
  if (!pool) pools.set(store, (pool = new MacPool()));
  return pool;
};

const optedOut = (store: ObjectStore, namespace: string | undefined) =>
  store.get('core/namespaces', undefined, namespace ?? '')?.metadata.labels?.[OPT_OUT_LABEL] ===
  'ignore';

const denied = (detail: string) =>
  new ApiError(
    400,
    'BadRequest',
    `admission webhook "${WEBHOOK}" denied the request: Failed to create virtual machine allocation error: Failed to allocate mac to the vm object: ${detail}`,
  );

/**
 * A copy of `vm` whose template interfaces all carry a MAC: kept from `old` (same interface
 * name) when the update dropped it, else allocated from the pool. Throws (as the webhook
 * denies) when a requested address belongs to another VM. Returns `vm` itself when nothing
 * changes.
 */
export const assignMacAddresses = (
  store: ObjectStore,
  vm: KubeObject,
  old?: KubeObject,
): KubeObject => {
  const interfaces = interfacesOf(vm);
  if (!interfaces.length || optedOut(store, vm.metadata.namespace)) return vm;
  const used = macsInUse(store, keyOf(vm));
  const previous = new Map(interfacesOf(old).map((nic) => [nic.name, nic.macAddress]));
  const taken = new Set(used.keys());
  let changed = false;
  const next = interfaces.map((nic) => {
    const requested = normalizeMac(nic.macAddress);
    if (nic.macAddress !== undefined && nic.macAddress !== '') {
      const owner = requested ? used.get(requested) : undefined;
      if (owner && requested !== normalizeMac(previous.get(nic.name)))
        throw denied(
          `failed to allocate requested mac address ${nic.macAddress} (used by ${owner})`,
        );
      if (requested) taken.add(requested);
      return nic;
    }
    changed = true;
    const kept = normalizeMac(previous.get(nic.name));
    const mac = kept && !used.has(kept) ? kept : macPoolOf(store).allocate(taken);
    taken.add(mac);
    return { ...nic, macAddress: mac };
  });
  if (!changed) return vm;
  const copy = structuredClone(vm);
  const devices = (
    copy.spec as { template: { spec: { domain: { devices: { interfaces: Interface[] } } } } }
  ).template.spec.domain.devices;
  devices.interfaces = next;
  return copy;
};

/**
 * The mutating admission step for API writes (create and update; `old` is the stored object on
 * update): VirtualMachines get their MACs, every other kind passes unchanged.
 */
export const mutateOnAdmission = (
  store: ObjectStore,
  resource: string,
  object: KubeObject,
  old: KubeObject | undefined,
): KubeObject => (resource === VMS ? assignMacAddresses(store, object, old) : object);
