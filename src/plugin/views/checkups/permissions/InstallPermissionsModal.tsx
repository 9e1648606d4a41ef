import {
  Alert,
  Button,
  CodeBlock,
  CodeBlockCode,
  Content,
  ExpandableSection,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useId, useState } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { installPermissions, type PermissionResult } from '../actions/permissionMutations';
import type { CheckupDefinition } from '../checkupKinds';
import { isClusterScoped, type PermissionObject } from '../model/permissionObjects';
import { ClusterReaderNotice } from './ClusterReaderNotice';
import { PermissionObjectsTable, permissionsYaml } from './PermissionObjectsTable';
import { PermissionResultsList } from './PermissionResultsList';

export interface InstallPermissionsModalProps {
  checkup: CheckupDefinition;
  namespace: string;
  entries: readonly PermissionObject[];
  /** May the user create the cluster-wide binding? Else it is skipped and explained. */
  canBindCluster: boolean;
  onClose(): void;
  /** After the last object was tried (to read the objects again). */
  onFinished(): void;
}

/**
 * Shows exactly what will be created (kind, name, the rules as a table, the YAML), then creates
 * it object by object and reports each one's outcome.
 */
export const InstallPermissionsModal = ({
  checkup,
  namespace,
  entries,
  canBindCluster,
  onClose,
  onFinished,
}: InstallPermissionsModalProps) => {
  const { t } = usePluginTranslation();
  const titleId = useId();
  const [phase, setPhase] = useState<'review' | 'running' | 'done'>('review');
  const [results, setResults] = useState<(PermissionResult | undefined)[]>([]);
  const [showYaml, setShowYaml] = useState(false);
  const skipped = (entry: PermissionObject) => !canBindCluster && isClusterScoped(entry);
  const skipsCluster = entries.some(skipped);

  const install = async () => {
    setPhase('running');
    await installPermissions(entries, {
      skipClusterScoped: !canBindCluster,
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
  const failed = results.filter((r) => r?.outcome === 'failed');

  return (
    <Modal isOpen onClose={onClose} variant="large" aria-labelledby={titleId}>
      <ModalHeader
        title={t('Install permissions')}
        labelId={titleId}
        description={t(
          'The {{checkup}} checkup runs as its own service account in project {{namespace}}, with only the rights below. Objects that exist already are kept and brought up to date.',
          { checkup: checkup.tabTitle(t), namespace },
        )}
      />
      <ModalBody>
        {phase === 'review' ? (
          <>
            {skipsCluster && <ClusterReaderNotice namespace={namespace} />}
            <Content component="p">{t('These objects will be created:')}</Content>
            <PermissionObjectsTable entries={entries} namespace={namespace} skipped={skipped} />
            <ExpandableSection
              toggleText={showYaml ? t('Hide YAML') : t('Show YAML')}
              isExpanded={showYaml}
              onToggle={(_, expanded) => setShowYaml(expanded)}
            >
              <CodeBlock>
                <CodeBlockCode>{permissionsYaml(entries)}</CodeBlockCode>
              </CodeBlock>
            </ExpandableSection>
          </>
        ) : (
          <>
            <PermissionResultsList results={results} />
            {phase === 'done' && failed.length > 0 && (
              <Alert variant="danger" isInline title={t('Some permissions could not be installed')}>
                {t(
                  'The messages above are the cluster\u2019s. Creating a Role needs every right it grants (or the escalate verb): someone who holds them, such as a project administrator, can install the permissions.',
                )}
              </Alert>
            )}
            {phase === 'done' && failed.length === 0 && skipsCluster && (
              <ClusterReaderNotice namespace={namespace} />
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
              variant="primary"
              onClick={() => void install()}
              isLoading={phase === 'running'}
              isDisabled={phase === 'running'}
            >
              {t('Install')}
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
