// Instance types as the cluster serves them, for the tests of this folder.
import type { Instancetype } from '../../../vms/details/configuration/details/instancetypes';

export const instancetype = (
  name: string,
  cpu: number,
  memory: string,
  extra: { displayName?: string; description?: string; className?: string } = {},
): Instancetype => ({
  apiVersion: 'instancetype.kubevirt.io/v1beta1',
  kind: 'VirtualMachineClusterInstancetype',
  metadata: {
    name,
    labels: extra.className ? { 'instancetype.kubevirt.io/class': extra.className } : {},
    annotations: {
      ...(extra.displayName ? { 'instancetype.kubevirt.io/displayName': extra.displayName } : {}),
      ...(extra.description ? { 'instancetype.kubevirt.io/description': extra.description } : {}),
    },
  },
  spec: { cpu: { guest: cpu }, memory: { guest: memory } },
});

/** A few of each series, in no particular order (as a list answers). */
export const clusterTypes = (): Instancetype[] => [
  instancetype('u1.large', 2, '8Gi'),
  instancetype('n1.medium', 4, '4Gi'),
  instancetype('u1.nano', 1, '512Mi'),
  instancetype('cx1.medium', 1, '2Gi'),
  instancetype('u1.medium', 1, '4Gi', {
    displayName: 'Universal medium',
    description: 'The Universal (U1) series',
    className: 'universal',
  }),
  instancetype('gn1.xlarge', 4, '16Gi'),
  instancetype('u1.8xlarge', 32, '128Gi'),
  instancetype('m1.large', 2, '16Gi'),
  instancetype('o1.small', 1, '2Gi'),
  instancetype('u1.2xmedium', 2, '4Gi'),
  instancetype('u1.xlarge', 4, '16Gi'),
  instancetype('big-box', 64, '256Gi'),
  instancetype('z9.tiny', 1, '1Gi'),
];
