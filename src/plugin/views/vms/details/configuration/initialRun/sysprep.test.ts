// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  attachSysprepOps,
  holdsAnswerFile,
  removeSysprepOps,
  sysprepConfigMap,
  sysprepOf,
  xmlProblem,
} from './sysprep';
import { vmWithVolume } from './testVms';
import { makeVm } from '../../testSupport';

const ANSWER = `<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="oobeSystem"/>
</unattend>`;

describe('sysprep answer files', () => {
  it('accepts well-formed XML and explains the rest', () => {
    expect(xmlProblem(ANSWER)).toBeUndefined();
    expect(xmlProblem('<unattend><settings></unattend>')).toMatch(/close tag|mismatch/i);
    expect(xmlProblem('not xml')).toBeDefined();
    expect(xmlProblem('')).toBeDefined();
  });

  it('builds a ConfigMap with the answer files given', () => {
    expect(
      sysprepConfigMap('demo', 'vm-sysprep-ab1cd', {
        'Autounattend.xml': ANSWER,
        'Unattend.xml': ' ',
      }),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'vm-sysprep-ab1cd', namespace: 'demo' },
      data: { 'Autounattend.xml': ANSWER },
    });
    expect(holdsAnswerFile({ data: { 'Unattend.xml': ANSWER } })).toBe(true);
    expect(holdsAnswerFile({ data: { other: 'x' } })).toBe(false);
  });

  it('attaches a ConfigMap as a SATA CD-ROM named sysprep', () => {
    const vm = makeVm();
    const ops = attachSysprepOps(vm, 'answers');
    expect(ops.filter((op) => op.op === 'replace')).toEqual([
      {
        op: 'replace',
        path: '/spec/template/spec/volumes',
        value: [
          { name: 'rootdisk', dataVolume: { name: 'fedora-vm-rootdisk' } },
          { name: 'sysprep', sysprep: { configMap: { name: 'answers' } } },
        ],
      },
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/disks',
        value: [
          { name: 'rootdisk', disk: { bus: 'virtio' } },
          { name: 'sysprep', cdrom: { bus: 'sata' } },
        ],
      },
    ]);
  });

  it('points an existing sysprep volume at another ConfigMap, and removes it', () => {
    const vm = vmWithVolume(
      { name: 'answers-cd', sysprep: { secret: { name: 'old' } } },
      { name: 'answers-cd', cdrom: { bus: 'sata' } },
    );
    expect(sysprepOf(vm)).toEqual({
      volumeName: 'answers-cd',
      configMap: undefined,
      secret: 'old',
    });
    const ops = attachSysprepOps(vm, 'answers');
    expect(ops).toHaveLength(2);
    expect(ops[1]).toMatchObject({
      value: [
        expect.anything(),
        { name: 'answers-cd', sysprep: { configMap: { name: 'answers' } } },
      ],
    });
    const removal = removeSysprepOps(vm).filter((op) => op.op === 'replace');
    expect(removal).toEqual([
      {
        op: 'replace',
        path: '/spec/template/spec/domain/devices/disks',
        value: [{ name: 'rootdisk', disk: { bus: 'virtio' } }],
      },
      {
        op: 'replace',
        path: '/spec/template/spec/volumes',
        value: [{ name: 'rootdisk', dataVolume: { name: 'fedora-vm-rootdisk' } }],
      },
    ]);
    expect(removeSysprepOps(makeVm())).toEqual([]);
  });
});
