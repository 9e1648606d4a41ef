import { Alert, AlertActionLink, Label, Spinner } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import { closeMessage } from './closeMessage';
import type { SerialConnectionState } from './useSerialSocket';
import { useSecondsUntil } from '../useSecondsUntil';

/** The connection status shown in the toolbar. */
export const SerialStatusLabel = ({ state }: { state: SerialConnectionState }) => {
  const { t } = usePluginTranslation();
  const retry = state.phase === 'disconnected' ? state : undefined;
  const seconds = useSecondsUntil(retry?.retryAt);
  switch (state.phase) {
    case 'idle':
      return <Label color="grey">{t('Not connected')}</Label>;
    case 'connecting':
      return (
        <Label color="blue" icon={<Spinner size="sm" aria-hidden />}>
          {t('Connecting')}
        </Label>
      );
    case 'connected':
      return <Label color="green">{t('Connected')}</Label>;
    case 'disconnected':
      return (
        <Label color={state.kind ? 'orange' : 'grey'}>
          {seconds === undefined
            ? t('Disconnected')
            : t('Reconnecting in {{seconds}} s…', { seconds })}
        </Label>
      );
  }
};

interface SerialCloseAlertProps {
  state: SerialConnectionState;
  onTakeOver: () => void;
  onReconnect: () => void;
}

/** Why the console closed and what the user can do, under the toolbar. */
export const SerialCloseAlert = ({ state, onTakeOver, onReconnect }: SerialCloseAlertProps) => {
  const { t } = usePluginTranslation();
  if (state.phase !== 'disconnected' || !state.kind) return null;
  const message = closeMessage(state.kind, t);
  const actions =
    message.action === 'take-over' ? (
      <AlertActionLink onClick={onTakeOver}>{t('Take over')}</AlertActionLink>
    ) : message.action === 'reconnect' ? (
      <AlertActionLink onClick={onReconnect}>{t('Reconnect')}</AlertActionLink>
    ) : undefined;
  return (
    <Alert isInline variant={message.variant} title={message.title} actionLinks={actions}>
      {state.reason}
    </Alert>
  );
};
