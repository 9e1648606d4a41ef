// The resources virt-controller gives a VMI's virt-launcher pod (KubeVirt's
// pkg/virt-controller/services/renderresources.go and the KVM GetMemoryOverhead), so quota and
// `kubectl describe pod` see what a real cluster would charge for a VM.
import {
  addQuantities,
  bytesOf,
  countOf,
  formatQuantity,
  parseQuantity,
  type Quantity,
  unitsOf,
} from '../quota/quantity';
import type { KubeObject } from '../types';

/** KubeVirt's default cpuAllocationRatio: each vCPU requests a tenth of a CPU. */
const CPU_ALLOCATION_RATIO = 10;
/** What a VMI without any memory setting runs with here (vmiController's default too). */
const DEFAULT_GUEST_MEMORY = '128Mi';

const mebibytes = (n: number) => bytesOf(BigInt(n) * 2n ** 20n);

/**
 * The `ps` RSS of the launcher's processes, as KubeVirt adds them: virt-launcher-monitor 25Mi,
 * virt-launcher 100Mi, virtlogd 25Mi, virtqemud 40Mi, qemu 30Mi.
 */
const PROCESSES_MIB = 25 + 100 + 25 + 40 + 30;

/** guest-console-log's fixed resources (resourcesForSerialConsoleLogContainer). */
export const GUEST_CONSOLE_LOG_RESOURCES = {
  requests: { cpu: '5m', memory: '35M' },
  limits: { cpu: '15m', memory: '60M' },
};

interface VmiFields {
  spec?: {
    domain?: {
      cpu?: { sockets?: number; cores?: number; threads?: number };
      memory?: { guest?: unknown };
      resources?: {
        requests?: Record<string, unknown>;
        limits?: Record<string, unknown>;
        overcommitGuestOverhead?: boolean;
      };
      devices?: { autoattachGraphicsDevice?: boolean; tpm?: { enabled?: boolean } };
    };
    volumes?: { downwardMetrics?: object }[];
    livenessProbe?: { exec?: object };
    readinessProbe?: { exec?: object };
  };
}

/** vCPUs: the topology, else the CPU limit or request, at least 1 (determineVCPUCount). */
export const vcpusOf = (vmi: KubeObject): number => {
  const domain = (vmi as VmiFields).spec?.domain;
  if (domain?.cpu)
    return (domain.cpu.sockets ?? 1) * (domain.cpu.cores ?? 1) * (domain.cpu.threads ?? 1);
  const cpu = parseQuantity(domain?.resources?.limits?.cpu ?? domain?.resources?.requests?.cpu);
  return Math.max(1, cpu ? Number(unitsOf(cpu)) : 1);
};

/**
 * The memory the pod is sized on: the request, else `memory.guest` (virt-api defaults the
 * request to it), else the limit.
 */
const guestMemoryOf = (vmi: KubeObject): Quantity => {
  const domain = (vmi as VmiFields).spec?.domain;
  return (
    parseQuantity(domain?.resources?.requests?.memory) ??
    parseQuantity(domain?.memory?.guest) ??
    parseQuantity(domain?.resources?.limits?.memory) ??
    (parseQuantity(DEFAULT_GUEST_MEMORY) as Quantity)
  );
};

/** Requests equal to limits for both CPU and memory (WantsToHaveQOSGuaranteed). */
const wantsGuaranteed = (vmi: KubeObject) => {
  const { requests = {}, limits = {} } = (vmi as VmiFields).spec?.domain?.resources ?? {};
  return ['cpu', 'memory'].every((r) => {
    const request = parseQuantity(requests[r]);
    return request && request.nano !== 0n && request.nano === parseQuantity(limits[r])?.nano;
  });
};

/**
 * KubeVirt's estimate of what runs beside the guest (GetMemoryOverhead, x86 terms): page
 * tables (guest memory / 512), the launcher's processes (220Mi), 8Mi per vCPU, 8Mi for the
 * IO thread, 32Mi of video RAM unless the graphics device is off, 53Mi for a TPM, 1Mi for a
 * downward-metrics disk, 10Mi per exec probe plus 100Mi when there is one, and 100Mi for
 * guaranteed QoS. Left out: arm64 firmware, VFIO, SEV, and the KubeVirt CR's
 * additionalGuestMemoryOverheadRatio (none of which this cluster has).
 */
export const memoryOverhead = (vmi: KubeObject, guestMemory: Quantity): Quantity => {
  const { spec } = vmi as VmiFields;
  const devices = spec?.domain?.devices;
  // One bit per 512 bytes, counted on the memory in kilobytes (rounded up), as Go does.
  const kilobytes = (unitsOf(guestMemory) + 999n) / 1000n;
  let mib = PROCESSES_MIB + 8 * vcpusOf(vmi) + 8;
  if (devices?.autoattachGraphicsDevice !== false) mib += 32;
  if (devices?.tpm && devices.tpm.enabled !== false) mib += 53;
  if (spec?.volumes?.some((v) => v.downwardMetrics)) mib += 1;
  const probes = [spec?.livenessProbe, spec?.readinessProbe].filter((p) => p?.exec).length;
  if (probes) mib += 10 * probes + 100;
  if (wantsGuaranteed(vmi)) mib += 100;
  return addQuantities(countOf((kilobytes * 1000n) / 512n), mebibytes(mib));
};

export interface ContainerResources {
  requests: Record<string, string>;
  limits?: Record<string, string>;
}

/**
 * The `compute` container's requests and limits: CPU is the VMI's request, else 100m per vCPU;
 * memory is the guest's plus the overhead (not added to the request with
 * `overcommitGuestOverhead`); limits only where the VMI sets them, memory's with the overhead.
 */
export const launcherResources = (vmi: KubeObject): ContainerResources => {
  const resources = (vmi as VmiFields).spec?.domain?.resources ?? {};
  const guestMemory = guestMemoryOf(vmi);
  const overhead = memoryOverhead(vmi, guestMemory);
  const cpuRequest =
    parseQuantity(resources.requests?.cpu) ??
    ({
      nano: BigInt(vcpusOf(vmi)) * (10n ** 9n / BigInt(CPU_ALLOCATION_RATIO)),
      format: 'DecimalSI',
    } as const);
  const memoryRequest = resources.overcommitGuestOverhead
    ? guestMemory
    : addQuantities(guestMemory, overhead);
  const limits: Record<string, string> = {};
  const cpuLimit = parseQuantity(resources.limits?.cpu);
  const memoryLimit = parseQuantity(resources.limits?.memory);
  if (cpuLimit) limits.cpu = formatQuantity(cpuLimit);
  if (memoryLimit) limits.memory = formatQuantity(addQuantities(memoryLimit, overhead));
  return {
    requests: { cpu: formatQuantity(cpuRequest), memory: formatQuantity(memoryRequest) },
    ...(Object.keys(limits).length ? { limits } : {}),
  };
};
