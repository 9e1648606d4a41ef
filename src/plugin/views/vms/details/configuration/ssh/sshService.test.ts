import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import { vmWith } from '../initialRun/testVms';
import {
  buildSshService,
  managedSshServiceOf,
  sshSelectorOf,
  sshServiceName,
  sshServiceTypeOf,
} from './sshService';

describe('SSH service', () => {
  it('names the service after the VM, as a valid Service name', () => {
    expect(sshServiceName('fedora-vm')).toBe('fedora-vm-ssh-service');
    expect(sshServiceName('1st-vm')).toBe('vm-1st-vm-ssh-service');
    const long = sshServiceName('a'.repeat(63));
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long.endsWith('-ssh-service')).toBe(true);
  });

  it('selects the pod with a template label naming the VM', () => {
    expect(sshSelectorOf(makeVm())).toEqual({
      selector: { 'kubevirt.io/domain': 'fedora-vm' },
      labelOps: [],
    });
  });

  it('adds vm.kubevirt.io/name to the template when no label names the VM', () => {
    const vm = vmWith((_, copy) => {
      copy.spec!.template!.metadata = { labels: { 'kubevirt.io/domain': 'something-else' } };
    });
    expect(sshSelectorOf(vm)).toEqual({
      selector: { 'vm.kubevirt.io/name': 'fedora-vm' },
      labelOps: [
        {
          op: 'add',
          path: '/spec/template/metadata/labels/vm.kubevirt.io~1name',
          value: 'fedora-vm',
        },
      ],
    });
    const bare = vmWith((_, copy) => {
      delete copy.spec!.template!.metadata;
    });
    expect(sshSelectorOf(bare).labelOps).toEqual([
      {
        op: 'add',
        path: '/spec/template/metadata',
        value: { labels: { 'vm.kubevirt.io/name': 'fedora-vm' } },
      },
    ]);
  });

  it('builds a Service forwarding port 22', () => {
    expect(buildSshService(makeVm(), 'NodePort', { 'kubevirt.io/domain': 'fedora-vm' })).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'fedora-vm-ssh-service',
        namespace: 'demo',
        labels: { 'vm.kubevirt.io/name': 'fedora-vm' },
      },
      spec: {
        type: 'NodePort',
        selector: { 'kubevirt.io/domain': 'fedora-vm' },
        ports: [{ name: 'ssh', protocol: 'TCP', port: 22, targetPort: 22 }],
      },
    });
  });

  it('finds the managed service and its type', () => {
    const service = buildSshService(makeVm(), 'LoadBalancer', {});
    expect(managedSshServiceOf(makeVm(), [{ metadata: { name: 'other' } }, service])).toBe(service);
    expect(sshServiceTypeOf(service)).toBe('LoadBalancer');
    expect(sshServiceTypeOf(undefined)).toBe('None');
    expect(sshServiceTypeOf({ spec: { type: 'ClusterIP' } })).toBe('None');
  });
});
