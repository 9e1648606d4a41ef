import { Label, Skeleton } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n';
import type { InstallState } from './hooks/useCheckupPermissions';

/** Whether the checkup's service account, roles and bindings are in the project. */
export const PermissionsStatus = ({
  state,
  loading,
}: {
  state?: InstallState;
  loading: boolean;
}) => {
  const { t } = usePluginTranslation();
  if (loading) return <Skeleton width="160px" screenreaderText={t('Reading the permissions')} />;
  switch (state) {
    case 'installed':
      return <Label status="success">{t('Permissions installed')}</Label>;
    case 'partial':
      return <Label status="warning">{t('Permissions partly installed')}</Label>;
    case 'missing':
      return <Label color="grey">{t('Permissions not installed')}</Label>;
    case 'unknown':
      return <Label color="grey">{t('Permissions cannot be read')}</Label>;
    default:
      return null;
  }
};
