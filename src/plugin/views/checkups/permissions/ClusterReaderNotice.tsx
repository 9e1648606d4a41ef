import { Alert, ClipboardCopy, Content } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import { STORAGE_CHECKUP } from '../checkupKinds';
import type { PermissionState } from '../actions/permissionMutations';
import { clusterReaderCommand, clusterReaderPatchCommand } from '../model/permissionObjects';

const Command = ({ command, label }: { command: string; label: string }) => {
  const { t } = usePluginTranslation();
  return (
    <ClipboardCopy
      isReadOnly
      isCode
      hoverTip={t('Copy')}
      clickTip={t('Copied')}
      textAriaLabel={label}
      toggleAriaLabel={t('Show the whole command')}
    >
      {command}
    </ClipboardCopy>
  );
};

/**
 * The storage checkup reads the whole cluster through `cluster-reader`, which only a cluster
 * administrator can bind: what happens without it, and the command to give the administrator.
 * `state`: what reading the binding found (`unknown`: the user may not read it).
 */
export const ClusterReaderNotice = ({
  namespace,
  state,
}: {
  namespace: string;
  state?: PermissionState;
}) => {
  const { t } = usePluginTranslation();
  return (
    <Alert
      variant={state === 'unknown' ? 'info' : 'warning'}
      isInline
      title={t('A cluster administrator must bind cluster-reader')}
    >
      <Content component="p">
        {t(
          'The storage checkup reads storage classes, storage profiles and golden images across the cluster. Until a cluster administrator binds the ClusterRole cluster-reader to service account {{account}} of project {{namespace}}, the checkup reports that it cannot read cluster-wide objects. Ask an administrator to run:',
          { account: STORAGE_CHECKUP.serviceAccount, namespace },
        )}
      </Content>
      <Command
        command={clusterReaderCommand(namespace)}
        label={t('Command that binds cluster-reader')}
      />
      <Content component="p">
        {t(
          'If the binding already exists for another project, this adds the project\u2019s account to it:',
        )}
      </Content>
      <Command
        command={clusterReaderPatchCommand(namespace)}
        label={t('Command that adds the account to the existing binding')}
      />
      {state === 'unknown' && (
        <Content component="p">
          {t(
            'You cannot read cluster-wide bindings: if an administrator already did this, ignore this notice.',
          )}
        </Content>
      )}
    </Alert>
  );
};
