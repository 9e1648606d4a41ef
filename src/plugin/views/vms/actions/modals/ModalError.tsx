import { Alert } from '@patternfly/react-core';
import { errorMessage } from '../../../../api/bff';
import { usePluginTranslation } from '../../../../i18n';

/** The server's `Status` message of a failed submit, shown inside the dialog that sent it. */
export const ModalError = ({ error, title }: { error: unknown; title?: string }) => {
  const { t } = usePluginTranslation();
  if (!error) return null;
  return (
    <Alert variant="danger" isInline title={title ?? t('The request failed')} role="alert">
      {errorMessage(error)}
    </Alert>
  );
};
