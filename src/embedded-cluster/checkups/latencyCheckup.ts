// kiagnose's kubevirt-vm-latency checkup: two VMIs on the NetworkAttachmentDefinition's L2
// segment, addresses on their secondary NICs, `ping` from source to target for the sample
// duration over the source's serial console, and min/avg/max latency in nanoseconds.
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../types';
import { errorMessage, waitFor, withTimeout } from './client';
import { formatGoDuration } from '../goDuration';
import { parsePing } from './pingParser';
import type { Checkup, CheckupOutcome, CheckupRun } from './runner';

const KUBEVIRT = 'kubevirt.io';
const NETWORK = 'net0';
const LABEL_UID = 'latency-check/uid';
const SUBNET = '192.168.100';
const TEARDOWN_TIMEOUT_MS = 3 * 60_000;

export const NO_GUESTS =
  'cannot measure latency: the embedded cluster runs VMs without guests (QEMU is not installed)';

interface LatencyConfig {
  nadNamespace: string;
  nadName: string;
  sampleDurationSeconds: number;
  /** Undefined: no limit (kiagnose's default is MaxInt). */
  maxDesiredLatencyMs?: number;
  sourceNode: string;
  targetNode: string;
}

/** The parameters as kiagnose validates them, with its messages. */
export const latencyConfig = (params: Record<string, string>): LatencyConfig => {
  const integer = (key: string) => {
    const raw = params[key];
    if (raw === undefined) return undefined;
    if (!/^[-+]?\d+$/.test(raw.trim()))
      throw new Error(
        `${JSON.stringify(key)} parameter is invalid: strconv.Atoi: parsing ${JSON.stringify(raw)}: invalid syntax`,
      );
    return Number(raw);
  };
  const config: LatencyConfig = {
    nadNamespace: params.networkAttachmentDefinitionNamespace ?? '',
    nadName: params.networkAttachmentDefinitionName ?? '',
    sampleDurationSeconds: integer('sampleDurationSeconds') ?? 5,
    maxDesiredLatencyMs: integer('maxDesiredLatencyMilliseconds'),
    sourceNode: params.sourceNode ?? '',
    targetNode: params.targetNode ?? '',
  };
  if (!config.nadName) throw new Error('"networkAttachmentDefinitionName" parameter is invalid');
  if (!config.nadNamespace)
    throw new Error('"networkAttachmentDefinitionNamespace" parameter is invalid');
  if (config.sampleDurationSeconds <= 0)
    throw new Error('"sampleDurationSeconds" parameter is invalid');
  if (!config.sourceNode !== !config.targetNode)
    throw new Error('illegal source and target nodes combination');
  return config;
};

const randomSuffix = () => {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from(randomBytes(5), (b) => alphabet[b % alphabet.length]).join('');
};

/** A locally administered unicast MAC, as kiagnose's RandomMACAddress. */
const randomMac = () => {
  const bytes = [...randomBytes(6)];
  bytes[0] = ((bytes[0] ?? 0) & 0xfc) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
};

const vmiSpec = (
  name: string,
  uid: string,
  node: string,
  mac: string,
  nad: KubeObject,
  pod: KubeObject,
): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: {
    name,
    labels: { [LABEL_UID]: uid },
    ownerReferences: [
      { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
    ],
  },
  spec: {
    ...(node
      ? { nodeSelector: { 'kubernetes.io/hostname': node } }
      : {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 1,
                  podAffinityTerm: {
                    labelSelector: {
                      matchExpressions: [{ key: LABEL_UID, operator: 'In', values: [uid] }],
                    },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
        }),
    domain: {
      resources: { requests: { memory: '128Mi' } },
      devices: {
        disks: [],
        interfaces: [{ name: NETWORK, bridge: {}, macAddress: mac }],
      },
    },
    networks: [
      { name: NETWORK, multus: { networkName: `${nad.metadata.namespace}/${nad.metadata.name}` } },
    ],
    terminationGracePeriodSeconds: 0,
  },
});

