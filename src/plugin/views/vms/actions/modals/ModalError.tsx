import { Alert, List, ListItem } from '@patternfly/react-core';
import { errorMessage } from '../../../../api/bff';
import { usePluginTranslation } from '../../../../i18n';

interface Cause {
  field?: string;
  message?: string;
}

const causesOf = (error: unknown): Cause[] =>
  (error as { json?: { details?: { causes?: Cause[] } } } | null)?.json?.details?.causes ?? [];

/**
 * The server's `Status` message of a failed submit, shown inside the dialog that sent it, with
 * the fields it names (`Status.details.causes`).
 */
export const ModalError = ({
  error,
  title,
  showCauses = true,
}: {
  error: unknown;
  title?: string;
  /** False where the form shows each cause at its field. */
  showCauses?: boolean;
}) => {
  const { t } = usePluginTranslation();
  if (!error) return null;
  const causes = showCauses ? causesOf(error).filter((cause) => cause.message) : [];
  return (
    <Alert variant="danger" isInline title={title ?? t('The request failed')} role="alert">
      {errorMessage(error)}
      {causes.length > 0 && (
        <List>
          {causes.map((cause, at) => (
            <ListItem key={at}>
              {cause.field && <code>{cause.field}</code>} <span>{cause.message}</span>
            </ListItem>
          ))}
        </List>
      )}
    </Alert>
  );
};
