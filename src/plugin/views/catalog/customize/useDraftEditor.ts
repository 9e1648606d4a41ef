import { useEffect, useMemo, useRef } from 'react';
import type { JsonPatchOp, VirtualMachine } from '../../../api/types';
import type { VmEditor } from '../../vms/details/configuration/editor/vmEditor';
import type { VmDraft } from '../draft/vmDraft';
import { patchDraftVm, withPrerequisite } from './draftChanges';

const ALLOWED = { allowed: true, loading: false } as const;

/**
 * The configuration forms' editor of a VM not created yet: `patch` applies in memory as the API
 * server would (refusals are `Status` errors the forms show), objects the forms create join the
 * draft's prerequisites, and the project's SSH key waits for the creation. Nothing is sent.
 */
export const useDraftEditor = (draft: VmDraft, setDraft: (draft: VmDraft) => void): VmEditor => {
  // The newest draft, also between a change and the render showing it: a form may create its
  // Secret and patch the VM in one submit.
  const latest = useRef(draft);
  useEffect(() => {
    latest.current = draft;
  }, [draft]);

  return useMemo(() => {
    const change = (next: VmDraft) => {
      latest.current = next;
      setDraft(next);
    };
    return {
      vm: draft.vm,
      live: false,
      access: ALLOWED,
      patch: async (ops: JsonPatchOp[]): Promise<VirtualMachine> => {
        if (!ops.length) return latest.current.vm;
        const vm = patchDraftVm(latest.current.vm, ops);
        change({ ...latest.current, vm });
        return vm;
      },
      createObject: async (model, object) => {
        const result = withPrerequisite(latest.current, model, object);
        change(result.draft);
        return result.object;
      },
      projectSshKey: {
        secretName: draft.projectSshKey,
        set: (secretName) => {
          const { projectSshKey: _previous, ...rest } = latest.current;
          change(secretName ? { ...rest, projectSshKey: secretName } : rest);
        },
      },
    };
  }, [draft, setDraft]);
};
