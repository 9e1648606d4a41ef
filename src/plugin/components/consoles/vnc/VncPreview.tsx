import { Bullseye, Spinner } from '@patternfly/react-core';
import { useRef, type CSSProperties } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { useVncConnection } from './useVncConnection';
import { vncCloseText } from './VncStatusPanel';

const frameStyle: CSSProperties = {
  position: 'relative',
  width: '100%',
  aspectRatio: '4 / 3',
  overflow: 'hidden',
  background: 'var(--pf-t--global--background--color--inverse--default)',
};

const overlayStyle: CSSProperties = {
  position: 'absolute',
  inset: 0,
  color: 'var(--pf-t--global--text--color--on-brand--default, #fff)',
  textAlign: 'center',
  padding: 'var(--pf-t--global--spacer--md)',
};

/**
 * A small, view-only live picture of a VM's VNC console for the Overview tab. It never takes
 * the console from someone else (preserveSession): when another viewer holds it, it says so.
 */
const VncPreview = ({ namespace, name }: { namespace: string; name: string }) => {
  const { t } = usePluginTranslation();
  const screen = useRef<HTMLDivElement>(null);
  const { state } = useVncConnection({
    namespace,
    name,
    target: screen,
    autoConnect: true,
    viewOnly: true,
    scaleViewport: true,
  });
  const message =
    state.phase === 'disconnected' ? vncCloseText(t, state.kind)[0] : t('Not connected');
  return (
    <div style={frameStyle}>
      <div
        ref={screen}
        role="img"
        aria-label={t('Live preview of the VNC console of {{name}}', { name })}
        style={{ position: 'absolute', inset: 0 }}
      />
      {state.phase !== 'connected' && (
        <Bullseye style={overlayStyle} role="status">
          {state.phase === 'connecting' ? (
            <Spinner size="lg" aria-label={t('Connecting to the console')} />
          ) : (
            message
          )}
        </Bullseye>
      )}
    </div>
  );
};

export default VncPreview;
