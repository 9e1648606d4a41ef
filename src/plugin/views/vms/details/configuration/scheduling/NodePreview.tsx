import {
  Content,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  Spinner,
} from '@patternfly/react-core';
import { errorMessage } from '../../../../../api/bff';
import type { Node } from '../../../../../api/types';
import { usePluginTranslation } from '../../../../../i18n';
import type { NodesState } from './useNodes';

const SHOWN = 10;

/**
 * A live count and list of the nodes `match` keeps, or why there is none to show. Announced
 * politely as the form changes.
 */
export const NodePreview = ({
  state,
  match,
  noneMessage,
  note,
}: {
  state: NodesState;
  match: (nodes: Node[]) => Node[];
  /** Said when no node matches; default: the VM cannot be scheduled. */
  noneMessage?: string;
  /** A line under the count (what the preview leaves out). */
  note?: string;
}) => {
  const { t } = usePluginTranslation();
  const body = () => {
    if (state.forbidden)
      return (
        <HelperText>
          <HelperTextItem>
            {t('You cannot list nodes; the preview is not available.')}
          </HelperTextItem>
        </HelperText>
      );
    if (state.loading) return <Spinner size="md" aria-label={t('Loading nodes')} />;
    if (state.error)
      return (
        <HelperText>
          <HelperTextItem variant="warning">
            {t('The nodes could not be listed: {{message}}', {
              message: errorMessage(state.error),
            })}
          </HelperTextItem>
        </HelperText>
      );
    const matched = match(state.nodes);
    return (
      <>
        <Content component="p">
          {t('{{count}} of {{total}} nodes match', {
            count: matched.length,
            total: state.nodes.length,
          })}
        </Content>
        {matched.length === 0 ? (
          <HelperText>
            <HelperTextItem variant="warning">
              {noneMessage ?? t('No node matches: the VirtualMachine cannot be scheduled.')}
            </HelperTextItem>
          </HelperText>
        ) : (
          <List isPlain aria-label={t('Matching nodes')}>
            {matched.slice(0, SHOWN).map((node) => (
              <ListItem key={node.metadata?.name}>{node.metadata?.name}</ListItem>
            ))}
            {matched.length > SHOWN && (
              <ListItem>{t('and {{count}} more', { count: matched.length - SHOWN })}</ListItem>
            )}
          </List>
        )}
        {note && <Content component="small">{note}</Content>}
      </>
    );
  };
  return (
    <section role="status" aria-live="polite" aria-label={t('Node preview')}>
      {body()}
    </section>
  );
};
