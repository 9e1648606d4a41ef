import { stringify } from 'yaml';
import type { VmDraft } from './vmDraft';

/**
 * The draft's objects as one YAML stream, in the order they are created: the prerequisites,
 * then the VM. What `oc create -f` of this text creates is what "Create VirtualMachine" creates.
 */
export const manifestYaml = (draft: VmDraft): string =>
  [...draft.prerequisites, draft.vm]
    .map((object) => stringify(object, { lineWidth: 0 }))
    .join('---\n');

/** The download's file name: `<vm name>.yaml`. */
export const manifestFileName = (draft: VmDraft): string =>
  `${draft.vm.metadata?.name || 'virtualmachine'}.yaml`;
