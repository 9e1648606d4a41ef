import type { TFunction } from 'i18next';
import { vmListPath } from '../../../api/links';
import { parseListState, writeListState } from '../../vms/list/listQuery';
import { VM_STATUSES } from '../../vms/list/vmStatusInfo';

/** A row of the inventory's VM statuses: the printable statuses it counts. */
export interface VmStatusGroup {
  id: string;
  title: (t: TFunction) => string;
  statuses: string[];
}

/** Every status the VM list colours as an error (a VM's, or a standalone VMI's Failed). */
const ERROR_STATUSES = VM_STATUSES.filter((info) => info.tone.status === 'danger').map(
  (info) => info.status,
);

export const VM_STATUS_GROUPS: VmStatusGroup[] = [
  { id: 'running', title: (t) => t('Running'), statuses: ['Running'] },
  { id: 'stopped', title: (t) => t('Stopped'), statuses: ['Stopped'] },
  { id: 'paused', title: (t) => t('Paused'), statuses: ['Paused'] },
  { id: 'migrating', title: (t) => t('Migrating'), statuses: ['Migrating'] },
  {
    id: 'transitioning',
    title: (t) => t('Starting or stopping'),
    statuses: [
      'Provisioning',
      'Starting',
      'Stopping',
      'Terminating',
      'WaitingForVolumeBinding',
      'WaitingForReceiver',
      'Pending',
      'Scheduling',
      'Scheduled',
    ],
  },
  { id: 'error', title: (t) => t('Error'), statuses: ERROR_STATUSES },
];

/**
 * The VirtualMachines list filtered as the list itself writes its URL
 * (`/k8s/ns/NS/kubevirt.io~v1~VirtualMachine?status=A,B`).
 */
export const filteredVmListPath = (
  namespace: string | undefined,
  filters: { status?: string[]; os?: string; label?: string },
): string => {
  const state = { ...parseListState(new URLSearchParams()), ...filters };
  const search = writeListState(new URLSearchParams(), state).toString();
  return `${vmListPath(namespace)}${search ? `?${search}` : ''}`;
};
