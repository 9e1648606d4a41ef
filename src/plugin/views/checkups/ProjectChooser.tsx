import { Alert } from '@patternfly/react-core';
import { useNavigate } from 'react-router';
import { usePluginTranslation } from '../../i18n';
import { ProjectSelect } from '../catalog/ProjectSelect';
import { useProjectNames } from '../catalog/useProjectNames';
import type { CheckupKind } from './checkupKinds';
import { checkupsPath } from './checkupPaths';

/** In all projects: permissions are installed and checkups run in one project; pick it. */
export const ProjectChooser = ({ kind }: { kind: CheckupKind }) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const projects = useProjectNames();
  return (
    <Alert
      variant="info"
      isInline
      title={t('Choose a project to install permissions and run checkups')}
    >
      <ProjectSelect
        id="checkups-project"
        label={t('Project')}
        value=""
        names={projects.isError ? undefined : (projects.data ?? [])}
        isDisabled={projects.isPending}
        onChange={(namespace) => {
          if (namespace) void navigate(checkupsPath(namespace, kind));
        }}
      />
    </Alert>
  );
};
