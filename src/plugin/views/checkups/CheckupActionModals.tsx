import { Content, List, ListItem } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n';
import { ConfirmModal } from '../vms/details/snapshots/ConfirmModal';
import { deleteCheckup, rerunCheckup } from './actions/checkupMutations';
import type { CheckupDefinition } from './checkupKinds';
import type { ConfigMap, Job } from './model/types';

interface CheckupModalProps {
  checkup: CheckupDefinition;
  configMap: ConfigMap;
  jobs: readonly Job[];
  onClose(): void;
  /** After the action succeeded (the dialog closes too). */
  onDone?(): void;
}

const jobNames = (jobs: readonly Job[]) => jobs.map((job) => job.metadata?.name ?? '');

/** Delete: names the ConfigMap and every Job (and their pods) that go with it. */
export const DeleteCheckupModal = ({ configMap, jobs, onClose, onDone }: CheckupModalProps) => {
  const { t } = usePluginTranslation();
  const name = configMap.metadata?.name ?? '';
  return (
    <ConfirmModal
      title={t('Delete checkup?')}
      confirmLabel={t('Delete')}
      danger
      action={async () => {
        await deleteCheckup(configMap, jobs);
        onDone?.();
      }}
      onClose={onClose}
    >
      <Content component="p">
        {t(
          'Checkup {{name}} is deleted from project {{namespace}}: its ConfigMap {{name}}, with its parameters and results, and these Jobs with their pods and logs:',
          { name, namespace: configMap.metadata?.namespace },
        )}
      </Content>
      {jobs.length > 0 ? (
        <List aria-label={t('Jobs deleted')}>
          {jobNames(jobs).map((job) => (
            <ListItem key={job}>{job}</ListItem>
          ))}
        </List>
      ) : (
        <Content component="p">{t('(no Jobs)')}</Content>
      )}
    </ConfirmModal>
  );
};

/** Rerun: the results are cleared and the old Jobs deleted before a new Job runs. */
export const RerunCheckupModal = ({
  checkup,
  configMap,
  jobs,
  onClose,
  onDone,
}: CheckupModalProps) => {
  const { t } = usePluginTranslation();
  return (
    <ConfirmModal
      title={t('Rerun checkup?')}
      confirmLabel={t('Rerun')}
      action={async () => {
        await rerunCheckup(checkup, configMap, jobs);
        onDone?.();
      }}
      onClose={onClose}
    >
      <Content component="p">
        {t(
          'Checkup {{name}} runs again with the same parameters. Its current results are cleared and its Jobs ({{jobs}}) are deleted with their logs.',
          {
            name: configMap.metadata?.name,
            jobs: jobNames(jobs).join(', ') || t('none'),
          },
        )}
      </Content>
    </ConfirmModal>
  );
};
