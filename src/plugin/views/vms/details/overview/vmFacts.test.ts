import { describe, expect, it } from 'vitest';
import { makeVm, makeVmi, NAME, NS } from '../testSupport';
import { disks, internalFQDN, networkInterfaces, vmOperatingSystem, vmTemplate } from './vmFacts';

describe('vmFacts', () => {
  it('reads the OS from the guest agent first, then the preference, then labels', () => {
    const vm = makeVm();
    const vmi = makeVmi();
    vmi.status!.guestOSInfo = { prettyName: 'Fedora Linux 40 (Server Edition)' };
    expect(vmOperatingSystem(vm, vmi)).toEqual({
      name: 'Fedora Linux 40 (Server Edition)',
      source: 'guest',
    });
    vm.spec!.preference = { name: 'fedora' };
    expect(vmOperatingSystem(vm)).toEqual({ name: 'fedora', source: 'preference' });
    delete vm.spec!.preference;
    vm.metadata!.labels = { 'os.template.kubevirt.io/fedora40': 'true' };
    expect(vmOperatingSystem(vm)).toEqual({ name: 'fedora40', source: 'label' });
  });

  it('builds the internal FQDN only with a subdomain', () => {
    const vm = makeVm();
    expect(internalFQDN(vm)).toBeUndefined();
    vm.spec!.template!.spec!.subdomain = 'headless';
    vm.spec!.template!.spec!.hostname = 'web';
    expect(internalFQDN(vm)).toBe(`web.headless.${NS}.svc.cluster.local`);
  });

  it('joins NICs with their networks and the guest addresses, disks with their claims', () => {
    const vm = makeVm();
    expect(vmTemplate(vm)).toBe('openshift/fedora-server-small');
    expect(networkInterfaces(vm, makeVmi())).toEqual([
      {
        name: 'default',
        model: 'virtio',
        binding: 'masquerade',
        network: 'pod',
        mac: '02:00:00:00:00:01',
        ips: ['10.0.2.15'],
      },
    ]);
    const claim = {
      metadata: { name: `${NAME}-rootdisk` },
      spec: { storageClassName: 'local' },
      status: { capacity: { storage: '30Gi' } },
    };
    expect(disks(vm, [claim], [])).toEqual([
      {
        name: 'rootdisk',
        drive: 'disk',
        interface: 'virtio',
        size: '30Gi',
        storageClass: 'local',
        source: { kind: 'dataVolume', detail: `${NAME}-rootdisk` },
      },
    ]);
  });
});
