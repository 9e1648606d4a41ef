// The two checkups the console runs (seed 002 §12.2, inventory section 19), as data: what the
// tabs, the forms, the builders and the status model read. Nothing here renders.
import type { TFunction } from 'i18next';

export type CheckupKind = 'network' | 'storage';

/** The label every checkup ConfigMap and Job carries (kiagnose's own). */
export const CHECKUP_TYPE_LABEL = 'kiagnose/checkup-type';

/**
 * Ties a Job to the ConfigMap it runs, so the list, the details page and a rerun find it. Jobs
 * created by hand (`oc apply` of the documentation's YAML) lack it; those are matched by their
 * `CONFIGMAP_NAME` environment variable instead.
 */
export const CHECKUP_CONFIGMAP_LABEL = 'virtualization-plugin/checkup-configmap';

export interface CheckupDefinition {
  kind: CheckupKind;
  /** `kiagnose/checkup-type`. */
  type: string;
  /** The checkup image the seed names. */
  image: string;
  /** The Job's container name, as the documentation's Job has it. */
  containerName: string;
  serviceAccount: string;
  /** The prefix of a generated checkup name. */
  namePrefix: string;
  tabTitle(t: TFunction): string;
  /** The table's accessible name. */
  listTitle(t: TFunction): string;
  /** What the checkup does, for the empty state and the page's description. */
  description(t: TFunction): string;
}

export const LATENCY_CHECKUP: CheckupDefinition = {
  kind: 'network',
  type: 'kubevirt-vm-latency',
  image:
    'registry.redhat.io/container-native-virtualization/vm-network-latency-checkup-rhel9:v4.16.0',
  containerName: 'vm-latency-checkup',
  serviceAccount: 'vm-latency-checkup-sa',
  namePrefix: 'kubevirt-vm-latency-checkup',
  tabTitle: (t) => t('Network latency'),
  listTitle: (t) => t('Network latency checkups'),
  description: (t) =>
    t(
      'A network latency checkup starts two VirtualMachines on a NetworkAttachmentDefinition, pings from one to the other and reports the minimum, average and maximum latency. It fails when the maximum exceeds the latency you set.',
    ),
};

export const STORAGE_CHECKUP: CheckupDefinition = {
  kind: 'storage',
  type: 'kubevirt-storage',
  image: 'quay.io/kiagnose/kubevirt-storage-checkup:main',
  containerName: 'storage-checkup',
  serviceAccount: 'storage-checkup-sa',
  namePrefix: 'kubevirt-storage-checkup',
  tabTitle: (t) => t('Storage'),
  listTitle: (t) => t('Storage checkups'),
  description: (t) =>
    t(
      'A storage checkup inspects the cluster\u2019s storage for VirtualMachines (default class, storage profiles, snapshot classes, golden images), then boots a VirtualMachine from a golden image, live-migrates it and hot-plugs a volume.',
    ),
};

export const CHECKUPS: readonly CheckupDefinition[] = [LATENCY_CHECKUP, STORAGE_CHECKUP];

export const checkupOfKind = (kind: CheckupKind): CheckupDefinition =>
  kind === 'storage' ? STORAGE_CHECKUP : LATENCY_CHECKUP;

export const isCheckupKind = (value: string | undefined): value is CheckupKind =>
  value === 'network' || value === 'storage';
