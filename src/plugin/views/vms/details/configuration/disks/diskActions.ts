import type { StorageClass } from '../../../../../api/types';
import type { Translate } from '../../../actions/vmActionModel';
import type { DiskRow } from './diskRows';
import { allowsExpansion } from './storageClasses';

export type DiskActionId = 'edit' | 'detach' | 'persist' | 'expand' | 'eject';

export interface DiskAction {
  id: DiskActionId;
  /** Set when the action is listed but cannot run now: says why. */
  disabledReason?: string;
}

export interface DiskActionContext {
  /** Why the user may not change the VM (`editor.access.reason`). */
  accessReason?: string;
  /** The VM is a draft: nothing of it exists in the cluster yet. */
  draft?: boolean;
  /** The storage class of the disk's claim, when known. */
  storageClass?: StorageClass;
}

/**
 * The row kebab of a disk as data: Edit and Detach always; Make persistent for a disk
 * hot-plugged into the guest only; Expand for a PVC-backed disk (in a draft, for a disk its
 * DataVolume template creates); Eject for a CD-ROM with a medium.
 */
export const diskActions = (row: DiskRow, ctx: DiskActionContext, t: Translate): DiskAction[] => {
  const access = ctx.accessReason;
  const actions: DiskAction[] = [
    {
      id: 'edit',
      disabledReason:
        access ??
        (row.hotplug === 'vmi-only'
          ? t('Make the disk persistent to edit it: it is attached to the running guest only.')
          : undefined),
    },
  ];
  if (row.hotplug === 'vmi-only') actions.push({ id: 'persist', disabledReason: access });
  if (row.claimName && ctx.draft) {
    // A draft's new disk is a DataVolume template, whose size can still change; a PVC it names
    // is not the draft's to change before the VM exists.
    actions.push({
      id: 'expand',
      disabledReason: row.dataVolumeTemplate
        ? access
        : t('PVC {{name}} can be expanded once the VirtualMachine exists.', {
            name: row.claimName,
          }),
    });
  } else if (row.claimName) {
    const className = row.claim?.spec?.storageClassName;
    actions.push({
      id: 'expand',
      disabledReason: !row.claim
        ? t('PVC {{name}} does not exist yet.', { name: row.claimName })
        : ctx.storageClass && !allowsExpansion(ctx.storageClass)
          ? t('Storage class {{name}} does not allow volume expansion.', { name: className })
          : undefined,
    });
  }
  if (row.drive === 'cdrom' && row.volume && row.hotplug !== 'vmi-only')
    actions.push({ id: 'eject', disabledReason: access });
  actions.push({ id: 'detach', disabledReason: access });
  return actions;
};