class LatencyCheck {
  private readonly results: Record<string, string> = {};
  private readonly created: string[] = [];
  private readonly uid = randomSuffix();

  constructor(private readonly run: CheckupRun) {}

  private log(message: string) {
    this.run.log(message);
  }

  async execute(): Promise<CheckupOutcome> {
    const failures: string[] = [];
    try {
      const config = latencyConfig(this.run.params);
      const vmis = await this.setup(config);
      await this.measure(config, vmis);
    } catch (error) {
      failures.push(errorMessage(error));
    }
    const teardown = await this.teardown();
    if (teardown) failures.push(teardown);
    return { results: this.results, failures };
  }

  private async setup(config: LatencyConfig) {
    const { client, namespace, pod, context } = this.run;
    let nad: KubeObject;
    try {
      nad = client.get(
        'k8s.cni.cncf.io',
        'network-attachment-definitions',
        config.nadNamespace,
        config.nadName,
      );
    } catch (error) {
      throw new Error(`setup: ${errorMessage(error)}`);
    }
    if (typeof context.runtime.guestCommand !== 'function') throw new Error(NO_GUESTS);
    const source = { name: `latency-check-source-${randomSuffix()}`, mac: randomMac() };
    const target = { name: `latency-check-target-${randomSuffix()}`, mac: randomMac() };
    for (const [vmi, node] of [
      [source, config.sourceNode],
      [target, config.targetNode],
    ] as const) {
      this.log(`Starting VMI ${namespace}/${vmi.name}`);
      try {
        await client.create(
          KUBEVIRT,
          'virtualmachineinstances',
          namespace,
          vmiSpec(vmi.name, this.uid, node, vmi.mac, nad, pod),
        );
      } catch (error) {
        throw new Error(`setup: ${errorMessage(error)}`);
      }
      this.created.push(vmi.name);
    }
    const nodes: Record<string, string> = {};
    for (const vmi of [target, source]) {
      this.log(`Waiting for VMI ${namespace}/${vmi.name} to be running`);
      try {
        const running = await waitFor(context, this.run.signal, () => {
          const current = client.find(KUBEVIRT, 'virtualmachineinstances', namespace, vmi.name);
          const status = current?.status as { phase?: string; nodeName?: string } | undefined;
          if (status?.phase === 'Failed') throw new Error(`VMI ${namespace}/${vmi.name} failed`);
          return status?.phase === 'Running' ? status : undefined;
        });
        nodes[vmi.name] = running.nodeName ?? '';
      } catch (error) {
        throw new Error(
          `setup: failed to wait for VMI '${namespace}/${vmi.name}' IP address to appear on status: ${errorMessage(error)}`,
        );
      }
    }
    this.results.sourceNode = nodes[source.name] ?? '';
    this.results.targetNode = nodes[target.name] ?? '';
    return { source, target };
  }

  /** A command on a guest's serial console, as the checkup types it into `virtctl console`. */
  private async console(vmi: string, command: string, timeoutMs = 60_000) {
    const { client, namespace, context } = this.run;
    client.authorize({
      verb: 'get',
      apiGroup: 'subresources.kubevirt.io',
      resource: 'virtualmachineinstances',
      subresource: 'console',
      namespace,
      name: vmi,
    });
    const guestCommand = context.runtime.guestCommand?.bind(context.runtime);
    if (!guestCommand) throw new Error(NO_GUESTS);
    return guestCommand(`${namespace}/${vmi}`, command, { timeoutMs });
  }

