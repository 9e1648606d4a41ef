// What of a running VM's template can reach its VMI without a restart, as KubeVirt's
// LiveUpdate rollout does it: bridge interfaces on Multus networks are hot-plugged and
// unplugged (`state: absent`), every interface's link state (`state: down` / up) changes live,
// and hot-pluggable volumes come and go through the addvolume/removevolume subresources. Any
// other change to the template asks for a restart (RestartRequired). Pure.
import { isDeepStrictEqual } from 'node:util';

export interface InterfaceSpec {
  name: string;
  bridge?: object;
  masquerade?: object;
  sriov?: object;
  state?: string;
  [field: string]: unknown;
}

export interface NetworkSpec {
  name: string;
  pod?: object;
  multus?: { networkName?: string; default?: boolean };
  [field: string]: unknown;
}

export interface NetworkedSpec {
  domain?: { devices?: { interfaces?: InterfaceSpec[] } };
  networks?: NetworkSpec[];
}

interface VolumeLike {
  name: string;
  persistentVolumeClaim?: { hotpluggable?: boolean };
  dataVolume?: { hotpluggable?: boolean };
}

interface TemplateLike {
  metadata?: unknown;
  spec?: {
    domain?: { devices?: { interfaces?: unknown[]; disks?: { name: string }[] } };
    networks?: unknown[];
    volumes?: VolumeLike[];
  } & Record<string, unknown>;
}

const isHotpluggableVolume = (volume: VolumeLike) =>
  volume.persistentVolumeClaim?.hotpluggable === true || volume.dataVolume?.hotpluggable === true;

/**
 * The part of a VM template whose change needs a restart, as the VMI's template hash records
 * it: without the interfaces and networks (compared with the VMI itself, see
 * {@link networkRestartRequired}) and without hot-pluggable volumes and their disks (they are
 * attached and detached live).
 */
export const restartRelevantTemplate = (template: unknown): TemplateLike => {
  const copy = structuredClone((template ?? {}) as TemplateLike);
  const spec = copy.spec;
  if (!spec) return copy;
  delete spec.networks;
  const hotplugged = new Set((spec.volumes ?? []).filter(isHotpluggableVolume).map((v) => v.name));
  if (spec.volumes) spec.volumes = spec.volumes.filter((v) => !hotplugged.has(v.name));
  const devices = spec.domain?.devices;
  if (devices) {
    delete devices.interfaces;
    if (devices.disks) devices.disks = devices.disks.filter((d) => !hotplugged.has(d.name));
  }
  return copy;
};

const interfacesOf = (spec: NetworkedSpec | undefined) => spec?.domain?.devices?.interfaces ?? [];
const networksOf = (spec: NetworkedSpec | undefined) => spec?.networks ?? [];

/** A bridge interface on a Multus network: the kind KubeVirt hot-plugs and unplugs. */
export const isHotpluggableInterface = (iface: InterfaceSpec, networks: NetworkSpec[]): boolean =>
  !!iface.bridge && !!networks.find((n) => n.name === iface.name)?.multus;

/** An interface without its link state (`state` changes live). */
const withoutState = (iface: InterfaceSpec | undefined) => {
  if (!iface) return undefined;
  const { state: _state, ...rest } = iface;
  return rest;
};

/**
 * Whether the VM's interfaces and networks (`desired`, the template with its preference
 * applied) differ from the running VMI's (`current`) in a way only a restart applies, as
 * KubeVirt's `vmliveupdate.IsRestartRequired` decides: an interface or network of the VMI
 * removed from the VM (instead of set `absent`) or changed in anything but its state, the pod
 * network added; and, beyond KubeVirt's check, a new interface that cannot be hot-plugged
 * (pod network, SR-IOV).
 */
export const networkRestartRequired = (
  desired: NetworkedSpec | undefined,
  current: NetworkedSpec | undefined,
): boolean => {
  const wantedIfaces = interfacesOf(desired);
  const wantedNets = networksOf(desired);
  const runningIfaces = interfacesOf(current);
  const runningNets = networksOf(current);
  for (const iface of runningIfaces) {
    const wanted = wantedIfaces.find((i) => i.name === iface.name);
    if (!isDeepStrictEqual(withoutState(wanted), withoutState(iface))) return true;
  }
  if (wantedNets.some((n) => n.pod) && !runningNets.some((n) => n.pod)) return true;
  for (const network of runningNets) {
    const wanted = wantedNets.find((n) => n.name === network.name);
    if (!isDeepStrictEqual(wanted, network)) return true;
  }
  return wantedIfaces.some(
    (iface) =>
      iface.state !== 'absent' &&
      !runningIfaces.some((i) => i.name === iface.name) &&
      !isHotpluggableInterface(iface, wantedNets),
  );
};

/**
 * The VMI spec with the VM's live interface changes applied, or undefined when there are none:
 * new hot-pluggable interfaces (with their networks) are added, and each interface's `state`
 * follows the VM's (`absent` only for hot-pluggable ones). What virt-controller's
 * `ApplyDynamicIfaceRequestOnVMI` does; virt-handler then plugs, unplugs and sets links.
 */
export const applyLiveInterfaces = <T extends NetworkedSpec>(
  desired: NetworkedSpec | undefined,
  current: T,
): T | undefined => {
  const next = structuredClone(current);
  const wantedNets = networksOf(desired);
  const devices = ((next.domain ??= {}).devices ??= {});
  const interfaces = (devices.interfaces ??= []);
  const networks = (next.networks ??= []);
  let changed = false;
  for (const wanted of interfacesOf(desired)) {
    const index = interfaces.findIndex((i) => i.name === wanted.name);
    const running = interfaces[index];
    if (running) {
      if ((running.state ?? '') === (wanted.state ?? '')) continue;
      if (!isDeepStrictEqual(withoutState(running), withoutState(wanted))) continue;
      if (wanted.state === 'absent' && !isHotpluggableInterface(wanted, wantedNets)) continue;
      interfaces[index] = structuredClone(wanted);
      changed = true;
      continue;
    }
    if (wanted.state === 'absent' || !isHotpluggableInterface(wanted, wantedNets)) continue;
    interfaces.push(structuredClone(wanted));
    const network = wantedNets.find((n) => n.name === wanted.name);
    if (network && !networks.some((n) => n.name === network.name))
      networks.push(structuredClone(network));
    changed = true;
  }
  return changed ? next : undefined;
};
