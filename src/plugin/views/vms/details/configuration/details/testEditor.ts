// A VM editor for the sub-tab tests: `patch` is a mock that answers with the VM.
import { vi } from 'vitest';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../../api/types';
import type { VmEditor } from '../editor/vmEditor';

export const editorFor = (
  vm: VirtualMachine,
  overrides: Partial<Omit<VmEditor, 'patch'>> & { vmi?: VirtualMachineInstance } = {},
) => {
  const patch = vi.fn<VmEditor['patch']>().mockResolvedValue(vm);
  const editor: VmEditor = {
    vm,
    live: true,
    access: { allowed: true, loading: false },
    patch,
    ...overrides,
  };
  return { editor, patch };
};
