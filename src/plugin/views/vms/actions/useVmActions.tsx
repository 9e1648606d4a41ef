import { useMemo } from 'react';
import {
  VirtualMachineInstanceMigrationModel,
  VirtualMachineInstanceModel,
  VirtualMachineModel,
} from '../../../api/models';
import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';
import { useK8sWatchList } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { launchModal } from './launchModal';
import { CloneVmModal } from './modals/CloneVmModal';
import { ActionErrorModal, ConfirmActionModal } from './modals/ConfirmActionModal';
import { DeleteVmModal } from './modals/DeleteVmModal';
import { EditMetadataModal } from './modals/EditMetadataModal';
import { TakeSnapshotModal } from './modals/TakeSnapshotModal';
import { MigrateVmModal } from './modals/MigrateVmModal';
import { SshCommandModal } from './modals/SshCommandModal';
import { useVmActionAccess, type VmActionAccess } from './vmActionAccess';
import { vmActions, type Translate, type VmActionItem } from './vmActionModel';
import { activeMigrationOf, isRunning, type VirtualMachineInstanceMigration } from './vmState';

/** An action as menus use it: the model's item and what a click does. */
export interface VmActionView extends VmActionItem {
  cta: () => void;
}

interface LaunchContext {
  vm?: VirtualMachine;
  vmi?: VirtualMachineInstance;
  access: VmActionAccess;
  t: Translate;
}

/** What a click on an action does: its dialog, its confirmation, or the mutation at once. */
export const launchVmAction = (item: VmActionItem, context: LaunchContext): void => {
  const { vm, vmi, access, t } = context;
  const object = vm ?? vmi;
  const namespace = object?.metadata?.namespace ?? '';
  const name = object?.metadata?.name ?? '';
  if (item.modal) {
    launchModal((close) => {
      switch (item.modal) {
        case 'clone':
          return vm ? <CloneVmModal vm={vm} close={close} /> : null;
        case 'snapshot':
          return vm ? <TakeSnapshotModal vm={vm} vmi={vmi} onClose={close} /> : null;
        case 'delete':
          return vm ? <DeleteVmModal vm={vm} close={close} /> : null;
        case 'migrate':
          return (
            <MigrateVmModal
              namespace={namespace}
              name={name}
              vmi={vmi}
              canListNodes={access.listNodes}
              close={close}
            />
          );
        case 'ssh':
          return (
            <SshCommandModal
              namespace={namespace}
              name={name}
              vm={vm}
              vmi={vmi}
              canGetNodes={access.listNodes}
              close={close}
            />
          );
        case 'labels':
        case 'annotations':
          return object ? (
            <EditMetadataModal
              model={vm ? VirtualMachineModel : VirtualMachineInstanceModel}
              object={object}
              field={item.modal}
              close={close}
            />
          ) : null;
        default:
          return null;
      }
    });
    return;
  }
  const run = item.run;
  if (!run) return;
  if (item.confirm) {
    const confirm = item.confirm;
    launchModal((close) => <ConfirmActionModal confirm={confirm} run={run} close={close} />);
    return;
  }
  run().catch((error: unknown) =>
    launchModal((close) => (
      <ActionErrorModal
        title={t('{{action}} {{name}} failed', { action: item.label, name })}
        error={error}
        close={close}
      />
    )),
  );
};

/** The VMI's unfinished migration, watched only while it can matter (a guest runs, user may cancel). */
const useActiveMigration = (
  vmi: VirtualMachineInstance | undefined,
  watch: boolean,
): VirtualMachineInstanceMigration | undefined => {
  const namespace = vmi?.metadata?.namespace;
  const migrations = useK8sWatchList<VirtualMachineInstanceMigration>(
    VirtualMachineInstanceMigrationModel,
    watch && namespace && isRunning(vmi) ? { namespace } : null,
  );
  return vmi?.metadata?.name
    ? activeMigrationOf(vmi.metadata.name, migrations.data ?? [])
    : undefined;
};

/**
 * The actions the user is offered for a VM (or, with `vm` undefined, a standalone VMI): the
 * model's items with a `cta` each. `loaded` is false while the access reviews are asked.
 */
export const useVmActions = (
  vm: VirtualMachine | undefined,
  vmi: VirtualMachineInstance | undefined,
): { actions: VmActionView[]; loaded: boolean } => {
  const { t } = usePluginTranslation();
  const namespace = (vm ?? vmi)?.metadata?.namespace;
  const { access, loading } = useVmActionAccess(namespace ?? null);
  const migration = useActiveMigration(vmi, access.cancelMigration);
  const actions = useMemo(() => {
    if (!vm && !vmi) return [];
    return vmActions(vm, vmi, access, t, { migration }).map((item) => ({
      ...item,
      cta: () => launchVmAction(item, { vm, vmi, access, t }),
    }));
  }, [vm, vmi, access, t, migration]);
  return { actions, loaded: !loading && !!(vm || vmi) };
};
