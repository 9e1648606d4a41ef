import { vmDetailsPath } from '../../../../api/links';
import { vmRefFromPath } from '../detailsPaths';

/** The segments after the VM's details path that name the standalone console page. */
export const CONSOLE_WINDOW_SEGMENTS = 'console/standalone';

/** `/k8s/ns/NS/kubevirt.io~v1~VirtualMachine/NAME/console/standalone`: the console alone. */
export const consoleWindowPath = (namespace: string, name: string): string =>
  vmDetailsPath(namespace, name, CONSOLE_WINDOW_SEGMENTS);

/** The VM a standalone console URL names (the same scheme as the details page). */
export const consoleRefFromPath = vmRefFromPath;

/** Opens the standalone console in a new window; `noopener` keeps the two pages apart. */
export const openConsoleWindow = (namespace: string, name: string): void => {
  window.open(consoleWindowPath(namespace, name), '_blank', 'noopener');
};
