import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';
import { NO_ACCESS, type VmActionAccess } from './vmActionAccess';
import type { VirtualMachineInstanceMigration } from './vmState';

/** VMs and VMIs in the states the action tests walk through. */

export const vm = (
  name: string,
  spec: Partial<NonNullable<VirtualMachine['spec']>> = {},
  extra: {
    status?: VirtualMachine['status'];
    labels?: Record<string, string>;
    deleting?: boolean;
  } = {},
): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: {
    name,
    namespace: 'ns',
    uid: `uid-${name}`,
    labels: extra.labels,
    ...(extra.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
  },
  spec: { runStrategy: 'Halted', template: { spec: { domain: { devices: {} } } }, ...spec },
  status: extra.status,
});

export const vmi = (
  name: string,
  phase: string,
  options: { paused?: boolean; migrating?: boolean; liveMigratable?: boolean | string } = {},
): VirtualMachineInstance => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name, namespace: 'ns' },
  spec: { domain: { devices: {} } },
  status: {
    phase,
    nodeName: 'node-1',
    conditions: [
      ...(options.paused ? [{ type: 'Paused', status: 'True' }] : []),
      options.liveMigratable === undefined || options.liveMigratable === true
        ? { type: 'LiveMigratable', status: 'True' }
        : {
            type: 'LiveMigratable',
            status: 'False',
            reason: 'DisksNotLiveMigratable',
            message: String(options.liveMigratable),
          },
    ],
    ...(options.migrating ? { migrationState: { completed: false, sourceNode: 'node-1' } } : {}),
  },
});

export const migration = (name: string): VirtualMachineInstanceMigration => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstanceMigration',
  metadata: { name: `${name}-migration-abcde`, namespace: 'ns' },
  spec: { vmiName: name },
  status: { phase: 'Running' },
});

export const ADMIN: VmActionAccess = Object.fromEntries(
  Object.keys(NO_ACCESS).map((key) => [key, true]),
) as unknown as VmActionAccess;

/** A project admin: everything in the namespace, but no migrations and no nodes. */
export const DEVELOPER: VmActionAccess = {
  ...ADMIN,
  migrate: false,
  cancelMigration: false,
  listNodes: false,
};

export const VIEWER: VmActionAccess = NO_ACCESS;

/** `t` as the tests see it: the English key with its values filled in. */
export const t = (key: string, options: Record<string, unknown> = {}) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''));
