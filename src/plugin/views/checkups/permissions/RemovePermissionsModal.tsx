import {
  Alert,
  Button,
  Content,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useId, useState } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { removePermissions, type PermissionResult } from '../actions/permissionMutations';
import type { CheckupDefinition } from '../checkupKinds';
import { isClusterScoped, type PermissionObject } from '../model/permissionObjects';
import { PermissionResultsList } from './PermissionResultsList';

/** Names what goes (the cluster binding only loses this project's account), then removes it. */
export const RemovePermissionsModal = ({
  checkup,
  namespace,
  entries,
  canUnbindCluster,
  onClose,
  onFinished,
}: {
  checkup: CheckupDefinition;
  namespace: string;
  entries: readonly PermissionObject[];
  canUnbindCluster: boolean;
  onClose(): void;
  onFinished(): void;
}) => {
  const { t } = usePluginTranslation();
  const titleId = useId();
  const [phase, setPhase] = useState<'review' | 'running' | 'done'>('review');
  const [results, setResults] = useState<(PermissionResult | undefined)[]>([]);
  const remove = async () => {
    setPhase('running');
    await removePermissions(entries, {
      skipClusterScoped: !canUnbindCluster,
      onResult: (result, index) =>
        setResults((current) => {
          const next = [...current];
          next[index] = result;
          return next;
        }),
    });
    setPhase('done');
    onFinished();
  };
  const failed = results.some((r) => r?.outcome === 'failed');
  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby={titleId}>
      <ModalHeader title={t('Remove permissions')} labelId={titleId} titleIconVariant="warning" />
      <ModalBody>
        {phase === 'review' ? (
          <>
            <Content component="p">
              {t(
                'The {{checkup}} checkup cannot run in project {{namespace}} without these. Checkups already listed, and their results, stay. Removed:',
                { checkup: checkup.tabTitle(t), namespace },
              )}
            </Content>
            <List aria-label={t('Objects to remove')}>
              {entries.map((entry) => (
                <ListItem key={`${entry.model.kind}/${entry.object.metadata?.name}`}>
                  {isClusterScoped(entry)
                    ? canUnbindCluster
                      ? t('{{kind}} {{name}}: this project\u2019s account is taken out of it', {
                          kind: entry.model.kind,
                          name: entry.object.metadata?.name,
                        })
                      : t('{{kind}} {{name}}: left to a cluster administrator', {
                          kind: entry.model.kind,
                          name: entry.object.metadata?.name,
                        })
                    : t('{{kind}} {{name}}', {
                        kind: entry.model.kind,
                        name: entry.object.metadata?.name,
                      })}
                </ListItem>
              ))}
            </List>
          </>
        ) : (
          <>
            <PermissionResultsList results={results} />
            {phase === 'done' && failed && (
              <Alert variant="danger" isInline title={t('Some permissions could not be removed')} />
            )}
          </>
        )}
      </ModalBody>
      <ModalFooter>
        {phase === 'done' ? (
          <Button variant="primary" onClick={onClose}>
            {t('Done')}
          </Button>
        ) : (
          <>
            <Button
              variant="danger"
              onClick={() => void remove()}
              isLoading={phase === 'running'}
              isDisabled={phase === 'running'}
            >
              {t('Remove')}
            </Button>
            <Button variant="link" onClick={onClose} isDisabled={phase === 'running'}>
              {t('Cancel')}
            </Button>
          </>
        )}
      </ModalFooter>
    </Modal>
  );
};
