import { describe, expect, it } from 'vitest';
import type { Template } from '../../../api/types';
import { templateQuotaDraft } from './templateQuotaDraft';
import { vmDemand } from './vmDemand';

const template = {
  apiVersion: 'template.openshift.io/v1',
  kind: 'Template',
  metadata: { name: 'fedora-server-small', namespace: 'openshift' },
  objects: [
    {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: '${NAME}' },
      spec: {
        running: false,
        dataVolumeTemplates: [
          {
            metadata: { name: '${NAME}' },
            spec: { storage: { resources: { requests: { storage: '30Gi' } } } },
          },
        ],
        template: {
          spec: { domain: { cpu: { cores: 1 }, memory: { guest: '${MEMORY}' }, devices: {} } },
        },
      },
    },
  ],
  parameters: [{ name: 'NAME' }, { name: 'MEMORY', value: '2Gi' }],
} as unknown as Template;

describe('templateQuotaDraft', () => {
  it("places the template's VM in the project, started as the drawer says", () => {
    const draft = templateQuotaDraft(template, 'dev', true);
    expect(draft?.vm.metadata?.namespace).toBe('dev');
    expect(draft?.vm.spec?.runStrategy).toBe('Always');
    expect(draft?.vm.spec?.running).toBeUndefined();
    const demand = vmDemand(draft!);
    // The disk counts; memory still a parameter counts as nothing rather than a guess.
    expect(demand.claims).toEqual([{ storageClass: undefined, bytes: 30 * 2 ** 30 }]);
    expect(demand.memory).toBe(0);
    expect(demand.cpu).toBe(0.1);
  });

  it('gives nothing without a project or a VM', () => {
    expect(templateQuotaDraft(template, '', true)).toBeUndefined();
    expect(templateQuotaDraft({ ...template, objects: [] }, 'dev', true)).toBeUndefined();
  });
});
