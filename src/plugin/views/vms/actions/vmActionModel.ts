import { k8sDelete } from '../../../api/k8s';
import { VirtualMachineInstanceModel } from '../../../api/models';
import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';
import { VM_ACCESS_REVIEWS, type AccessAttributes, type VmActionAccess } from './vmActionAccess';
import {
  cancelMigration,
  pauseVm,
  restartVm,
  startVm,
  stopVm,
  unpauseVm,
  type VmRef,
} from './vmMutations';
import {
  conditionOf,
  isDeleteProtected,
  isGuestRunning,
  isMigrating,
  isPaused,
  isRunning,
  wantsToRun,
  DELETE_PROTECTION_LABEL,
  type VirtualMachineInstanceMigration,
} from './vmState';

export type VmActionId =
  | 'start'
  | 'stop'
  | 'force-stop'
  | 'restart'
  | 'pause'
  | 'unpause'
  | 'migrate'
  | 'cancel-migration'
  | 'clone'
  | 'snapshot'
  | 'copy-ssh'
  | 'edit-labels'
  | 'edit-annotations'
  | 'delete';

/** Actions that need more than a yes: a dialog of their own. */
export type VmModalId =
  'clone' | 'migrate' | 'snapshot' | 'ssh' | 'labels' | 'annotations' | 'delete';

export interface VmActionConfirm {
  title: string;
  body: string;
  button: string;
  /** The action can lose data (danger button). */
  danger: boolean;
}

/**
 * One action as menus show it. Exactly one of `run` (a mutation, after `confirm` when set) and
 * `modal` says what it does.
 */
