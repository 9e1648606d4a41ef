import { Flex, FlexItem } from '@patternfly/react-core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { usePluginTranslation } from '../../../i18n';
import { actionBlockers } from '../actionBlockers';
import { DeleteCheckupModal, RerunCheckupModal } from '../CheckupActionModals';
import type { CheckupDefinition } from '../checkupKinds';
import { checkupsPath } from '../checkupPaths';
import { GuardedButton } from '../GuardedButton';
import { useCheckupAccess } from '../hooks/useCheckupAccess';
import type { CheckupStatus } from '../model/checkupStatus';
import type { ConfigMap, Job } from '../model/types';

/** Rerun and Delete on the details page; Delete returns to the tab. */
export const CheckupDetailsActions = ({
  checkup,
  namespace,
  configMap,
  jobs,
  status,
}: {
  checkup: CheckupDefinition;
  namespace: string;
  configMap: ConfigMap;
  jobs: readonly Job[];
  status: CheckupStatus;
}) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const access = useCheckupAccess(checkup.kind, namespace);
  const [dialog, setDialog] = useState<'rerun' | 'delete'>();
  const blockers = (action: 'rerun' | 'delete') =>
    access.loading ? [] : actionBlockers(action, status, access, namespace, t);
  return (
    <>
      <Flex spaceItems={{ default: 'spaceItemsSm' }}>
        <FlexItem>
          <GuardedButton
            variant="secondary"
            blockers={blockers('rerun')}
            checking={access.loading}
            onClick={() => setDialog('rerun')}
          >
            {t('Rerun')}
          </GuardedButton>
        </FlexItem>
        <FlexItem>
          <GuardedButton
            variant="secondary"
            isDanger
            blockers={blockers('delete')}
            checking={access.loading}
            onClick={() => setDialog('delete')}
          >
            {t('Delete')}
          </GuardedButton>
        </FlexItem>
      </Flex>
      {dialog === 'rerun' && (
        <RerunCheckupModal
          checkup={checkup}
          configMap={configMap}
          jobs={jobs}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'delete' && (
        <DeleteCheckupModal
          checkup={checkup}
          configMap={configMap}
          jobs={jobs}
          onClose={() => setDialog(undefined)}
          onDone={() => void navigate(checkupsPath(namespace, checkup.kind))}
        />
      )}
    </>
  );
};
