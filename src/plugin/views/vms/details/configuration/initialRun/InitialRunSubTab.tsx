import {
  Button,
  Content,
  DescriptionList,
  Flex,
  FlexItem,
  List,
  ListItem,
  Stack,
  StackItem,
  Title,
  Tooltip,
} from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { EditableRow } from '../editor/EditableRow';
import { FormModal } from '../editor/FormModal';
import type { ConfigSubTabProps } from '../subTabs';
import { CloudInitModal } from './CloudInitModal';
import { cloudInitOf, type CloudInitState } from './cloudInitVolume';
import { networkDataToForm } from './networkData';
import { RestartHint } from '../editor/RestartHint';
import { removeSysprepOps, sysprepOf } from './sysprep';
import { SysprepModal } from './SysprepModal';
import { checkUserData, userDataToForm } from './userData';

type Dialog = 'cloud-init' | 'sysprep' | 'remove-sysprep';

/** What the Cloud-init row shows: who, how many keys, which network, and where it is kept. */
const CloudInitSummary = ({ state }: { state: CloudInitState }) => {
  const { t } = usePluginTranslation();
  const lines: string[] = [];
  if (state.userDataSecret)
    lines.push(t('User data from Secret {{name}}', { name: state.userDataSecret }));
  else if (state.undecodable) lines.push(t('The saved data is not valid base64'));
  else {
    const check = checkUserData(state.userData ?? '');
    if (check.kind === 'script') lines.push(t('A user data script'));
    else if (check.kind === 'error') lines.push(t('The user data is not valid YAML'));
    else if (check.kind === 'cloud-config') {
      const form = userDataToForm(state.userData ?? '');
      if (form.user) lines.push(t('User: {{user}}', { user: form.user }));
      if (form.password) lines.push(t('Password: set'));
      if (form.sshAuthorizedKeys.length)
        lines.push(t('SSH authorized keys: {{count}}', { count: form.sshAuthorizedKeys.length }));
    }
  }
  if (state.networkDataSecret)
    lines.push(t('Network data from Secret {{name}}', { name: state.networkDataSecret }));
  else if (state.networkData?.trim()) {
    const network = networkDataToForm(state.networkData);
    lines.push(
      network
        ? t('Network: {{address}} on {{name}}', { address: network.address, name: network.name })
        : t('Network data: set'),
    );
  }
  lines.push(
    state.kind === 'cloudInitConfigDrive'
      ? t('Disk {{name}} (ConfigDrive)', { name: state.volumeName })
      : t('Disk {{name}} (NoCloud)', { name: state.volumeName }),
  );
  return (
    <List isPlain>
      {lines.map((line) => (
        <ListItem key={line}>{line}</ListItem>
      ))}
    </List>
  );
};

/** Initial run: cloud-init for Linux guests, sysprep answer files for Windows. */
export const InitialRunSubTab = ({ editor }: ConfigSubTabProps) => {
  const { t } = usePluginTranslation();
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);
  const cloudInit = cloudInitOf(editor.vm);
  const sysprep = sysprepOf(editor.vm);
  const reason = editor.access.reason;

  const removeButton = sysprep && (
    <Button
      variant="link"
      isInline
      isDanger
      isAriaDisabled={!!reason || editor.access.loading}
      onClick={() => setDialog('remove-sysprep')}
    >
      {t('Remove sysprep')}
    </Button>
  );

  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h2">{t('Initial run')}</Title>
      </StackItem>
      <StackItem>
        <DescriptionList>
          <EditableRow
            label={t('Cloud-init')}
            editor={editor}
            onEdit={() => setDialog('cloud-init')}
            disabledReason={
              cloudInit?.userDataSecret
                ? t('The user data is read from Secret {{name}}; edit that Secret to change it.', {
                    name: cloudInit.userDataSecret,
                  })
                : undefined
            }
          >
            {cloudInit && <CloudInitSummary state={cloudInit} />}
          </EditableRow>
          <EditableRow label={t('Sysprep')} editor={editor} onEdit={() => setDialog('sysprep')}>
            {sysprep && (
              <Flex spaceItems={{ default: 'spaceItemsMd' }}>
                <FlexItem>
                  {sysprep.configMap
                    ? t('ConfigMap {{name}}', { name: sysprep.configMap })
                    : t('Secret {{name}}', { name: sysprep.secret })}
                </FlexItem>
                <FlexItem>
                  {reason ? <Tooltip content={reason}>{removeButton}</Tooltip> : removeButton}
                </FlexItem>
              </Flex>
            )}
          </EditableRow>
        </DescriptionList>
      </StackItem>

      {dialog === 'cloud-init' && <CloudInitModal editor={editor} onClose={close} />}
      {dialog === 'sysprep' && <SysprepModal editor={editor} onClose={close} />}
      {dialog === 'remove-sysprep' && sysprep && (
        <FormModal
          title={t('Remove sysprep?')}
          submitLabel={t('Remove')}
          isValid
          onSubmit={async () => {
            await editor.patch(removeSysprepOps(editor.vm));
          }}
          onClose={close}
        >
          {() => (
            <>
              <Content component="p">
                {t(
                  'The sysprep CD-ROM {{disk}} is detached; the ConfigMap or Secret stays in the project.',
                  {
                    disk: sysprep.volumeName,
                  },
                )}
              </Content>
              <RestartHint editor={editor} />
            </>
          )}
        </FormModal>
      )}
    </Stack>
  );
};
