import { Alert, AlertActionLink, Spinner } from '@patternfly/react-core';
import type { ConsoleCloseKind } from '../../../../common/consoleSocket';
import { usePluginTranslation } from '../../../i18n';
import type { VncState } from './vncState';

type Translate = ReturnType<typeof usePluginTranslation>['t'];

/** Title and advice for each way a console closes. */
export const vncCloseText = (
  t: Translate,
  kind: ConsoleCloseKind | undefined,
): [string, string] => {
  switch (kind) {
    case 'not-running':
      return [t('The VM is not running'), t('Start the VM; the console connects when it runs.')];
    case 'forbidden':
      return [
        t('You may not open this console'),
        t('Ask an administrator for access to the VM’s VNC console (virtualmachineinstances/vnc).'),
      ];
    case 'not-found':
      return [t('The VM instance was not found'), t('The VM may have been deleted or stopped.')];
    case 'no-display':
      return [t('This VM has no display'), t('Use the serial console instead.')];
    case 'unauthorized':
      return [t('You are not logged in'), t('Log in again, then reconnect.')];
    case 'session-in-use':
      return [
        t('Someone else is using this console'),
        t('Another viewer holds the VNC session. Taking over disconnects them.'),
      ];
    case 'session-taken':
      return [
        t('Another viewer took over this console'),
        t('Reconnect to ask for it back; you will be asked before taking it over.'),
      ];
    case 'unavailable':
    case 'upstream-closed':
      return [t('The connection to the console was lost'), ''];
    default:
      return [t('Disconnected'), ''];
  }
};

/** What the console shows instead of (or above) the screen when it is not connected. */
export const VncStatusPanel = ({
  state,
  secondsLeft,
  onTakeOver,
}: {
  state: VncState;
  secondsLeft: number | undefined;
  onTakeOver: () => void;
}) => {
  const { t } = usePluginTranslation();
  if (state.phase === 'connected') return null;
  if (state.phase === 'connecting')
    return (
      <div className="virtualization-plugin-vnc-status" role="status">
        <Spinner size="lg" aria-label={t('Connecting to the console')} />
      </div>
    );
  if (state.phase === 'idle' || state.byUser)
    return (
      <Alert
        isInline
        variant="info"
        title={state.phase === 'idle' ? t('Not connected') : t('Disconnected')}
      />
    );
  const [title, advice] = vncCloseText(t, state.kind);
  const variant =
    state.kind === 'forbidden' || state.kind === 'unauthorized' || state.kind === 'not-found'
      ? 'danger'
      : state.kind === 'not-running' || state.kind === 'no-display'
        ? 'info'
        : 'warning';
  return (
    <Alert
      isInline
      variant={variant}
      title={title}
      actionLinks={
        state.kind === 'session-in-use' ? (
          <AlertActionLink onClick={onTakeOver}>{t('Take over')}</AlertActionLink>
        ) : undefined
      }
    >
      {advice && <p>{advice}</p>}
      {state.reason && <p>{t('The cluster said: {{reason}}', { reason: state.reason })}</p>}
      {secondsLeft !== undefined && (
        <p>{t('Reconnecting in {{seconds}} s…', { seconds: secondsLeft })}</p>
      )}
    </Alert>
  );
};
