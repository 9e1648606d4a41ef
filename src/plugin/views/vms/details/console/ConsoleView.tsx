import { lazy, Suspense } from 'react';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { LoadingSkeleton } from '../DetailsStates';
import type { ConsoleKind } from './consoleChoice';
import { ConsoleNotRunning } from './ConsoleNotRunning';
import { DesktopViewer } from './DesktopViewer';

// noVNC and xterm.js come with these: loaded only when that console is shown.
const VncConsole = lazy(() => import('../../../../components/consoles/vnc/VncConsole'));
const SerialConsole = lazy(() => import('../../../../components/consoles/serial/SerialConsole'));

export interface ConsoleViewProps {
  kind: ConsoleKind;
  namespace: string;
  name: string;
  vm?: VirtualMachine;
  vmi?: VirtualMachineInstance;
  /** Fill the parent's height (the standalone window) rather than a share of the page. */
  fill?: boolean;
}

/** The chosen console; VNC and serial only while the VM runs (a stopped VM has no display). */
export const ConsoleView = ({ kind, namespace, name, vm, vmi, fill }: ConsoleViewProps) => {
  const { t } = usePluginTranslation();
  if (kind === 'desktop') return vm ? <DesktopViewer vm={vm} vmi={vmi} /> : null;
  if (vmi?.status?.phase !== 'Running') return <ConsoleNotRunning vm={vm} />;
  return (
    <Suspense fallback={<LoadingSkeleton label={t('Loading the console')} rows={6} />}>
      {kind === 'vnc' ? (
        <VncConsole namespace={namespace} name={name} fill={fill} />
      ) : (
        <SerialConsole namespace={namespace} name={name} />
      )}
    </Suspense>
  );
};
