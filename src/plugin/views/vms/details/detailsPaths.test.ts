import { describe, expect, it } from 'vitest';
import { tabFromPath, vmListPath, vmRefFromPath, vmTabPath } from './detailsPaths';

describe('detailsPaths', () => {
  it('builds the console paths of the list and the tabs', () => {
    expect(vmListPath('ns1')).toBe('/k8s/ns/ns1/kubevirt.io~v1~VirtualMachine');
    expect(vmListPath()).toBe('/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine');
    expect(vmTabPath('ns1', 'vm1')).toBe('/k8s/ns/ns1/kubevirt.io~v1~VirtualMachine/vm1');
    expect(vmTabPath('ns1', 'vm1', 'overview')).toBe(
      '/k8s/ns/ns1/kubevirt.io~v1~VirtualMachine/vm1',
    );
    expect(vmTabPath('ns1', 'vm1', 'yaml')).toBe(
      '/k8s/ns/ns1/kubevirt.io~v1~VirtualMachine/vm1/yaml',
    );
  });

  it('reads the tab and its sub-path from the location, Overview by default', () => {
    const base = '/k8s/ns/ns1/kubevirt.io~v1~VirtualMachine/vm1';
    expect(tabFromPath(base, 'ns1', 'vm1')).toEqual({ tab: 'overview', rest: [] });
    expect(tabFromPath(`${base}/`, 'ns1', 'vm1')).toEqual({ tab: 'overview', rest: [] });
    expect(tabFromPath(`${base}/snapshots`, 'ns1', 'vm1')).toEqual({ tab: 'snapshots', rest: [] });
    expect(tabFromPath(`${base}/configuration/disks`, 'ns1', 'vm1')).toEqual({
      tab: 'configuration',
      rest: ['disks'],
    });
    expect(tabFromPath(`${base}/nonsense`, 'ns1', 'vm1')).toEqual({ tab: 'overview', rest: [] });
    expect(
      tabFromPath('/k8s/ns/ns1/kubevirt.io%7Ev1%7EVirtualMachine/vm1/events', 'ns1', 'vm1'),
    ).toEqual({ tab: 'events', rest: [] });
  });

  it('reads the VM from the URL when the page gets no props', () => {
    expect(vmRefFromPath('/k8s/ns/ns1/kubevirt.io~v1~VirtualMachine/vm1/yaml')).toEqual({
      namespace: 'ns1',
      name: 'vm1',
    });
    expect(vmRefFromPath('/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine')).toBeUndefined();
  });
});
