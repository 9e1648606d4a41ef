import { Alert } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import type { VmEditor } from './vmEditor';

/**
 * In a form whose change a running VM only picks up when it restarts. Given the editor, it shows
 * only while the VM runs; without one the caller decides.
 */
export const RestartHint = ({ editor, children }: { editor?: VmEditor; children?: ReactNode }) => {
  const { t } = usePluginTranslation();
  if (editor && !(editor.live && editor.vmi)) return null;
  return (
    <Alert
      variant="info"
      isInline
      isPlain
      title={t('Takes effect after the VirtualMachine restarts')}
    >
      {children}
    </Alert>
  );
};
