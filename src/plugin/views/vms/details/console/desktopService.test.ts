import type { Node, Service } from '../../../../api/types';
import { makeVm, makeVmi, NAME, NS } from '../testSupport';
import {
  buildRdpService,
  endpointOf,
  exposedPortOf,
  nodeAddressFor,
  podLabelsOf,
  rdpSelectorOf,
  rdpServiceName,
} from './desktopService';

const service = (
  name: string,
  type: string,
  selector: Record<string, string>,
  ports: { port: number; targetPort?: number | string; nodePort?: number }[],
  ingress?: { ip?: string; hostname?: string }[],
): Service =>
  ({
    metadata: { name, namespace: NS },
    spec: { type, selector, ports },
    status: ingress ? { loadBalancer: { ingress } } : {},
  }) as Service;

const node = (name: string, addresses: { type: string; address: string }[]): Node => ({
  metadata: { name },
  status: { addresses },
});

describe('desktopService', () => {
  const vm = makeVm();
  const labels = podLabelsOf(vm, makeVmi({ metadata: { name: NAME, labels: { extra: 'x' } } }));

  it('names the service <vm>-rdp within DNS-1035 rules', () => {
    expect(rdpServiceName('win')).toBe('win-rdp');
    expect(rdpServiceName('1win')).toBe('vm-1win-rdp');
    expect(rdpServiceName('a'.repeat(80)).length).toBeLessThanOrEqual(63);
  });

  it('finds a NodePort or LoadBalancer service selecting the VM on the guest port', () => {
    const services = [
      service('cluster-ip', 'ClusterIP', { 'kubevirt.io/domain': NAME }, [{ port: 3389 }]),
      service('other-vm', 'NodePort', { 'kubevirt.io/domain': 'other' }, [{ port: 3389 }]),
      service('no-selector', 'NodePort', {}, [{ port: 3389 }]),
      service('ssh', 'NodePort', { 'kubevirt.io/domain': NAME }, [{ port: 22 }]),
      service('rdp', 'NodePort', { extra: 'x' }, [
        { port: 22 },
        { port: 13389, targetPort: '3389', nodePort: 31000 },
      ]),
    ];
    const found = exposedPortOf(services, labels, 3389);
    expect(found?.service.metadata?.name).toBe('rdp');
    expect(found?.port.nodePort).toBe(31000);
    expect(exposedPortOf(services, labels, 5900)).toBeUndefined();
  });

  it('selects by a template label naming the VM, else says none', () => {
    expect(rdpSelectorOf(vm)).toEqual({ 'kubevirt.io/domain': NAME });
    const byName = makeVm();
    byName.spec!.template!.metadata = { labels: { 'vm.kubevirt.io/name': NAME } };
    expect(rdpSelectorOf(byName)).toEqual({ 'vm.kubevirt.io/name': NAME });
    const unlabelled = makeVm();
    unlabelled.spec!.template!.metadata = { labels: { app: 'x' } };
    expect(rdpSelectorOf(unlabelled)).toBeUndefined();
  });

  it('builds a NodePort service 3389 → 3389', () => {
    const built = buildRdpService(vm, { 'kubevirt.io/domain': NAME });
    expect(built).toMatchObject({
      metadata: { name: `${NAME}-rdp`, namespace: NS, labels: { 'vm.kubevirt.io/name': NAME } },
      spec: {
        type: 'NodePort',
        selector: { 'kubevirt.io/domain': NAME },
        ports: [{ name: 'rdp', protocol: 'TCP', port: 3389, targetPort: 3389 }],
      },
    });
  });

  it('tells the endpoint of a NodePort with and without a node address', () => {
    const exposed = {
      service: service('rdp', 'NodePort', {}, []),
      port: { port: 3389, nodePort: 31389 },
    };
    expect(endpointOf(exposed, '10.0.0.5')).toEqual({
      kind: 'address',
      host: '10.0.0.5',
      port: 31389,
    });
    expect(endpointOf(exposed)).toEqual({ kind: 'any-node', port: 31389 });
    expect(endpointOf({ ...exposed, port: { port: 3389 } }, '10.0.0.5')).toEqual({
      kind: 'pending',
    });
  });

  it('tells the endpoint of a LoadBalancer from its ingress, pending without one', () => {
    const port = { port: 3389 };
    expect(
      endpointOf({
        service: service('lb', 'LoadBalancer', {}, [], [{ hostname: 'rdp.example.com' }]),
        port,
      }),
    ).toEqual({
      kind: 'address',
      host: 'rdp.example.com',
      port: 3389,
    });
    expect(endpointOf({ service: service('lb', 'LoadBalancer', {}, []), port })).toEqual({
      kind: 'pending',
    });
  });

  it('picks the VM node address first, ExternalIP over InternalIP', () => {
    const nodes = [
      node('node-0', [{ type: 'InternalIP', address: '10.0.0.1' }]),
      node('node-1', [
        { type: 'InternalIP', address: '10.0.0.2' },
        { type: 'ExternalIP', address: '203.0.113.2' },
      ]),
      node('node-2', [{ type: 'Hostname', address: 'node-2' }]),
    ];
    expect(nodeAddressFor(nodes, 'node-1')).toBe('203.0.113.2');
    expect(nodeAddressFor(nodes, 'node-2')).toBe('10.0.0.1');
    expect(nodeAddressFor(nodes)).toBe('10.0.0.1');
    expect(nodeAddressFor([])).toBeUndefined();
  });
});
