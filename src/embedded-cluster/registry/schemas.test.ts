import type { JSONSchemaProps, ResourceType } from '../types';
import fedoraFromInstancetype from './fixtures/fedora-vm-instancetype.json';
import fedoraFromTemplate from './fixtures/fedora-vm-template.json';
import { allResourceTypes, findType } from './index';
import { QUANTITY_PATTERN } from './schema';

const types = allResourceTypes();

const typeOf = (group: string, version: string, plural: string): ResourceType => {
  const rt = findType(types, { group, version, plural });
  if (!rt) throw new Error(`no ${plural}.${group}`);
  return rt;
};

/**
 * A small stand-in for the admission validator: walks a value against a structural schema
 * and reports unknown fields, wrong types, enum and pattern misses and missing required
 * fields, with Kubernetes-style field paths.
 */
const problems = (schema: JSONSchemaProps, value: unknown, path = ''): string[] => {
  const at = path || '<root>';
  if (value === null) return schema.nullable ? [] : [`${at}: must not be null`];
  if (schema['x-kubernetes-int-or-string']) {
    if (typeof value === 'number')
      return Number.isInteger(value) ? [] : [`${at}: must be an integer or string`];
    if (typeof value !== 'string') return [`${at}: must be an integer or string`];
    return schema.pattern && !new RegExp(schema.pattern).test(value)
      ? [`${at}: does not match ${schema.pattern}`]
      : [];
  }
  const found: string[] = [];
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return [`${at}: must be a string`];
      if (schema.pattern && !new RegExp(schema.pattern).test(value))
        found.push(`${at}: does not match pattern`);
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return [`${at}: must be an integer`];
      break;
    case 'number':
      if (typeof value !== 'number') return [`${at}: must be a number`];
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return [`${at}: must be a boolean`];
      break;
    case 'array':
      if (!Array.isArray(value)) return [`${at}: must be an array`];
      if (schema.maxItems !== undefined && value.length > schema.maxItems)
        found.push(`${at}: too many items`);
      value.forEach((item, i) =>
        found.push(...problems(schema.items ?? {}, item, `${path}[${i}]`)),
      );
      return found;
    case 'object':
    case undefined: {
      if (typeof value !== 'object' || Array.isArray(value)) {
        return schema.type ? [`${at}: must be an object`] : [];
      }
      const record = value as Record<string, unknown>;
      for (const name of schema.required ?? []) {
        if (record[name] === undefined) found.push(`${path}.${name}: Required value`);
      }
      for (const [name, child] of Object.entries(record)) {
        const childPath = `${path}.${name}`;
        const declared = schema.properties?.[name];
        if (declared) found.push(...problems(declared, child, childPath));
        else if (typeof schema.additionalProperties === 'object') {
          found.push(...problems(schema.additionalProperties, child, childPath));
        } else if (
          !schema['x-kubernetes-preserve-unknown-fields'] &&
          schema.additionalProperties !== true
        ) {
          found.push(`${childPath}: unknown field`);
        }
      }
      return found;
    }
  }
  if (schema.enum && !schema.enum.includes(value))
    found.push(`${at}: Unsupported value ${JSON.stringify(value)}`);
  return found;
};

const check = (rt: ResourceType, object: unknown): string[] => problems(rt.schema ?? {}, object);

const vmType = typeOf('kubevirt.io', 'v1', 'virtualmachines');

const withSpec = (spec: Record<string, unknown>) => ({ ...fedoraFromInstancetype, spec });

