// What submitting Add volume creates, as data: the DataVolume holding the data (none when an
// existing claim or snapshot is used where it is) and the DataSource that makes it bootable.
import type { DataSource, DataVolume } from '../../../../api/types';
import { registryUrl, sizeQuantity } from '../../../vms/details/configuration/disks/diskValidation';
import { createsDataVolume, type AddVolumeForm, type SourceFacts } from './addVolumeForm';
import type { BootableVolume } from '../flow';
import {
  DEFAULT_INSTANCETYPE_LABEL,
  DEFAULT_PREFERENCE_LABEL,
  DESCRIPTION_ANNOTATION,
  toBootableVolumes,
} from './bootableVolumes';

/** CDI binds the claim at once instead of waiting for a VM: a boot source has none. */
const BIND_IMMEDIATE = 'cdi.kubevirt.io/storage.bind.immediate.requested';

export interface AddVolumePlan {
  /** Created first, in the destination project. */
  dataVolume?: DataVolume;
  /** Then the chosen file is sent into it. */
  upload: boolean;
  /** Last: the bootable volume itself. */
  dataSource: DataSource;
}

type DataVolumeSpec = NonNullable<DataVolume['spec']>;

const dataVolumeSource = (form: AddVolumeForm): DataVolumeSpec['source'] => {
  switch (form.sourceType) {
    case 'upload':
      return { upload: {} };
    case 'registry':
      return { registry: { url: registryUrl(form.image) } };
    case 'url':
      return { http: { url: form.url.trim() } };
    case 'pvc':
      return { pvc: { namespace: form.sourceNamespace, name: form.pvcName } };
    case 'snapshot':
      return { snapshot: { namespace: form.sourceNamespace, name: form.snapshotName } };
  }
};

const dataVolumeOf = (form: AddVolumeForm, source?: SourceFacts): DataVolume => {
  // A copy keeps its source's class unless another is chosen.
  const storageClassName = form.storageClass || source?.storageClass;
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      name: form.name,
      namespace: form.namespace,
      annotations: { [BIND_IMMEDIATE]: 'true' },
    },
    spec: {
      source: dataVolumeSource(form),
      storage: {
        ...(storageClassName ? { storageClassName } : {}),
        resources: { requests: { storage: sizeQuantity(form.size, form.unit) } },
      },
    } as DataVolumeSpec,
  };
};

const dataSourceSource = (form: AddVolumeForm, copy: boolean): DataSource['spec']['source'] => {
  if (copy) return { pvc: { namespace: form.namespace, name: form.name } };
  return form.sourceType === 'snapshot'
    ? { snapshot: { namespace: form.sourceNamespace, name: form.snapshotName } }
    : { pvc: { namespace: form.sourceNamespace, name: form.pvcName } };
};

/** The objects Add volume creates, in order. */
export const planAddVolume = (form: AddVolumeForm, source?: SourceFacts): AddVolumePlan => {
  const copy = createsDataVolume(form, source);
  const description = form.description.trim();
  return {
    dataVolume: copy ? dataVolumeOf(form, source) : undefined,
    upload: form.sourceType === 'upload',
    dataSource: {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataSource',
      metadata: {
        name: form.name,
        namespace: form.namespace,
        labels: {
          [DEFAULT_PREFERENCE_LABEL]: form.preference,
          ...(form.instancetype ? { [DEFAULT_INSTANCETYPE_LABEL]: form.instancetype } : {}),
        },
        ...(description ? { annotations: { [DESCRIPTION_ANNOTATION]: description } } : {}),
      },
      spec: { source: dataSourceSource(form, copy) },
    },
  };
};

/**
 * The volume the flow selects once the DataSource exists, as the list will show it: the size
 * and class of the DataVolume made, else of the claim or snapshot used (`used`). Not ready
 * until CDI says so.
 */
export const plannedVolume = (
  plan: AddVolumePlan,
  created: DataSource,
  used: { size?: string; storageClass?: string } = {},
): BootableVolume => {
  const storage = plan.dataVolume?.spec?.storage;
  const requested = (storage?.resources?.requests as Record<string, string> | undefined)?.storage;
  const listed = toBootableVolumes({ dataSources: [created], pvcs: [], snapshots: [] })[0];
  return {
    source: {
      kind: 'DataSource',
      namespace: created.metadata?.namespace ?? '',
      name: created.metadata?.name ?? '',
    },
    displayName: listed?.displayName ?? created.metadata?.name ?? '',
    description: listed?.description,
    os: listed?.os,
    preference: listed?.preference,
    instancetype: listed?.instancetype,
    size: requested ?? used.size,
    storageClass: storage?.storageClassName ?? used.storageClass,
    ready: false,
  };
};
