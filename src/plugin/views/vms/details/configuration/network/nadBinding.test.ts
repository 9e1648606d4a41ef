import { describe, expect, it } from 'vitest';
import type { NetworkAttachmentDefinition } from '../../../../../api/types';
import {
  bindingForNetwork,
  cniTypeOf,
  nadBinding,
  nadKey,
  networkNameFor,
  networkRef,
} from './nadBinding';

const nad = (namespace: string, name: string, config: unknown): NetworkAttachmentDefinition => ({
  metadata: { namespace, name },
  spec: { config: typeof config === 'string' ? config : JSON.stringify(config) },
});

describe('NAD binding detection', () => {
  it('reads the CNI type of a plain config and of a plugin list', () => {
    expect(cniTypeOf(nad('demo', 'br1', { cniVersion: '0.3.1', type: 'cnv-bridge' }))).toBe(
      'cnv-bridge',
    );
    expect(cniTypeOf(nad('demo', 'l', { plugins: [{ type: 'sriov' }, { type: 'tuning' }] }))).toBe(
      'sriov',
    );
    expect(cniTypeOf(nad('demo', 'bad', '{not json'))).toBeUndefined();
    expect(cniTypeOf({ metadata: { name: 'empty' } })).toBeUndefined();
  });

  it('binds SR-IOV networks with sriov and every other CNI with a bridge', () => {
    expect(nadBinding(nad('demo', 'vf', { type: 'sriov', vlan: 0 }))).toBe('sriov');
    expect(nadBinding(nad('demo', 'br', { type: 'bridge' }))).toBe('bridge');
    expect(nadBinding(nad('demo', 'ovn', { type: 'ovn-k8s-cni-overlay' }))).toBe('bridge');
    expect(nadBinding(nad('demo', 'broken', 'nope'))).toBe('bridge');
  });

  it('derives the binding of a network choice', () => {
    const nads = [nad('demo', 'vf', { type: 'sriov' }), nad('default', 'br', { type: 'bridge' })];
    expect(bindingForNetwork('pod', nads)).toBe('masquerade');
    expect(bindingForNetwork('demo/vf', nads)).toBe('sriov');
    expect(bindingForNetwork('default/br', nads)).toBe('bridge');
    expect(bindingForNetwork('demo/gone', nads)).toBe('bridge');
  });

  it('names networks ns/name and writes a bare name in the VM namespace', () => {
    expect(nadKey(nad('demo', 'br1', {}))).toBe('demo/br1');
    expect(networkRef('br1', 'demo')).toBe('demo/br1');
    expect(networkRef('default/br1', 'demo')).toBe('default/br1');
    expect(networkNameFor('demo/br1', 'demo')).toBe('br1');
    expect(networkNameFor('default/br1', 'demo')).toBe('default/br1');
  });
});
