import {
  Alert,
  FormGroup,
  HelperText,
  HelperTextItem,
  TextArea,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { parse } from 'yaml';
import { usePluginTranslation } from '../../../../../i18n';
import type { Translate } from '../../../actions/vmActionModel';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { isGuestUser } from '../ssh/accessCredentials';
import { sshPublicKeyError } from '../ssh/sshPublicKey';
import { CloudInitForm, type CloudInitFormErrors, type NetworkState } from './CloudInitForm';
import { cloudInitOf, writeCloudInitOps } from './cloudInitVolume';
import {
  buildNetworkData,
  DEFAULT_NETWORK_FORM,
  networkDataToForm,
  validateNetworkForm,
} from './networkData';
import { RestartHint } from '../editor/RestartHint';
import {
  checkUserData,
  formToUserData,
  userDataToForm,
  type UserDataCheck,
  type UserDataForm,
} from './userData';

type View = 'form' | 'yaml';

const EMPTY_FORM: UserDataForm = { user: '', password: '', sshAuthorizedKeys: [] };

const networkStateOf = (
  text: string | undefined,
  secret: string | undefined,
  configDrive: boolean,
): NetworkState => {
  if (secret) return { mode: 'secret', secret };
  if (configDrive) return { mode: 'custom', configDrive };
  if (!text?.trim()) return { mode: 'form', enabled: false, form: DEFAULT_NETWORK_FORM };
  const form = networkDataToForm(text);
  return form ? { mode: 'form', enabled: true, form } : { mode: 'custom', configDrive };
};

/** The message for user data that cannot be saved, or undefined. */
const userDataError = (check: UserDataCheck, t: Translate): string | undefined => {
  if (check.kind === 'empty') return t('Enter the user data.');
  if (check.kind !== 'error') return undefined;
  if (check.message === 'not-a-mapping')
    return t('User data must be a mapping of cloud-config keys (key: value).');
  return check.line
    ? t('YAML error at line {{line}}, column {{column}}: {{message}}', {
        line: check.line,
        column: check.column,
        message: check.message,
      })
    : t('YAML error: {{message}}', { message: check.message });
};

const networkDataError = (text: string, t: Translate): string | undefined => {
  if (!text.trim()) return undefined;
  const check = checkUserData(text);
  if (check.kind === 'error' && check.message !== 'not-a-mapping') return userDataError(check, t);
  try {
    const data: unknown = parse(text);
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      return t('Network data must be a mapping (version: 2, ethernets: …).');
  } catch {
    return t('Network data is not valid YAML.');
  }
  return undefined;
};

/**
 * Edit cloud-init: a form for the user, password, keys and a static address, or the raw YAML.
 * Switching views carries the data across (unknown keys included); both are validated before
 * anything is sent.
 */
export const CloudInitModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const state = cloudInitOf(editor.vm);
  const initialUserData = state?.undecodable ? '' : (state?.userData ?? '');
  const initialCheck = checkUserData(initialUserData);
  const formable = initialCheck.kind === 'cloud-config' || initialCheck.kind === 'empty';

  const [view, setView] = useState<View>(formable ? 'form' : 'yaml');
  const [userData, setUserData] = useState(initialUserData);
  const [networkData, setNetworkData] = useState(state?.networkData ?? '');
  const [form, setForm] = useState<UserDataForm>(() =>
    formable && initialCheck.kind !== 'empty' ? userDataToForm(initialUserData) : EMPTY_FORM,
  );
  const configDrive = state?.kind === 'cloudInitConfigDrive';
  const [network, setNetwork] = useState<NetworkState>(() =>
    networkStateOf(state?.networkData, state?.networkDataSecret, configDrive),
  );
  const [switchError, setSwitchError] = useState<string>();

  /** What the YAML view holds for the form's current values. */
  const formAsText = () => ({
    userData: formToUserData(userData, form),
    networkData:
      network.mode === 'form'
        ? network.enabled
          ? buildNetworkData(network.form)
          : ''
        : networkData,
  });

  const toYaml = () => {
    const text = formAsText();
    setUserData(text.userData);
    setNetworkData(text.networkData);
    setSwitchError(undefined);
    setView('yaml');
  };

  const toForm = () => {
    const check = checkUserData(userData);
    if (check.kind === 'script') {
      setSwitchError(t('The user data is a script; the form shows cloud-config only.'));
      return;
    }
    if (check.kind === 'error') {
      setSwitchError(userDataError(check, t));
      return;
    }
    setForm(check.kind === 'empty' ? EMPTY_FORM : userDataToForm(userData));
    setNetwork(networkStateOf(networkData, state?.networkDataSecret, configDrive));
    setSwitchError(undefined);
    setView('form');
  };

  const formErrors: CloudInitFormErrors = {
    user:
      form.user.trim() && !isGuestUser(form.user.trim())
        ? t('Use a Linux user name: letters, digits, "_" and "-".')
        : undefined,
    keys: form.sshAuthorizedKeys.map((key) => (key.trim() ? sshPublicKeyError(key, t) : undefined)),
    network: network.mode === 'form' && network.enabled ? validateNetworkForm(network.form, t) : {},
  };
  const submitted = view === 'form' ? formAsText() : { userData, networkData };
  const check = checkUserData(submitted.userData);
  const yamlError = userDataError(check, t);
  const networkError =
    network.mode === 'secret' ? undefined : networkDataError(submitted.networkData, t);
  const formValid =
    !formErrors.user &&
    formErrors.keys.every((error) => !error) &&
    Object.values(formErrors.network).every((error) => !error);
  const isValid = !yamlError && !networkError && (view === 'yaml' || formValid);

  return (
    <FormModal
      title={t('Cloud-init')}
      variant="large"
      description={t(
        'Cloud-init configures the guest when it first boots: user, password, SSH keys and network.',
      )}
      isValid={isValid}
      onSubmit={async () => {
        await editor.patch(
          writeCloudInitOps(editor.vm, {
            userData: submitted.userData,
            networkData: network.mode === 'secret' ? undefined : submitted.networkData,
          }),
        );
      }}
      onClose={onClose}
    >
      {(error) => {
        const serverError = fieldErrorOf(
          error,
          'spec.template.spec.volumes',
          'spec.template.spec.domain.devices.disks',
        );
        return (
          <>
            <ToggleGroup aria-label={t('Cloud-init view')}>
              <ToggleGroupItem
                text={t('Form view')}
                buttonId="virtualization-plugin-cloudinit-form-view"
                isSelected={view === 'form'}
                onChange={() => view !== 'form' && toForm()}
              />
              <ToggleGroupItem
                text={t('YAML view')}
                buttonId="virtualization-plugin-cloudinit-yaml-view"
                isSelected={view === 'yaml'}
                onChange={() => view !== 'yaml' && toYaml()}
              />
            </ToggleGroup>
            {switchError && <Alert variant="warning" isInline isPlain title={switchError} />}
            {state?.undecodable && (
              <Alert
                variant="warning"
                isInline
                title={t('The saved cloud-init data is not valid base64; saving replaces it.')}
              />
            )}
            {!state && (
              <HelperText>
                <HelperTextItem>
                  {t('The VirtualMachine has no cloud-init disk; saving adds one (cloudinitdisk).')}
                </HelperTextItem>
              </HelperText>
            )}
            {view === 'form' ? (
              <CloudInitForm
                form={form}
                onChange={setForm}
                network={network}
                onNetworkChange={setNetwork}
                errors={formErrors}
                otherUsers={check.kind === 'cloud-config' && check.otherUsers}
              />
            ) : (
              <>
                <FormGroup
                  label={t('User data')}
                  isRequired
                  fieldId="virtualization-plugin-cloudinit-userdata"
                >
                  <TextArea
                    id="virtualization-plugin-cloudinit-userdata"
                    value={userData}
                    rows={16}
                    resizeOrientation="vertical"
                    spellCheck={false}
                    style={{ fontFamily: 'var(--pf-t--global--font--family--mono)' }}
                    validated={yamlError ? 'error' : 'default'}
                    onChange={(_, text) => setUserData(text)}
                  />
                  <FieldHelp
                    error={yamlError}
                    warning={
                      check.kind === 'cloud-config' && !check.header
                        ? t(
                            'The first line is not #cloud-config: cloud-init does not read the rest as cloud-config.',
                          )
                        : undefined
                    }
                  >
                    {check.kind === 'script'
                      ? t('A script: cloud-init runs it at first boot.')
                      : undefined}
                  </FieldHelp>
                </FormGroup>
                {network.mode === 'secret' ? (
                  <HelperText>
                    <HelperTextItem>
                      {t(
                        'The network data is read from Secret {{name}}; edit that Secret to change it.',
                        {
                          name: network.secret,
                        },
                      )}
                    </HelperTextItem>
                  </HelperText>
                ) : (
                  <FormGroup
                    label={t('Network data')}
                    fieldId="virtualization-plugin-cloudinit-networkdata"
                  >
                    <TextArea
                      id="virtualization-plugin-cloudinit-networkdata"
                      value={networkData}
                      rows={6}
                      resizeOrientation="vertical"
                      spellCheck={false}
                      style={{ fontFamily: 'var(--pf-t--global--font--family--mono)' }}
                      validated={networkError ? 'error' : 'default'}
                      onChange={(_, text) => setNetworkData(text)}
                    />
                    <FieldHelp error={networkError} />
                  </FormGroup>
                )}
              </>
            )}
            {view === 'form' && <FieldHelp error={yamlError} />}
            <FieldHelp error={serverError} />
            <HelperText>
              <HelperTextItem>
                {t(
                  'Cloud-init applies most settings once per instance; a guest that booted already may ignore changes.',
                )}
              </HelperTextItem>
            </HelperText>
            <RestartHint editor={editor} />
          </>
        );
      }}
    </FormModal>
  );
};
