import {
  Button,
  Content,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  Flex,
} from '@patternfly/react-core';
import { usePluginTranslation } from '../../../../i18n';
import { OsLogo } from './OsLogo';

/** No volume at all (a fresh or disconnected cluster): the Windows, RHEL and Linux marks. */
export const NoVolumesState = ({ onAdd }: { onAdd(): void }) => {
  const { t } = usePluginTranslation();
  return (
    <EmptyState headingLevel="h3" titleText={t('No volumes to boot from')} variant="sm">
      <EmptyStateBody>
        <Flex justifyContent={{ default: 'justifyContentCenter' }}>
          <OsLogo os="windows" label={t('Windows')} size={56} />
          <OsLogo os="rhel" label={t('Red Hat Enterprise Linux')} size={56} />
          <OsLogo os="linux" label={t('Linux')} size={56} />
        </Flex>
        <Content component="p">
          {t(
            'Add a volume to boot VirtualMachines from: upload an image, or use a PersistentVolumeClaim, a VolumeSnapshot, a container disk in a registry or an image at a URL.',
          )}
        </Content>
      </EmptyStateBody>
      <EmptyStateFooter>
        <EmptyStateActions>
          <Button variant="primary" onClick={onAdd}>
            {t('Add volume')}
          </Button>
        </EmptyStateActions>
      </EmptyStateFooter>
    </EmptyState>
  );
};
