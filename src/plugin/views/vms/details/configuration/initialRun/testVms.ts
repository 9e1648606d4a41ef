// VM fixtures for the tests of the SSH, Initial run and Environment sub-tabs.
import type { VirtualMachine } from '../../../../../api/types';
import { makeVm } from '../../testSupport';
import type { Disk, Volume } from './cloudInitVolume';

type Spec = NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec'];

/** A copy of `base` changed by `change` (which may mutate the copy's template spec). */
export const vmWith = (
  change: (spec: NonNullable<Spec>, vm: VirtualMachine) => void,
  base: VirtualMachine = makeVm(),
): VirtualMachine => {
  const vm = structuredClone(base);
  const spec = vm.spec?.template?.spec;
  if (!spec) throw new Error('the fixture VM has no template spec');
  change(spec, vm);
  return vm;
};

/** `base` with one more volume and its disk (virtio unless given). */
export const vmWithVolume = (
  volume: Volume,
  disk: Disk = { name: volume.name, disk: { bus: 'virtio' } },
  base?: VirtualMachine,
): VirtualMachine =>
  vmWith((spec) => {
    spec.volumes = [...(spec.volumes ?? []), volume];
    spec.domain.devices.disks = [...(spec.domain.devices.disks ?? []), disk];
  }, base);
