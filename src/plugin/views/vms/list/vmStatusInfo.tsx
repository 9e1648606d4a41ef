import type { LabelProps } from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  ExclamationTriangleIcon,
  InProgressIcon,
  OffIcon,
  PauseCircleIcon,
  UnknownIcon,
} from '@patternfly/react-icons';
import type { ReactElement } from 'react';
import type { Translate } from '../actions/vmActionModel';

/** How a printable status looks, what it means and what to do about it: data, not JSX by hand. */
export interface VmStatusInfo {
  /** The status as the index reports it. */
  status: string;
  title: (t: Translate) => string;
  /** What the status means. */
  explanation: (t: Translate) => string;
  /** What the user can do, when there is something to do. */
  remedy?: (t: Translate) => string;
  /** A standalone VMI's phase rather than a VM status. */
  vmiPhase?: boolean;
  tone: { status?: LabelProps['status']; color?: LabelProps['color'] };
  icon: ReactElement;
}

const RUNNING = { status: 'success' as const };
const BUSY = { color: 'blue' as const };
const IDLE = { color: 'grey' as const };
const ERROR = { status: 'danger' as const };
const WARNING = { status: 'warning' as const };

export const VM_STATUSES: VmStatusInfo[] = [
  {
    status: 'Running',
    title: (t) => t('Running'),
    explanation: (t) => t('The guest is running on a node.'),
    tone: RUNNING,
    icon: <CheckCircleIcon />,
  },
  {
    status: 'Stopped',
    title: (t) => t('Stopped'),
    explanation: (t) => t('The VM is not running. Its disks and configuration are kept.'),
    remedy: (t) => t('Start it from the actions menu.'),
    tone: IDLE,
    icon: <OffIcon />,
  },
  {
    status: 'Paused',
    title: (t) => t('Paused'),
    explanation: (t) => t('The guest is frozen in memory: it uses no CPU and does not answer.'),
    remedy: (t) => t('Unpause it to continue where it stopped.'),
    tone: BUSY,
    icon: <PauseCircleIcon />,
  },
  {
    status: 'Migrating',
    title: (t) => t('Migrating'),
    explanation: (t) => t('The running guest is being moved to another node. It keeps running.'),
    remedy: (t) => t('Wait, or cancel the migration from the actions menu.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'Starting',
    title: (t) => t('Starting'),
    explanation: (t) => t('The VM is being scheduled and its guest is booting.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'Stopping',
    title: (t) => t('Stopping'),
    explanation: (t) => t('The guest was asked to shut down and is doing so.'),
    remedy: (t) => t('If it does not stop, use Force stop.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'Terminating',
    title: (t) => t('Terminating'),
    explanation: (t) => t('The VM is being deleted.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'Provisioning',
    title: (t) => t('Provisioning'),
    explanation: (t) =>
      t(
        'Its disks are being prepared (imported, cloned or uploaded). The VM starts when they are ready.',
      ),
    remedy: (t) => t('Follow the DataVolumes’ progress on the VM’s Diagnostics tab.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'WaitingForVolumeBinding',
    title: (t) => t('Waiting for volume binding'),
    explanation: (t) => t('A disk’s PersistentVolumeClaim is not bound to a volume yet.'),
    remedy: (t) =>
      t(
        'Check that the storage class can provision volumes, or that a matching PersistentVolume exists.',
      ),
    tone: WARNING,
    icon: <ExclamationTriangleIcon />,
  },
  {
    status: 'WaitingForReceiver',
    title: (t) => t('Waiting for receiver'),
    explanation: (t) => t('The VM waits for a migration from another cluster to arrive.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'ErrorUnschedulable',
    title: (t) => t('Unschedulable'),
    explanation: (t) =>
      t(
        'No node can run the VM: not enough CPU or memory, or no node matches its placement rules.',
      ),
    remedy: (t) =>
      t(
        'Lower its CPU or memory, relax its node selector, affinity or tolerations, or add capacity. The events say which.',
      ),
    tone: ERROR,
    icon: <ExclamationCircleIcon />,
  },
  {
    status: 'CrashLoopBackOff',
    title: (t) => t('Crash loop back-off'),
    explanation: (t) =>
      t('The VM failed to start several times; KubeVirt waits longer before each new try.'),
    remedy: (t) =>
      t('Read the VM’s events and the guest system log, fix the cause, then stop and start it.'),
    tone: ERROR,
    icon: <ExclamationCircleIcon />,
  },
  {
    status: 'ErrImagePull',
    title: (t) => t('Image pull error'),
    explanation: (t) => t('A container disk image could not be pulled.'),
    remedy: (t) =>
      t('Check the image name and that the registry is reachable and its credentials valid.'),
    tone: ERROR,
    icon: <ExclamationCircleIcon />,
  },
  {
    status: 'ImagePullBackOff',
    title: (t) => t('Image pull back-off'),
    explanation: (t) => t('Pulling a container disk image failed and is retried with a delay.'),
    remedy: (t) =>
      t('Check the image name and that the registry is reachable and its credentials valid.'),
    tone: ERROR,
    icon: <ExclamationCircleIcon />,
  },
  {
    status: 'ErrorPvcNotFound',
    title: (t) => t('PVC not found'),
    explanation: (t) => t('A disk refers to a PersistentVolumeClaim that does not exist.'),
    remedy: (t) => t('Create the claim, or remove the disk from the VM.'),
    tone: ERROR,
    icon: <ExclamationCircleIcon />,
  },
  {
    status: 'ErrorDataVolumeNotFound',
    title: (t) => t('DataVolume not found'),
    explanation: (t) => t('A disk refers to a DataVolume that does not exist.'),
    remedy: (t) => t('Create the DataVolume, or remove the disk from the VM.'),
    tone: ERROR,
    icon: <ExclamationCircleIcon />,
  },
  {
    status: 'DataVolumeError',
    title: (t) => t('DataVolume error'),
    explanation: (t) => t('Preparing one of the VM’s disks failed.'),
    remedy: (t) =>
      t('The DataVolume’s conditions and events say why (source unreachable, no space…).'),
    tone: ERROR,
    icon: <ExclamationCircleIcon />,
  },
  {
    status: 'Unknown',
    title: (t) => t('Unknown'),
    explanation: (t) =>
      t('KubeVirt cannot tell the VM’s state, often because its node does not answer.'),
    remedy: (t) => t('Check the node the VM runs on.'),
    tone: IDLE,
    icon: <UnknownIcon />,
  },
  // Standalone VMIs report their phase.
  {
    status: 'Pending',
    vmiPhase: true,
    title: (t) => t('Pending'),
    explanation: (t) => t('The VirtualMachineInstance waits to be scheduled.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'Scheduling',
    vmiPhase: true,
    title: (t) => t('Scheduling'),
    explanation: (t) => t('A node is being chosen for the VirtualMachineInstance.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'Scheduled',
    vmiPhase: true,
    title: (t) => t('Scheduled'),
    explanation: (t) => t('The VirtualMachineInstance has a node and is starting.'),
    tone: BUSY,
    icon: <InProgressIcon />,
  },
  {
    status: 'Succeeded',
    vmiPhase: true,
    title: (t) => t('Succeeded'),
    explanation: (t) => t('The guest shut down by itself.'),
    tone: IDLE,
    icon: <OffIcon />,
  },
  {
    status: 'Failed',
    vmiPhase: true,
    title: (t) => t('Failed'),
    explanation: (t) => t('The guest ended with an error.'),
    remedy: (t) => t('Read the events to see why.'),
    tone: ERROR,
    icon: <ExclamationCircleIcon />,
  },
];

const BY_STATUS = new Map(VM_STATUSES.map((info) => [info.status, info]));

/** The info of a status; an unexpected one is shown as it is, as a warning. */
export const vmStatusInfo = (status: string): VmStatusInfo =>
  BY_STATUS.get(status) ?? {
    status,
    title: () => status,
    explanation: (t) => t('KubeVirt reports this status; see the VM’s conditions and events.'),
    tone: WARNING,
    icon: <ExclamationTriangleIcon />,
  };

/** The statuses a VM can have, for the Status filter. */
export const VM_STATUS_FILTER_OPTIONS = VM_STATUSES.filter((info) => !info.vmiPhase).map(
  (info) => info.status,
);
