import { Alert, EmptyState, EmptyStateBody, Stack, StackItem } from '@patternfly/react-core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/bff';
import { usePluginTranslation } from '../../i18n';
import { LoadingSkeleton } from '../vms/details/DetailsStates';
import type { CheckupDefinition } from './checkupKinds';
import { checkupDetailsPath } from './checkupPaths';
import { CheckupsToolbar, type TabDialog } from './CheckupsToolbar';
import { RunCheckupModal } from './form/RunCheckupModal';
import { useCheckupAccess } from './hooks/useCheckupAccess';
import { permissionsQueryKey, useCheckupPermissions } from './hooks/useCheckupPermissions';
import { useCheckups } from './hooks/useCheckups';
import { CheckupsEmptyState } from './list/CheckupsEmptyState';
import { CheckupsTable } from './list/CheckupsTable';
import { ClusterReaderNotice } from './permissions/ClusterReaderNotice';
import { InstallPermissionsModal } from './permissions/InstallPermissionsModal';
import { RemovePermissionsModal } from './permissions/RemovePermissionsModal';
import { ProjectChooser } from './ProjectChooser';

/**
 * One checkup's tab: its permissions in the project (install, remove), Run checkup, and the
 * checkups listed live. In all projects it lists every project's and asks for a project first.
 */
export const CheckupsTab = ({
  checkup,
  namespace,
}: {
  checkup: CheckupDefinition;
  namespace?: string;
}) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { rows, loaded, error, partialErrors } = useCheckups(checkup, namespace);
  const permissions = useCheckupPermissions(checkup.kind, namespace);
  const access = useCheckupAccess(checkup.kind, namespace);
  const [dialog, setDialog] = useState<TabDialog>();
  const close = () => setDialog(undefined);
  const reread = () =>
    void queryClient.invalidateQueries({
      queryKey: permissionsQueryKey(checkup.kind, namespace ?? ''),
    });
  const installedHere = permissions.install === 'installed' || permissions.install === 'partial';
  const clusterReaderMissing =
    checkup.kind === 'storage' && installedHere && permissions.clusterBinding !== 'present';

  const list = () => {
    if (error)
      return (
        <EmptyState
          headingLevel="h2"
          status="danger"
          titleText={t('Checkups failed to load')}
          variant="sm"
        >
          <EmptyStateBody>{errorMessage(error)}</EmptyStateBody>
        </EmptyState>
      );
    if (!loaded) return <LoadingSkeleton label={t('Loading checkups')} />;
    if (rows.length === 0)
      return (
        <CheckupsEmptyState checkup={checkup} namespace={namespace} install={permissions.install} />
      );
    return (
      <CheckupsTable
        checkup={checkup}
        rows={rows}
        allProjects={!namespace}
        serviceAccountMissing={permissions.serviceAccountExists === false}
      />
    );
  };

  return (
    <Stack hasGutter>
      {!namespace && (
        <StackItem>
          <ProjectChooser kind={checkup.kind} />
        </StackItem>
      )}
      <StackItem>
        <CheckupsToolbar
          checkup={checkup}
          namespace={namespace}
          permissions={permissions}
          access={access}
          onOpen={setDialog}
        />
      </StackItem>
      {namespace && clusterReaderMissing && (
        <StackItem>
          <ClusterReaderNotice namespace={namespace} state={permissions.clusterBinding} />
        </StackItem>
      )}
      {partialErrors.length > 0 && (
        <StackItem>
          <Alert variant="warning" isInline title={t('Some checkups could not be read')}>
            {errorMessage(partialErrors[0])}
          </Alert>
        </StackItem>
      )}
      <StackItem>{list()}</StackItem>
      {namespace && dialog === 'install' && (
        <InstallPermissionsModal
          checkup={checkup}
          namespace={namespace}
          entries={permissions.entries}
          canBindCluster={access.clusterBinding.install}
          onClose={close}
          onFinished={reread}
        />
      )}
      {namespace && dialog === 'remove' && (
        <RemovePermissionsModal
          checkup={checkup}
          namespace={namespace}
          entries={permissions.entries}
          canUnbindCluster={access.clusterBinding.remove}
          onClose={close}
          onFinished={reread}
        />
      )}
      {namespace && dialog === 'run' && (
        <RunCheckupModal
          checkup={checkup}
          namespace={namespace}
          takenNames={rows.map((row) => row.name)}
          canListNodes={access.listNodes}
          onClose={close}
          onCreated={(name) => void navigate(checkupDetailsPath(namespace, checkup.kind, name))}
        />
      )}
    </Stack>
  );
};
