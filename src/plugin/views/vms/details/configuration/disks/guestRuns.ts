import type { VmEditor } from '../editor/vmEditor';

/** The VM's guest runs: disks added or removed now are hot-plugged; other changes wait for a restart. */
export const guestRuns = (editor: VmEditor): boolean =>
  editor.live && editor.vmi?.status?.phase === 'Running';

/** The VM's namespace and name, for subresource calls. */
export const vmRef = (editor: VmEditor) => ({
  namespace: editor.vm.metadata?.namespace ?? '',
  name: editor.vm.metadata?.name ?? '',
});
