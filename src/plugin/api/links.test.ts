import { describe, expect, it } from 'vitest';
import { resourceListPath, resourcePath, vmDetailsPath, vmListPath } from './links';
import { DataVolumeModel, NodeModel, PodModel } from './models';

describe('links in the console URL scheme', () => {
  it('points at the VirtualMachines list of a project or of all projects', () => {
    expect(vmListPath('team-a')).toBe('/k8s/ns/team-a/kubevirt.io~v1~VirtualMachine');
    expect(vmListPath()).toBe('/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine');
    expect(vmListPath('#ALL_NS#')).toBe('/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine');
  });

  it('points at a VM and its tabs', () => {
    expect(vmDetailsPath('ns', 'fedora')).toBe('/k8s/ns/ns/kubevirt.io~v1~VirtualMachine/fedora');
    expect(vmDetailsPath('ns', 'fedora', 'yaml')).toBe(
      '/k8s/ns/ns/kubevirt.io~v1~VirtualMachine/fedora/yaml',
    );
  });

  it('names core kinds by plural and cluster kinds under /k8s/cluster', () => {
    expect(resourcePath(PodModel, 'ns', 'virt-launcher-x')).toBe('/k8s/ns/ns/pods/virt-launcher-x');
    expect(resourcePath(NodeModel, undefined, 'node-1')).toBe('/k8s/cluster/nodes/node-1');
    expect(resourcePath(DataVolumeModel, 'ns', 'disk')).toBe(
      '/k8s/ns/ns/cdi.kubevirt.io~v1beta1~DataVolume/disk',
    );
    expect(resourceListPath(PodModel, 'ns')).toBe('/k8s/ns/ns/pods');
  });
});
