import { FormGroup, HelperText, HelperTextItem, Switch, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { cloudInitOf } from '../initialRun/cloudInitVolume';
import { RestartHint } from '../editor/RestartHint';
import { withSshInjectionCommand } from '../initialRun/userData';
import {
  DEFAULT_GUEST_USER,
  isGuestUser,
  parseUsers,
  setDynamicInjectionOps,
  sshKeyOf,
} from './accessCredentials';
import { sshUserOf } from '../../../actions/sshCommand';

/**
 * Dynamic SSH key injection: the QEMU guest agent writes the key for the listed users and keeps
 * it current when the Secret changes, while the guest runs.
 */
export const DynamicKeyModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const current = sshKeyOf(editor.vm);
  const [enabled, setEnabled] = useState(current?.method === 'qemuGuestAgent');
  const [users, setUsers] = useState(
    (current?.users.length ? current.users : [sshUserOf(editor.vm) ?? DEFAULT_GUEST_USER]).join(
      ', ',
    ),
  );
  const parsed = parseUsers(users);
  const usersError = !enabled
    ? undefined
    : !parsed.length
      ? t('Enter at least one guest user.')
      : parsed.filter((user) => !isGuestUser(user)).length
        ? t('Not a user name: {{users}}', {
            users: parsed.filter((user) => !isGuestUser(user)).join(', '),
          })
        : undefined;
  const cloudInit = cloudInitOf(editor.vm);
  // Cloud-config user data gets the SELinux switch; a script or a Secret cannot.
  const setsSelinux =
    cloudInit?.userData !== undefined &&
    withSshInjectionCommand(cloudInit.userData, true) !== undefined;

  return (
    <FormModal
      title={t('Dynamic SSH key injection')}
      isValid={!!current && !usersError}
      onSubmit={async () => {
        await editor.patch(setDynamicInjectionOps(editor.vm, enabled, enabled ? parsed : []));
      }}
      onClose={onClose}
    >
      {() => (
        <>
          <Switch
            id="virtualization-plugin-ssh-dynamic"
            label={t('Dynamic SSH key injection')}
            isChecked={enabled}
            onChange={(_, checked) => setEnabled(checked)}
          />
          <HelperText>
            <HelperTextItem>
              {t(
                'The QEMU guest agent writes the key of Secret {{secret}} into the guest, and adds or removes keys when the Secret changes, without a restart. It needs the guest agent running and a guest that allows it, such as Red Hat Enterprise Linux 9; other guests keep managing their keys themselves.',
                { secret: current?.secretName },
              )}
            </HelperTextItem>
          </HelperText>
          {enabled && (
            <FormGroup
              label={t('Guest users')}
              isRequired
              fieldId="virtualization-plugin-ssh-users"
            >
              <TextInput
                id="virtualization-plugin-ssh-users"
                value={users}
                validated={usersError ? 'error' : 'default'}
                onChange={(_, value) => setUsers(value)}
              />
              <FieldHelp error={usersError}>{t('Separate users with commas.')}</FieldHelp>
            </FormGroup>
          )}
          {enabled && (
            <HelperText>
              <HelperTextItem>
                {setsSelinux
                  ? t(
                      'Cloud-init also runs "setsebool -P virt_qemu_ga_manage_ssh on" so SELinux lets the agent write the keys.',
                    )
                  : t(
                      'Run "setsebool -P virt_qemu_ga_manage_ssh on" in the guest so SELinux lets the agent write the keys.',
                    )}
              </HelperTextItem>
            </HelperText>
          )}
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};
