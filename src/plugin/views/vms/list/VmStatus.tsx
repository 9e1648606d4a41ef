import { Button, Content, Label, Popover } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import { vmStatusInfo } from './vmStatusInfo';

/** A VM's status as a label; a click opens what it means and what to do. */
export const VmStatus = ({ status, name }: { status: string; name?: string }) => {
  const { t } = usePluginTranslation();
  const info = vmStatusInfo(status);
  return (
    <Popover
      headerContent={info.title(t)}
      bodyContent={
        <>
          <Content component="p">{info.explanation(t)}</Content>
          {info.remedy && <Content component="p">{info.remedy(t)}</Content>}
        </>
      }
    >
      <Button
        variant="link"
        isInline
        aria-label={
          name
            ? t('Status of {{name}}: {{status}}. Show details', { name, status: info.title(t) })
            : t('Status: {{status}}. Show details', { status: info.title(t) })
        }
      >
        <Label
          isCompact
          status={info.tone.status}
          color={info.tone.color}
          icon={info.tone.status ? undefined : info.icon}
        >
          {info.title(t)}
        </Label>
      </Button>
    </Popover>
  );
};
