// The BFF's VM index vs listing everything and filtering in the client, at 10k and 100k VMs.
// No cluster: synthetic VMs and VMIs go straight into the index (as its watch would feed them);
// the client side parses the same objects as JSON, joins, filters, sorts and slices.
// Prints the figures and writes them to docs/benchmarks.md. Run: npm run bench:vms
import { performance } from 'node:perf_hooks';
import type { KubevirtObject } from '../src/bff/vms/summary';
import { VmIndex } from '../src/bff/vms/vmIndex';
import type { VmQuery } from '../src/bff/vms/query';
import { writeBenchmarkSection } from './lib/benchmarksDoc';

const STATUSES = ['Running', 'Running', 'Running', 'Stopped', 'Paused', 'Migrating', 'Error'];
const OSES = ['fedora', 'rhel9', 'centos-stream9', 'windows2k22'];
const NAMESPACES = 100;

/** Deterministic pseudo-random numbers, so every run measures the same data. */
const random = (() => {
  let seed = 42;
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
})();
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;

const synthesize = (count: number) => {
  // Whole objects as the API serves them; the index reads only some fields.
  const vms: object[] = [];
  const vmis: object[] = [];
  for (let i = 0; i < count; i++) {
    const namespace = `project-${String(i % NAMESPACES).padStart(3, '0')}`;
    const name = `${pick(['web', 'db', 'cache', 'batch'])}-${String(i).padStart(6, '0')}`;
    const status = pick(STATUSES);
    const os = pick(OSES);
    const created = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 3e10)).toISOString();
    vms.push({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: {
        name,
        namespace,
        uid: `uid-${i}`,
        resourceVersion: String(i + 1),
        creationTimestamp: created,
        labels: { app: name.split('-')[0] ?? '', 'kubevirt.io/os': os, tier: pick(['a', 'b']) },
        annotations: { 'vm.kubevirt.io/os': os, description: 'A synthetic VM for the benchmark.' },
      },
      spec: {
        runStrategy: status === 'Stopped' ? 'Halted' : 'Always',
        instancetype: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.medium' },
        preference: { kind: 'VirtualMachineClusterPreference', name: os },
        template: {
          metadata: { labels: { 'kubevirt.io/domain': name, 'kubevirt.io/os': os } },
          spec: {
            domain: {
              devices: {
                disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }],
                interfaces: [{ name: 'default', masquerade: {} }],
              },
            },
            networks: [{ name: 'default', pod: {} }],
            volumes: [{ name: 'rootdisk', dataVolume: { name: `${name}-root` } }],
          },
        },
      },
      status: {
        printableStatus: status,
        ready: status === 'Running',
        conditions: [{ type: 'Ready', status: status === 'Running' ? 'True' : 'False' }],
      },
    });
    if (status === 'Stopped') continue;
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    vmis.push({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstance',
      metadata: {
        name,
        namespace,
        uid: `vmi-${i}`,
        creationTimestamp: created,
        ownerReferences: [{ kind: 'VirtualMachine', name, controller: true }],
      },
      spec: { domain: { cpu: { cores: 1, sockets: 2, threads: 1 }, memory: { guest: '4Gi' } } },
      status: {
        phase: status === 'Paused' ? 'Running' : status === 'Error' ? 'Failed' : 'Running',
        nodeName: `worker-${i % 12}`,
        interfaces: [{ name: 'default', ipAddress: ip, ipAddresses: [ip] }],
        guestOSInfo: { id: os, prettyName: `${os} (guest)` },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    });
  }
  return { vms: vms as KubevirtObject[], vmis: vmis as KubevirtObject[] };
};

