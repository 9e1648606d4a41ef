import { describe, expect, it } from 'vitest';
import { VM_LIST_METRICS, vmListSelector } from './vmListQueries';

const page = vmListSelector('dev', ['vm-a', 'vm.b']);

describe('vmListSelector', () => {
  it('names the rows of one project, regex characters escaped', () => {
    expect(page).toBe('{namespace="dev",name=~"vm-a|vm\\\\.b"}');
  });

  it("takes the page's projects as an exact alternative", () => {
    expect(vmListSelector(['dev', 'prod'], ['a'])).toBe('{namespace=~"dev|prod",name=~"a"}');
  });

  it('leaves the names out for a page too long to name', () => {
    expect(vmListSelector(['dev', 'prod'])).toBe('{namespace=~"dev|prod"}');
  });
});

describe('VM_LIST_METRICS', () => {
  it('CPU: cores used, one sample per VM', () => {
    expect(VM_LIST_METRICS.cpu.query(page)).toBe(
      'sum by (namespace, name) (rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="dev",name=~"vm-a|vm\\\\.b"}[5m]))',
    );
    expect(VM_LIST_METRICS.cpu.unit).toBe('cores');
  });

  it('memory: the guest memory used now, a gauge (no rate)', () => {
    expect(VM_LIST_METRICS.memory.query(page)).toBe(
      'sum by (namespace, name) (kubevirt_vmi_memory_used_bytes{namespace="dev",name=~"vm-a|vm\\\\.b"})',
    );
    expect(VM_LIST_METRICS.memory.unit).toBe('bytes');
  });

  it('network: receive plus transmit (not receive alone), summed over interfaces', () => {
    expect(VM_LIST_METRICS.network.query('{namespace="dev"}')).toBe(
      'sum by (namespace, name) (rate(kubevirt_vmi_network_receive_bytes_total{namespace="dev"}[5m]))' +
        ' + ' +
        'sum by (namespace, name) (rate(kubevirt_vmi_network_transmit_bytes_total{namespace="dev"}[5m]))',
    );
    expect(VM_LIST_METRICS.network.unit).toBe('bytesPerSecond');
  });

  it('says what each number means', () => {
    const t = (key: string) => key;
    expect(VM_LIST_METRICS.network.definition(t as never)).toMatch(/received plus bytes sent/);
  });
});
