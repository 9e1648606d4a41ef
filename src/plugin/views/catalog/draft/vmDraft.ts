import type { K8sObject, VirtualMachine } from '../../../api/types';

/**
 * A VM about to be created, and what must exist before it: every creation flow (instance
 * types, templates, customize) builds one, and `createFromDraft` creates it or nothing.
 */
export interface VmDraft {
  vm: VirtualMachine;
  /** Objects created first, in order (the SSH key Secret, the sysprep ConfigMap). */
  prerequisites: K8sObject[];
  /**
   * "Apply this key to all new VirtualMachines in this project": the key Secret (one of the
   * prerequisites) to remember as the project's once the VM exists. It is not owned by the VM,
   * so deleting the VM leaves it for the others.
   */
  projectSshKey?: string;
}
