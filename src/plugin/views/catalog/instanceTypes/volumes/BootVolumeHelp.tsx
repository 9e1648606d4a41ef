import { Button, Content, Popover } from '@patternfly/react-core';
import { OutlinedQuestionCircleIcon } from '@patternfly/react-icons';
import { Link } from 'react-router';
import { usePluginTranslation } from '../../../../i18n';
import { DEFAULT_PREFERENCE_LABEL, OS_IMAGES_NAMESPACE } from './bootableVolumes';

/** The console's quick start that builds a Windows boot source from an installation ISO. */
export const WINDOWS_QUICK_START = 'windows-bootsource-pipeline';
export const windowsQuickStartPath = () =>
  `/quickstart?quickstart=${encodeURIComponent(WINDOWS_QUICK_START)}`;

/** The "?" beside "Select volume to boot from": what is listed, and the Windows quick start. */
export const BootVolumeHelp = () => {
  const { t } = usePluginTranslation();
  return (
    <Popover
      headerContent={t('Select volume to boot from')}
      bodyContent={
        <>
          <Content component="p">
            {t(
              'Listed are the volumes in {{namespace}}, and in the current project, that carry the label {{label}}: it names the preference of the VirtualMachines created from them. Star a volume to list it first.',
              { namespace: OS_IMAGES_NAMESPACE, label: DEFAULT_PREFERENCE_LABEL },
            )}
          </Content>
          <Content component="p">
            {t(
              'Windows images are not downloaded automatically: build one from an installation ISO with the quick start.',
            )}{' '}
            <Link to={windowsQuickStartPath()}>{t('Windows boot source quick start')}</Link>
          </Content>
        </>
      }
    >
      <Button
        variant="plain"
        aria-label={t('About volumes to boot from')}
        icon={<OutlinedQuestionCircleIcon />}
      />
    </Popover>
  );
};