describe('the VirtualMachine schema', () => {
  it('accepts a VM as the console creates it from an instance type', () => {
    expect(check(vmType, fedoraFromInstancetype)).toEqual([]);
  });

  it('accepts a VM created from a common template, with devices, firmware and networks', () => {
    expect(check(vmType, fedoraFromTemplate)).toEqual([]);
  });

  it('refuses a typo at the top of spec, where fieldValidation=Strict must catch it', () => {
    const { runStrategy, ...rest } = fedoraFromInstancetype.spec;
    expect(check(vmType, withSpec({ ...rest, runnning: runStrategy === 'Always' }))).toEqual([
      '.spec.runnning: unknown field',
    ]);
  });

  it('refuses typos deep in the VMI template', () => {
    const vm = structuredClone(fedoraFromTemplate);
    const devices = vm.spec.template.spec.domain.devices as Record<string, unknown>;
    devices.autoattachGraphicsDevices = false;
    expect(check(vmType, vm)).toEqual([
      '.spec.template.spec.domain.devices.autoattachGraphicsDevices: unknown field',
    ]);
  });

  it('refuses values outside the enums KubeVirt knows', () => {
    const vm = structuredClone(fedoraFromTemplate);
    (vm.spec as Record<string, unknown>).runStrategy = 'Sometimes';
    vm.spec.template.spec.domain.devices.disks.splice(0, 1, {
      name: 'rootdisk',
      disk: { bus: 'ide' },
    });
    vm.spec.template.spec.evictionStrategy = 'Migrate';
    expect(check(vmType, vm)).toEqual([
      '.spec.template.spec.domain.devices.disks[0].disk.bus: Unsupported value "ide"',
      '.spec.template.spec.evictionStrategy: Unsupported value "Migrate"',
      '.spec.runStrategy: Unsupported value "Sometimes"',
    ]);
  });

  it('requires the template, disk names and a DataVolume source reference kind', () => {
    const { template: _template, ...withoutTemplate } = fedoraFromInstancetype.spec;
    expect(check(vmType, withSpec(withoutTemplate))).toEqual(['.spec.template: Required value']);
    const vm = structuredClone(fedoraFromInstancetype);
    const dataVolume = vm.spec.dataVolumeTemplates[0]?.spec as Record<string, unknown>;
    dataVolume.sourceRef = { name: 'fedora' };
    expect(check(vmType, vm)).toEqual([
      '.spec.dataVolumeTemplates[0].spec.sourceRef.kind: Required value',
    ]);
    const disks = structuredClone(fedoraFromTemplate);
    delete (disks.spec.template.spec.domain.devices.disks[1] as { name?: string }).name;
    expect(check(vmType, disks)).toEqual([
      '.spec.template.spec.domain.devices.disks[1].name: Required value',
    ]);
  });

  it('takes memory as a quantity, as a string or a number', () => {
    const vm = structuredClone(fedoraFromTemplate);
    const memory = vm.spec.template.spec.domain.memory as Record<string, unknown>;
    memory.guest = 2147483648;
    expect(check(vmType, vm)).toEqual([]);
    memory.guest = 'two gigs';
    expect(check(vmType, vm)).toEqual([
      '.spec.template.spec.domain.memory.guest: does not match ' + QUANTITY_PATTERN,
    ]);
  });

  it('describes the fields kubectl explain shows', () => {
    const spec = vmType.schema?.properties?.spec;
    expect(spec?.properties?.runStrategy?.description).toMatch(/Always/);
    expect(spec?.properties?.running?.description).toMatch(/Deprecated/);
    expect(spec?.properties?.dataVolumeTemplates?.description).toBeTruthy();
    expect(
      spec?.properties?.template?.properties?.spec?.properties?.domain?.description,
    ).toBeTruthy();
  });
});

