// @vitest-environment jsdom
import { consoleRefFromPath, consoleWindowPath, openConsoleWindow } from './consolePaths';

describe('consolePaths', () => {
  it('builds the standalone route under the VM details path', () => {
    expect(consoleWindowPath('demo', 'fedora-vm')).toBe(
      '/k8s/ns/demo/kubevirt.io~v1~VirtualMachine/fedora-vm/console/standalone',
    );
  });

  it('reads the VM back from the standalone URL', () => {
    expect(consoleRefFromPath(consoleWindowPath('my-ns', 'win-2k22'))).toEqual({
      namespace: 'my-ns',
      name: 'win-2k22',
    });
    expect(consoleRefFromPath('/k8s/ns/demo/pods')).toBeUndefined();
  });

  it('opens the page in a new window without an opener', () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    openConsoleWindow('demo', 'fedora-vm');
    expect(open).toHaveBeenCalledWith(
      '/k8s/ns/demo/kubevirt.io~v1~VirtualMachine/fedora-vm/console/standalone',
      '_blank',
      'noopener',
    );
  });
});
