import { describe, expect, it } from 'vitest';
import {
  apiPath,
  apiVersionOf,
  modelLabel,
  modelReference,
  NodeModel,
  PodModel,
  VirtualMachineInstanceModel,
  VirtualMachineModel,
} from './models';

describe('apiPath', () => {
  it('builds collection, object and subresource paths of a group kind', () => {
    expect(apiPath(VirtualMachineModel, {})).toBe('/apis/kubevirt.io/v1/virtualmachines');
    expect(apiPath(VirtualMachineModel, { namespace: 'ns' })).toBe(
      '/apis/kubevirt.io/v1/namespaces/ns/virtualmachines',
    );
    expect(apiPath(VirtualMachineModel, { namespace: 'ns', name: 'name' })).toBe(
      '/apis/kubevirt.io/v1/namespaces/ns/virtualmachines/name',
    );
    expect(
      apiPath(VirtualMachineInstanceModel, { namespace: 'ns', name: 'vm', subresource: 'vnc' }),
    ).toBe('/apis/kubevirt.io/v1/namespaces/ns/virtualmachineinstances/vm/vnc');
  });

  it('uses /api for the core group and leaves the namespace out of cluster kinds', () => {
    expect(apiPath(PodModel, { namespace: 'ns', name: 'p' })).toBe('/api/v1/namespaces/ns/pods/p');
    expect(apiPath(NodeModel, { namespace: 'ns', name: 'n1' })).toBe('/api/v1/nodes/n1');
  });

  it('takes the console\'s "All projects" as no namespace', () => {
    expect(apiPath(VirtualMachineModel, { namespace: '#ALL_NS#' })).toBe(
      '/apis/kubevirt.io/v1/virtualmachines',
    );
  });

  it('encodes what it puts in the path', () => {
    expect(apiPath(PodModel, { namespace: 'a/b', name: '..' })).toBe(
      '/api/v1/namespaces/a%2Fb/pods/..',
    );
  });
});

describe('model names', () => {
  it('gives apiVersion, the console reference and the translated label', () => {
    expect(apiVersionOf(VirtualMachineModel)).toBe('kubevirt.io/v1');
    expect(apiVersionOf(PodModel)).toBe('v1');
    expect(modelReference(VirtualMachineModel)).toBe('kubevirt.io~v1~VirtualMachine');
    expect(modelReference(PodModel)).toBe('core~v1~Pod');
    expect(modelLabel((key) => `<${key}>`, VirtualMachineModel)).toBe('<VirtualMachine>');
  });
});