describe('other virtualization schemas accept what OpenShift Virtualization writes', () => {
  const metadata = { name: 'example', namespace: 'default' };

  it.each([
    [
      'a VMI',
      typeOf('kubevirt.io', 'v1', 'virtualmachineinstances'),
      {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachineInstance',
        metadata,
        spec: fedoraFromTemplate.spec.template.spec,
        status: {
          phase: 'Running',
          nodeName: 'embedded-node',
          interfaces: [
            {
              name: 'default',
              ipAddress: '10.0.2.2',
              ipAddresses: ['10.0.2.2'],
              mac: '02:c8:2a:00:00:02',
            },
          ],
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: '2025-01-14T09:12:44Z',
            },
          ],
        },
      },
    ],
    [
      'an upload DataVolume',
      typeOf('cdi.kubevirt.io', 'v1beta1', 'datavolumes'),
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata,
        spec: {
          source: { upload: {} },
          storage: {
            resources: { requests: { storage: '5Gi' } },
            storageClassName: 'embedded-local',
          },
          contentType: 'kubevirt',
        },
        status: { phase: 'UploadReady', progress: 'N/A', restartCount: 0, claimName: 'example' },
      },
    ],
    [
      'an HTTP import DataVolume with the PVC API',
      typeOf('cdi.kubevirt.io', 'v1beta1', 'datavolumes'),
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata,
        spec: {
          source: {
            http: {
              url: 'https://download.fedoraproject.org/fedora.qcow2',
              certConfigMap: 'tls-certs',
            },
          },
          pvc: {
            accessModes: ['ReadWriteOnce'],
            volumeMode: 'Filesystem',
            resources: { requests: { storage: '10Gi' } },
          },
          preallocation: true,
        },
      },
    ],
    [
      'a DataSource',
      typeOf('cdi.kubevirt.io', 'v1beta1', 'datasources'),
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataSource',
        metadata: { name: 'fedora', namespace: 'openshift-virtualization-os-images' },
        spec: {
          source: {
            snapshot: { name: 'fedora-3b1a', namespace: 'openshift-virtualization-os-images' },
          },
        },
      },
    ],
    [
      'a DataImportCron',
      typeOf('cdi.kubevirt.io', 'v1beta1', 'dataimportcrons'),
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataImportCron',
        metadata: { name: 'fedora-image-cron', namespace: 'openshift-virtualization-os-images' },
        spec: {
          garbageCollect: 'Outdated',
          importsToKeep: 3,
          managedDataSource: 'fedora',
          schedule: '0 */12 * * *',
          template: {
            spec: {
              source: {
                registry: {
                  url: 'docker://quay.io/containerdisks/fedora:latest',
                  pullMethod: 'node',
                },
              },
              storage: { resources: { requests: { storage: '30Gi' } } },
            },
          },
        },
      },
    ],
    [
      'an instance type',
      typeOf('instancetype.kubevirt.io', 'v1beta1', 'virtualmachineclusterinstancetypes'),
      {
        apiVersion: 'instancetype.kubevirt.io/v1beta1',
        kind: 'VirtualMachineClusterInstancetype',
        metadata: {
          name: 'u1.medium',
          labels: { 'instancetype.kubevirt.io/class': 'general.purpose' },
        },
        spec: { cpu: { guest: 1 }, memory: { guest: '4Gi' } },
      },
    ],
    [
      'a preference',
      typeOf('instancetype.kubevirt.io', 'v1beta1', 'virtualmachineclusterpreferences'),
      {
        apiVersion: 'instancetype.kubevirt.io/v1beta1',
        kind: 'VirtualMachineClusterPreference',
        metadata: { name: 'fedora' },
        spec: {
          annotations: { 'vm.kubevirt.io/os': 'linux' },
          devices: {
            preferredDiskBus: 'virtio',
            preferredInterfaceModel: 'virtio',
            preferredRng: {},
          },
          features: { preferredSmm: {} },
          firmware: { preferredEfi: { secureBoot: true } },
          preferredArchitecture: 'amd64',
          requirements: { architecture: 'amd64', cpu: { guest: 1 }, memory: { guest: '2Gi' } },
        },
      },
    ],
    [
      'a VM snapshot',
      typeOf('snapshot.kubevirt.io', 'v1beta1', 'virtualmachinesnapshots'),
      {
        apiVersion: 'snapshot.kubevirt.io/v1beta1',
        kind: 'VirtualMachineSnapshot',
        metadata,
        spec: {
          source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'fedora' },
          failureDeadline: '5m',
        },
        status: { phase: 'Succeeded', readyToUse: true, indications: ['Online', 'GuestAgent'] },
      },
    ],
    [
      'a restore',
      typeOf('snapshot.kubevirt.io', 'v1beta1', 'virtualmachinerestores'),
      {
        apiVersion: 'snapshot.kubevirt.io/v1beta1',
        kind: 'VirtualMachineRestore',
        metadata,
        spec: {
          target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'fedora' },
          virtualMachineSnapshotName: 'fedora-snap',
        },
      },
    ],
    [
      'a clone',
      typeOf('clone.kubevirt.io', 'v1beta1', 'virtualmachineclones'),
      {
        apiVersion: 'clone.kubevirt.io/v1beta1',
        kind: 'VirtualMachineClone',
        metadata,
        spec: {
          source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'fedora' },
          target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'fedora-clone' },
          labelFilters: ['*', '!kubevirt.io/domain'],
          newMacAddresses: { default: '' },
        },
      },
    ],
    [
      'an export',
      typeOf('export.kubevirt.io', 'v1beta1', 'virtualmachineexports'),
      {
        apiVersion: 'export.kubevirt.io/v1beta1',
        kind: 'VirtualMachineExport',
        metadata,
        spec: {
          source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'fedora' },
          ttlDuration: '2h',
        },
      },
    ],
    [
      'a migration policy',
      typeOf('migrations.kubevirt.io', 'v1alpha1', 'migrationpolicies'),
      {
        apiVersion: 'migrations.kubevirt.io/v1alpha1',
        kind: 'MigrationPolicy',
        metadata: { name: 'fast' },
        spec: {
          selectors: {
            namespaceSelector: { tier: 'gold' },
            virtualMachineInstanceSelector: { workload: 'db' },
          },
          allowAutoConverge: true,
          bandwidthPerMigration: '1Gi',
          completionTimeoutPerGiB: 300,
          allowPostCopy: false,
        },
      },
    ],
    [
      'a live migration',
      typeOf('kubevirt.io', 'v1', 'virtualmachineinstancemigrations'),
      {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachineInstanceMigration',
        metadata: { ...metadata, generateName: 'fedora-migration-' },
        spec: { vmiName: 'fedora' },
      },
    ],
    [
      'an upload token request',
      typeOf('upload.cdi.kubevirt.io', 'v1beta1', 'uploadtokenrequests'),
      {
        apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
        kind: 'UploadTokenRequest',
        metadata,
        spec: { pvcName: 'fedora-upload' },
      },
    ],
    [
      'the HyperConverged object',
      typeOf('hco.kubevirt.io', 'v1beta1', 'hyperconvergeds'),
      {
        apiVersion: 'hco.kubevirt.io/v1beta1',
        kind: 'HyperConverged',
        metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
        spec: {
          featureGates: {
            enableCommonBootImageImport: true,
            persistentReservation: false,
            VMPersistentState: true,
          },
          liveMigrationConfig: {
            parallelMigrationsPerCluster: 5,
            parallelOutboundMigrationsPerNode: 2,
            completionTimeoutPerGiB: 800,
            progressTimeout: 150,
            bandwidthPerMigration: '64Mi',
            network: 'migration-net',
          },
          dataImportCronTemplates: [
            {
              metadata: {
                name: 'centos7-image-cron',
                annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
              },
              spec: {
                schedule: '0 */12 * * *',
                managedDataSource: 'centos7',
                retentionPolicy: 'None',
                template: {
                  spec: {
                    source: { registry: { url: 'docker://quay.io/containerdisks/centos:7-2009' } },
                    storage: { resources: { requests: { storage: '10Gi' } } },
                  },
                },
              },
            },
          ],
          resourceRequirements: { vmiCPUAllocationRatio: 10 },
          workloadUpdateStrategy: {
            workloadUpdateMethods: ['LiveMigrate'],
            batchEvictionSize: 10,
            batchEvictionInterval: '1m0s',
          },
          virtualMachineOptions: { disableSerialConsoleLog: false },
          ksmConfiguration: { nodeLabelSelector: {} },
          filesystemOverhead: { global: '0.07', storageClass: { 'embedded-local': '0.04' } },
          evictionStrategy: 'LiveMigrate',
        },
        status: {
          conditions: [
            {
              type: 'Available',
              status: 'True',
              reason: 'ReconcileCompleted',
              message: 'Reconcile completed successfully',
            },
          ],
          versions: [{ name: 'operator', version: '4.16.0' }],
        },
      },
    ],
  ] as const)('%s', (_, rt, object) => {
    expect(check(rt, object)).toEqual([]);
  });

  it('refuses an unknown HyperConverged setting but keeps unknown feature gates', () => {
    const hco = typeOf('hco.kubevirt.io', 'v1beta1', 'hyperconvergeds');
    expect(
      check(hco, {
        apiVersion: 'hco.kubevirt.io/v1beta1',
        kind: 'HyperConverged',
        metadata: {},
        spec: { liveMigrationConfg: {} },
      }),
    ).toEqual(['.spec.liveMigrationConfg: unknown field']);
  });

  it('refuses a DataVolume with an unknown source type', () => {
    const dv = typeOf('cdi.kubevirt.io', 'v1beta1', 'datavolumes');
    expect(
      check(dv, {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: {},
        spec: { source: { ftp: {} } },
      }),
    ).toEqual(['.spec.source.ftp: unknown field']);
  });
});

