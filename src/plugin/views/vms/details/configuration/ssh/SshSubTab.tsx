import {
  Button,
  Content,
  DescriptionList,
  Flex,
  FlexItem,
  HelperText,
  HelperTextItem,
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
import { RestartHint } from '../editor/RestartHint';
import { removeSshKeyOps, sshKeyOf } from './accessCredentials';
import { AuthorizedKeyModal } from './AuthorizedKeyModal';
import { DynamicKeyModal } from './DynamicKeyModal';
import { SshAccessSection } from './SshAccessSection';

type Dialog = 'key' | 'remove' | 'dynamic';

/** SSH: the authorized key (static or injected by the guest agent) and access through a Service. */
export const SshSubTab = ({ editor }: ConfigSubTabProps) => {
  const { t } = usePluginTranslation();
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);
  const key = sshKeyOf(editor.vm);
  const dynamic = key?.method === 'qemuGuestAgent';
  const reason = editor.access.reason;

  const removeButton = key && (
    <Button
      variant="link"
      isInline
      isDanger
      isAriaDisabled={!!reason || editor.access.loading}
      onClick={() => setDialog('remove')}
    >
      {t('Remove key')}
    </Button>
  );

  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h2">{t('SSH')}</Title>
      </StackItem>
      <StackItem>
        <DescriptionList>
          <EditableRow
            label={t('Authorized SSH key')}
            editor={editor}
            onEdit={() => setDialog('key')}
          >
            {key && (
              <Flex spaceItems={{ default: 'spaceItemsMd' }}>
                <FlexItem>{t('Secret {{name}}', { name: key.secretName })}</FlexItem>
                <FlexItem>
                  {reason ? <Tooltip content={reason}>{removeButton}</Tooltip> : removeButton}
                </FlexItem>
                {key.others > 0 && (
                  <FlexItem>
                    {t('{{count}} more keys are set in the YAML', { count: key.others })}
                  </FlexItem>
                )}
              </Flex>
            )}
          </EditableRow>
          <EditableRow
            label={t('Dynamic SSH key injection')}
            editor={editor}
            onEdit={() => setDialog('dynamic')}
            disabledReason={key ? undefined : t('Add an authorized SSH key first.')}
          >
            {dynamic ? t('On, for {{users}}', { users: key.users.join(', ') }) : t('Off')}
          </EditableRow>
        </DescriptionList>
        <HelperText>
          <HelperTextItem>
            {t(
              'A static key reaches the guest through cloud-init when it first boots; with dynamic injection the guest agent keeps it current while the guest runs.',
            )}
          </HelperTextItem>
        </HelperText>
      </StackItem>
      <StackItem>
        <SshAccessSection editor={editor} />
      </StackItem>

      {dialog === 'key' && <AuthorizedKeyModal editor={editor} onClose={close} />}
      {dialog === 'dynamic' && <DynamicKeyModal editor={editor} onClose={close} />}
      {dialog === 'remove' && key && (
        <FormModal
          title={t('Remove the authorized SSH key?')}
          submitLabel={t('Remove')}
          isValid
          onSubmit={async () => {
            await editor.patch(removeSshKeyOps(editor.vm));
          }}
          onClose={close}
        >
          {() => (
            <>
              <Content component="p">
                {t(
                  'The VirtualMachine no longer gets the key of Secret {{name}}. The Secret stays in the project; keys already in the guest stay there.',
                  { name: key.secretName },
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