/** What a client does without the index: parse both lists, join, filter, sort, take a page. */
const clientPage = (vmsJSON: string, vmisJSON: string, namespaces?: Set<string>) => {
  type Raw = KubevirtObject & { metadata: { name: string; namespace: string } };
  const vms = (JSON.parse(vmsJSON) as { items: Raw[] }).items;
  const vmis = new Map(
    (JSON.parse(vmisJSON) as { items: Raw[] }).items.map((vmi) => [
      `${vmi.metadata.namespace}/${vmi.metadata.name}`,
      vmi,
    ]),
  );
  const rows = vms
    .filter((vm) => !namespaces || namespaces.has(vm.metadata.namespace))
    .map((vm) => ({ vm, vmi: vmis.get(`${vm.metadata.namespace}/${vm.metadata.name}`) }))
    .filter(
      ({ vm }) => vm.status?.printableStatus === 'Running' && vm.metadata.name.includes('web'),
    )
    .sort((a, b) =>
      (b.vm.metadata.creationTimestamp ?? '').localeCompare(a.vm.metadata.creationTimestamp ?? ''),
    );
  return { total: rows.length, items: rows.slice(0, 50) };
};

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const time = (run: () => unknown, times: number) =>
  median(
    Array.from({ length: times }, () => {
      const start = performance.now();
      run();
      return performance.now() - start;
    }),
  );
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

const QUERY: VmQuery = {
  status: ['Running'],
  text: 'web',
  sort: 'created',
  order: 'desc',
  limit: 50,
};
const ONE_PROJECT = new Set(['project-007']);

const lines: string[][] = [
  [
    'VMs',
    'index page',
    'index page, 1st sort',
    'index page after a change',
    'index, one project',
    'client: parse+filter+sort',
    'client, one project',
    'ratio',
    'list JSON',
  ],
];
for (const count of [10_000, 100_000]) {
  const { vms, vmis } = synthesize(count);
  const index = new VmIndex();
  const loadStart = performance.now();
  index.replace('vm', vms);
  index.replace('vmi', vmis);
  const load = performance.now() - loadStart;

  const cold = time(() => index.query(QUERY, 'all'), 1);
  const vmsJSON = JSON.stringify({ kind: 'VirtualMachineList', items: vms });
  const vmisJSON = JSON.stringify({ kind: 'VirtualMachineInstanceList', items: vmis });
  const expected = clientPage(vmsJSON, vmisJSON).total;
  if (index.query(QUERY, 'all').total !== expected)
    console.warn('(the index and the client differ)');
  const warm = time(() => index.query(QUERY, 'all'), 25);
  let flip = 0;
  const changed = time(() => {
    const vm = vms[flip++ % vms.length] as KubevirtObject & { status: { printableStatus: string } };
    index.apply('vm', 'MODIFIED', {
      ...vm,
      status: { ...vm.status, printableStatus: flip % 2 ? 'Stopping' : 'Running' },
    });
    index.query(QUERY, 'all');
  }, 25);
  const scoped = time(() => index.query(QUERY, ONE_PROJECT), 25);

  const client = time(() => clientPage(vmsJSON, vmisJSON), 3);
  const clientScoped = time(() => clientPage(vmsJSON, vmisJSON, ONE_PROJECT), 3);

  lines.push([
    count.toLocaleString('en'),
    ms(warm),
    ms(cold),
    ms(changed),
    ms(scoped),
    ms(client),
    ms(clientScoped),
    `${Math.round(client / warm)}×`,
    `${((vmsJSON.length + vmisJSON.length) / 2 ** 20).toFixed(0)} MiB`,
  ]);
  console.log(
    `${count.toLocaleString('en')} VMs: index loaded in ${ms(load)}, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
}

const widths =
  lines[0]?.map((_, column) => Math.max(...lines.map((line) => line[column]?.length ?? 0))) ?? [];
console.log(
  `\nOne page: status=Running, name contains "web", newest first, 50 rows (medians; client: 3 runs).\n`,
);
for (const line of lines)
  console.log(line.map((cell, at) => cell.padStart(widths[at] ?? 0)).join('  '));

// The same table in docs/benchmarks.md, replacing this benchmark's previous section.
const table = lines.map((line) => `| ${line.join(' | ')} |`);
table.splice(1, 0, `|${lines[0]?.map(() => ' --- |').join('') ?? ''}`);
const written = await writeBenchmarkSection(
  'BFF: the VM index',
  `Measured by \`npm run bench:vms\` on ${new Date().toISOString().slice(0, 10)} (2 cores). One page: status Running, name contains "web", newest first, 50 rows; medians. The baseline, measured in the same run on the same data, is what a client without the index does: parse the VM and VMI lists and filter, join and sort them itself.\n\n${table.join('\n')}`,
);
console.log(`\nWritten to ${written}`);