  /** Logs in (waits for the shell), then brings the NIC with this MAC up with `address`. */
  private async configure(vmi: string, mac: string, address: string) {
    const deadline = withTimeout(this.run.signal, 3 * 60_000);
    for (;;) {
      try {
        await this.console(vmi, 'true', 30_000);
        break;
      } catch (error) {
        if (deadline.aborted)
          throw new Error(`failed to login to VMI ${vmi}: ${errorMessage(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    const script =
      `IF=$(for d in /sys/class/net/*; do [ "$(cat $d/address)" = "${mac}" ] && basename $d; done); ` +
      `[ -n "$IF" ] && ip link set "$IF" up && ip addr add ${address}/24 dev "$IF" && echo "configured $IF"`;
    const { output, exitCode } = await this.console(vmi, script);
    if (exitCode !== 0)
      throw new Error(
        `failed to configure the secondary interface of VMI ${vmi} (MAC ${mac}): ${output.trim()}`,
      );
    this.log(`VMI ${vmi}: ${output.trim().split('\n').pop() ?? ''} ${address}/24`);
  }

  private async measure(
    config: LatencyConfig,
    vmis: { source: { name: string; mac: string }; target: { name: string; mac: string } },
  ) {
    const hosts = [...randomBytes(2)].map((b) => 10 + (b % 120));
    const sourceIp = `${SUBNET}.${hosts[0] ?? 10}`;
    const targetIp = `${SUBNET}.${(hosts[1] ?? 10) + 120}`;
    try {
      await this.configure(vmis.source.name, vmis.source.mac, sourceIp);
      await this.configure(vmis.target.name, vmis.target.mac, targetIp);
    } catch (error) {
      throw new Error(`run: failed to run check: ${errorMessage(error)}`);
    }
    const seconds = config.sampleDurationSeconds;
    const command = `ping -w ${seconds} ${targetIp}`;
    this.log(`Running "${command}" on VMI ${vmis.source.name}`);
    const started = Date.now();
    let output: string;
    try {
      ({ output } = await this.console(vmis.source.name, command, (seconds + 60) * 1_000));
    } catch (error) {
      throw new Error(`run: failed to run check: ${errorMessage(error)}`);
    }
    const elapsedSeconds = Math.floor((Date.now() - started) / 1_000);
    this.log(output.trim());
    const ping = parsePing(output);
    if (ping.received === 0 || ping.maxNs === undefined)
      throw new Error(
        `run: failed to run check: failed due to connectivity issue: ${ping.transmitted} packets transmitted, 0 packets received`,
      );
    this.results.minLatencyNanoSec = String(ping.minNs ?? 0);
    this.results.avgLatencyNanoSec = String(ping.avgNs ?? 0);
    this.results.maxLatencyNanoSec = String(ping.maxNs);
    this.results.measurementDurationSec = String(Math.max(seconds, elapsedSeconds));
    this.log(
      `Latency: min ${formatGoDuration(ping.minNs ?? 0)}, avg ${formatGoDuration(ping.avgNs ?? 0)}, max ${formatGoDuration(ping.maxNs)}`,
    );
    const desired = config.maxDesiredLatencyMs;
    if (desired !== undefined && ping.maxNs > desired * 1e6)
      throw new Error(
        `run : actual max latency ${JSON.stringify(formatGoDuration(ping.maxNs))} is greater than desired ${JSON.stringify(formatGoDuration(desired * 1e6))}`,
      );
  }

  /** Deletes the VMIs and waits until they are gone. */
  private async teardown(): Promise<string | undefined> {
    const { client, namespace, context } = this.run;
    const errors: string[] = [];
    for (const name of this.created) {
      try {
        await client.delete(KUBEVIRT, 'virtualmachineinstances', namespace, name);
      } catch (error) {
        errors.push(`'${namespace}/${name}': ${errorMessage(error)}`);
      }
    }
    const signal = withTimeout(this.run.teardownSignal, TEARDOWN_TIMEOUT_MS);
    for (const name of this.created) {
      try {
        await waitFor(context, signal, () =>
          client.find(KUBEVIRT, 'virtualmachineinstances', namespace, name) ? undefined : true,
        );
        this.log(`VMI ${namespace}/${name} deleted`);
      } catch (error) {
        errors.push(`'${namespace}/${name}': ${errorMessage(error)}`);
      }
    }
    return errors.length ? `teardown: ${errors.join(', ')}` : undefined;
  }
}

export const latencyCheckup: Checkup = {
  type: 'kubevirt-vm-latency',
  title: 'Kubevirt VM latency',
  run: (run) => new LatencyCheck(run).execute(),
};