describe('core schemas', () => {
  it('accept a pod and mark its lists for strategic merge', () => {
    const pod = typeOf('', 'v1', 'pods');
    expect(
      check(pod, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'virt-launcher-fedora-abcde',
          labels: { 'kubevirt.io': 'virt-launcher' },
        },
        spec: {
          containers: [
            {
              name: 'compute',
              image: 'virt-launcher',
              env: [{ name: 'A', value: 'b' }],
              ports: [{ containerPort: 5900 }],
            },
          ],
          volumes: [{ name: 'private', emptyDir: {} }],
          nodeName: 'embedded-node',
        },
        status: {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          podIPs: [{ ip: '10.0.2.2' }],
        },
      }),
    ).toEqual([]);
    const spec = pod.schema?.properties?.spec?.properties;
    expect(spec?.containers?.['x-kubernetes-patch-merge-key']).toBe('name');
    expect(spec?.volumes?.['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(spec?.containers?.items?.properties?.env?.['x-kubernetes-patch-merge-key']).toBe('name');
  });

  it('refuse a ConfigMap typo at the top level', () => {
    const cm = typeOf('', 'v1', 'configmaps');
    expect(
      check(cm, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, dat: { a: 'b' } }),
    ).toEqual(['.dat: unknown field']);
  });

  it('keep PVC sizes growable but the rest of the claim fixed', () => {
    const pvc = typeOf('', 'v1', 'persistentvolumeclaims');
    expect(pvc.immutableFields).toEqual(
      expect.arrayContaining(['/spec/accessModes', '/spec/storageClassName', '/spec/volumeMode']),
    );
    expect(pvc.immutableFields).not.toContain('/spec/resources');
  });
});