export interface VmActionItem {
  id: VmActionId;
  label: string;
  description?: string;
  /** Set when the action cannot run now: why, in words the user can act on. */
  disabledReason?: string;
  confirm?: VmActionConfirm;
  run?: () => Promise<unknown>;
  modal?: VmModalId;
  /** The review that decides whether the action is offered (none: anyone who sees the VM). */
  accessReview?: AccessAttributes;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface VmActionExtras {
  /** The VMI's unfinished VirtualMachineInstanceMigration, when there is one. */
  migration?: VirtualMachineInstanceMigration;
}

/**
 * Which actions the user is offered for a VM (or a standalone VMI when `vm` is undefined), in
 * menu order: only those the user may run and that make sense in the VM's state; the ones that
 * cannot run right now carry the reason. Pure: the state and the rights decide everything.
 */
export const vmActions = (
  vm: VirtualMachine | undefined,
  vmi: VirtualMachineInstance | undefined,
  access: VmActionAccess,
  t: Translate,
  extras: VmActionExtras = {},
): VmActionItem[] => {
  const metadata = vm?.metadata ?? vmi?.metadata;
  const ref: VmRef = { namespace: metadata?.namespace ?? '', name: metadata?.name ?? '' };
  const { namespace, name } = ref;
  const review = (key: keyof VmActionAccess) => VM_ACCESS_REVIEWS[key](namespace);
  const actions: VmActionItem[] = [];
  const add = (allowed: boolean, item: VmActionItem | undefined) => {
    if (allowed && item) actions.push(item);
  };

  const standalone = !vm;
  const terminating = !!metadata?.deletionTimestamp;
  const running = isRunning(vmi);
  const guestRunning = isGuestRunning(vmi);
  const paused = isPaused(vmi);
  const migrating = isMigrating(vmi) || !!extras.migration;
  const deleting = terminating ? t('The VM is being deleted') : undefined;
  const notRunning = t('The VM is not running');

  // ---- power ----------------------------------------------------------------------------------
  if (!standalone) {
    const showStop = wantsToRun(vm, vmi);
    add(access.start && !showStop, {
      id: 'start',
      label: t('Start'),
      // A VMI left while the VM does not want to run: it is on its way down.
      disabledReason: deleting ?? (running ? t('The VM is stopping') : undefined),
      run: () => startVm(ref),
      accessReview: review('start'),
    });
    add(access.stop && showStop, {
      id: 'stop',
      label: t('Stop'),
      disabledReason: deleting,
      confirm: {
        title: t('Stop {{name}}?', { name }),
        body: t('The guest is asked to shut down. Work not saved inside the VM is lost.'),
        button: t('Stop'),
        danger: false,
      },
      run: () => stopVm(ref),
      accessReview: review('stop'),
    });
    add(access.stop && running, {
      id: 'force-stop',
      label: t('Force stop'),
      description: t('Power off at once, without a clean shutdown'),
      confirm: {
        title: t('Force stop {{name}}?', { name }),
        body: t(
          'The VM is powered off at once, without a clean shutdown. Data not yet written to its disks may be lost or corrupted.',
        ),
        button: t('Force stop'),
        danger: true,
      },
      run: () => stopVm(ref, { gracePeriod: 0 }),
      accessReview: review('stop'),
    });
    add(access.restart, {
      id: 'restart',
      label: t('Restart'),
      disabledReason: deleting ?? (running ? undefined : notRunning),
      confirm: {
        title: t('Restart {{name}}?', { name }),
        body: t('The guest shuts down and starts again. Work not saved inside the VM is lost.'),
        button: t('Restart'),
        danger: false,
      },
      run: () => restartVm(ref),
      accessReview: review('restart'),
    });
  }

  // ---- pause ----------------------------------------------------------------------------------
  add(access.pause && !paused, {
    id: 'pause',
    label: t('Pause'),
    disabledReason:
      deleting ?? (!guestRunning ? notRunning : migrating ? t('The VM is migrating') : undefined),
    run: () => pauseVm(ref),
    accessReview: review('pause'),
  });
  add(access.unpause && paused, {
    id: 'unpause',
    label: t('Unpause'),
    disabledReason: deleting,
    run: () => unpauseVm(ref),
    accessReview: review('unpause'),
  });

  // ---- migration ------------------------------------------------------------------------------
  const liveMigratable = conditionOf(vmi, 'LiveMigratable');
  add(access.migrate && !migrating, {
    id: 'migrate',
    label: t('Migrate'),
    description: t('Move the running VM to another node'),
    disabledReason:
      deleting ??
      (!guestRunning
        ? notRunning
        : paused
          ? t('The VM is paused')
          : liveMigratable?.status === 'False'
            ? t('The VM cannot be live-migrated: {{reason}}', {
                reason: liveMigratable.message || liveMigratable.reason || '',
              })
            : undefined),
    modal: 'migrate',
    accessReview: review('migrate'),
  });
  const migration = extras.migration;
  add(access.cancelMigration && !!migration, {
    id: 'cancel-migration',
    label: t('Cancel migration'),
    description: t('The VM stays on its current node'),
    run: () => (migration ? cancelMigration(migration) : Promise.resolve()),
    accessReview: review('cancelMigration'),
  });

  // ---- copies ---------------------------------------------------------------------------------
  if (!standalone) {
    add(access.clone, {
      id: 'clone',
      label: t('Clone'),
      disabledReason: deleting,
      modal: 'clone',
      accessReview: review('clone'),
    });
    add(access.snapshot, {
      id: 'snapshot',
      label: t('Take snapshot'),
      disabledReason:
        deleting ??
        (vm?.status?.snapshotInProgress
          ? t('A snapshot is in progress')
          : vm?.status?.restoreInProgress
            ? t('A restore is in progress')
            : undefined),
      modal: 'snapshot',
      accessReview: review('snapshot'),
    });
  }

  // ---- access and metadata -------------------------------------------------------------------
  add(true, {
    id: 'copy-ssh',
    label: t('Copy SSH command'),
    disabledReason: guestRunning ? undefined : notRunning,
    modal: 'ssh',
  });
  const canEdit = standalone ? access.updateVmi : access.update;
  add(canEdit, {
    id: 'edit-labels',
    label: t('Edit labels'),
    disabledReason: deleting,
    modal: 'labels',
    accessReview: review(standalone ? 'updateVmi' : 'update'),
  });
  add(canEdit, {
    id: 'edit-annotations',
    label: t('Edit annotations'),
    disabledReason: deleting,
    modal: 'annotations',
    accessReview: review(standalone ? 'updateVmi' : 'update'),
  });

  // ---- delete ---------------------------------------------------------------------------------
  if (standalone) {
    add(access.deleteVmi, {
      id: 'delete',
      label: t('Delete'),
      disabledReason: deleting,
      confirm: {
        title: t('Delete VirtualMachineInstance {{name}}?', { name }),
        body: t(
          'The VirtualMachineInstance and its guest are stopped and removed. This cannot be undone.',
        ),
        button: t('Delete'),
        danger: true,
      },
      run: () => k8sDelete(VirtualMachineInstanceModel, ref),
      accessReview: review('deleteVmi'),
    });
  } else {
    add(access.delete, {
      id: 'delete',
      label: t('Delete'),
      disabledReason:
        deleting ??
        (isDeleteProtected(vm)
          ? t('Deletion protection is on: remove the label {{label}} first', {
              label: DELETE_PROTECTION_LABEL,
            })
          : undefined),
      modal: 'delete',
      accessReview: review('delete'),
    });
  }
  return actions;
};

/** The actions, as the ids the menus show (tests read these). */
export const offeredIds = (actions: VmActionItem[]): VmActionId[] =>
  actions.map((action) => action.id);
