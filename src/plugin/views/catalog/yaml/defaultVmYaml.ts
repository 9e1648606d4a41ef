import { parseDocument, stringify } from 'yaml';
import type { VirtualMachine } from '../../../api/types';

/**
 * Where "Create with YAML" starts (and the console's `console.yaml-template` for
 * VirtualMachines): a small Fedora VM from the cluster's boot source, with an instance type and
 * preference, stopped until the user starts it, with a cloud-init user.
 */
export const defaultVm = (namespace: string): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'example', namespace },
  spec: {
    runStrategy: 'Halted',
    instancetype: { kind: 'VirtualMachineClusterInstancetype', name: 'u1.small' },
    preference: { kind: 'VirtualMachineClusterPreference', name: 'fedora' },
    dataVolumeTemplates: [
      {
        metadata: { name: 'example-volume' },
        spec: {
          sourceRef: {
            kind: 'DataSource',
            name: 'fedora',
            namespace: 'openshift-virtualization-os-images',
          },
          storage: { resources: { requests: { storage: '30Gi' } } },
        },
      },
    ],
    template: {
      metadata: { labels: { 'kubevirt.io/domain': 'example' } },
      spec: {
        domain: { devices: {} },
        volumes: [
          { name: 'rootdisk', dataVolume: { name: 'example-volume' } },
          {
            name: 'cloudinitdisk',
            cloudInitNoCloud: {
              userData:
                '#cloud-config\nuser: fedora\npassword: change-me\nchpasswd: { expire: False }\n',
            },
          },
        ],
      },
    },
  },
});

/** The default VM as YAML text for `namespace`. */
export const defaultVmYaml = (namespace: string): string =>
  stringify(defaultVm(namespace), { lineWidth: 0 });

/** The console's `console.yaml-template` (the console sets the namespace itself). */
export const vmYamlTemplate = defaultVmYaml('default');

export type NewVmYaml =
  | { ok: true; vm: VirtualMachine }
  | {
      ok: false;
      kind: 'syntax' | 'not-an-object' | 'kind' | 'name' | 'namespace';
      message?: string;
      line?: number;
      column?: number;
    };

/**
 * The editor's text as the VM to create in `namespace`: syntax errors with their line and
 * column, and a clear refusal for a document that is not a named VirtualMachine of this project.
 */
export const parseNewVmYaml = (text: string, namespace: string): NewVmYaml => {
  const doc = parseDocument(text);
  const error = doc.errors[0];
  if (error) {
    const position = error.linePos?.[0];
    const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:$/, '');
    return { ok: false, kind: 'syntax', message, line: position?.line, column: position?.col };
  }
  const object: unknown = doc.toJS();
  if (!object || typeof object !== 'object' || Array.isArray(object))
    return { ok: false, kind: 'not-an-object' };
  const vm = object as VirtualMachine;
  if (vm.kind !== 'VirtualMachine' || !String(vm.apiVersion ?? '').startsWith('kubevirt.io/'))
    return { ok: false, kind: 'kind' };
  if (!vm.metadata?.name) return { ok: false, kind: 'name' };
  if (vm.metadata.namespace && vm.metadata.namespace !== namespace)
    return { ok: false, kind: 'namespace' };
  return { ok: true, vm: { ...vm, metadata: { ...vm.metadata, namespace } } };
};
