import { describe, expect, it } from 'vitest';
import type { NetworkAttachmentDefinition, VirtualMachine } from '../../../../../api/types';
import { makeVm } from '../../testSupport';
import { bindingOfForm, nicSpecOf, validateNicForm, type NicForm } from './nicForm';

const t = (key: string, options?: Record<string, unknown>) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name] ?? ''));

const form = (change: Partial<NicForm>): NicForm => ({
  name: 'nic-1',
  model: 'virtio',
  network: 'demo/br1',
  mac: '',
  ...change,
});

const nads: NetworkAttachmentDefinition[] = [
  { metadata: { namespace: 'demo', name: 'br1' }, spec: { config: '{"type":"cnv-bridge"}' } },
  { metadata: { namespace: 'default', name: 'vf' }, spec: { config: '{"type":"sriov"}' } },
];

describe('validateNicForm', () => {
  const vm = makeVm(); // one NIC: default, on the pod network

  it('accepts a new NIC on a NAD', () => {
    expect(validateNicForm(vm, form({}), t)).toEqual({});
  });

  it('needs a DNS-1123 label not used by another NIC or network', () => {
    expect(validateNicForm(vm, form({ name: '' }), t).name).toBe('Enter a name.');
    expect(validateNicForm(vm, form({ name: 'Nic_1' }), t).name).toMatch(/lowercase letters/);
    expect(validateNicForm(vm, form({ name: 'default' }), t).name).toMatch(/has this name/);
  });

  it('needs a network, and the pod network only once', () => {
    expect(validateNicForm(vm, form({ network: '' }), t).network).toBe('Select a network.');
    expect(validateNicForm(vm, form({ network: 'pod' }), t).network).toBe(
      'Only one interface may use the pod network; default does.',
    );
    // The pod NIC itself may keep it.
    expect(validateNicForm(vm, form({ name: 'default', network: 'pod' }), t, 'default')).toEqual(
      {},
    );
  });

  it('checks the MAC address', () => {
    expect(validateNicForm(vm, form({ mac: '03:00:00:00:00:01' }), t).mac).toMatch(/multicast/);
    const withMac: VirtualMachine = makeVm();
    const iface = withMac.spec?.template?.spec?.domain?.devices?.interfaces?.[0];
    if (iface) iface.macAddress = '02:00:00:00:00:01';
    expect(validateNicForm(withMac, form({ mac: '02:00:00:00:00:01' }), t).mac).toMatch(
      /Another interface/,
    );
    expect(
      validateNicForm(
        withMac,
        form({ name: 'default', network: 'pod', mac: '02:00:00:00:00:01' }),
        t,
        'default',
      ),
    ).toEqual({});
  });
});

describe('bindingOfForm', () => {
  it('derives the binding from the network chosen', () => {
    const vm = makeVm();
    expect(bindingOfForm(vm, form({ network: 'pod' }), nads)).toBe('masquerade');
    expect(bindingOfForm(vm, form({ network: 'default/vf' }), nads)).toBe('sriov');
    expect(bindingOfForm(vm, form({}), nads)).toBe('bridge');
  });

  it('keeps the binding of an edited NIC whose network is unchanged', () => {
    const vm = makeVm();
    const iface = vm.spec?.template?.spec?.domain?.devices?.interfaces?.[0];
    if (iface) {
      delete iface.masquerade;
      iface.bridge = {};
    }
    expect(bindingOfForm(vm, form({ name: 'default', network: 'pod' }), nads, 'default')).toBe(
      'bridge',
    );
  });

  it('gives SR-IOV no model', () => {
    expect(nicSpecOf(form({ network: 'default/vf' }), 'sriov')).toEqual({
      name: 'nic-1',
      model: undefined,
      network: 'default/vf',
      binding: 'sriov',
      mac: undefined,
    });
  });
});
