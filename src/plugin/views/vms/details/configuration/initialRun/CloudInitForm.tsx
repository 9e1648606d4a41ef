import {
  Button,
  Checkbox,
  FormGroup,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  TextInput,
} from '@patternfly/react-core';
import { EyeIcon, EyeSlashIcon, MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import type { NetworkForm } from './networkData';
import type { UserDataForm } from './userData';

/** The network part of the form: a static address, nothing, or data the form cannot show. */
export type NetworkState =
  | { mode: 'form'; enabled: boolean; form: NetworkForm }
  /** Data the form cannot show, or a ConfigDrive (OpenStack network_data.json, not version 2). */
  | { mode: 'custom'; configDrive: boolean }
  | { mode: 'secret'; secret: string };

export interface CloudInitFormErrors {
  user?: string;
  keys: (string | undefined)[];
  network: Partial<Record<keyof NetworkForm, string>>;
}

/** Form view of cloud-init: user, password, authorized keys and a static network address. */
export const CloudInitForm = ({
  form,
  onChange,
  network,
  onNetworkChange,
  errors,
  otherUsers,
}: {
  form: UserDataForm;
  onChange(form: UserDataForm): void;
  network: NetworkState;
  onNetworkChange(network: NetworkState): void;
  errors: CloudInitFormErrors;
  /** The user data also has `users:`, which only the YAML view edits. */
  otherUsers: boolean;
}) => {
  const { t } = usePluginTranslation();
  const [showPassword, setShowPassword] = useState(false);
  const setKey = (at: number, value: string) =>
    onChange({
      ...form,
      sshAuthorizedKeys: form.sshAuthorizedKeys.map((key, index) => (index === at ? value : key)),
    });
  const setNetwork = (change: Partial<NetworkForm>) =>
    network.mode === 'form' &&
    onNetworkChange({ ...network, form: { ...network.form, ...change } });

  return (
    <>
      <FormGroup label={t('User')} fieldId="virtualization-plugin-cloudinit-user">
        <TextInput
          id="virtualization-plugin-cloudinit-user"
          value={form.user}
          validated={errors.user ? 'error' : 'default'}
          onChange={(_, user) => onChange({ ...form, user })}
        />
        <FieldHelp error={errors.user} />
        {otherUsers && (
          <FieldHelp>{t('The user data also lists users; edit them in the YAML view.')}</FieldHelp>
        )}
      </FormGroup>
      <FormGroup label={t('Password')} fieldId="virtualization-plugin-cloudinit-password">
        <InputGroup>
          <InputGroupItem isFill>
            <TextInput
              id="virtualization-plugin-cloudinit-password"
              type={showPassword ? 'text' : 'password'}
              autoComplete="new-password"
              value={form.password}
              onChange={(_, password) => onChange({ ...form, password })}
            />
          </InputGroupItem>
          <InputGroupItem>
            <Button
              variant="control"
              aria-label={showPassword ? t('Hide password') : t('Show password')}
              icon={showPassword ? <EyeSlashIcon /> : <EyeIcon />}
              onClick={() => setShowPassword(!showPassword)}
            />
          </InputGroupItem>
        </InputGroup>
        <FieldHelp>
          {t('Stored in the VirtualMachine as plain text; anyone who can read it sees it.')}
        </FieldHelp>
      </FormGroup>
      <FormGroup
        label={t('SSH authorized keys')}
        fieldId="virtualization-plugin-cloudinit-keys"
        role="group"
      >
        {form.sshAuthorizedKeys.map((key, at) => (
          <Grid hasGutter key={at}>
            <GridItem span={11}>
              <TextInput
                aria-label={t('SSH authorized key {{number}}', { number: at + 1 })}
                value={key}
                validated={errors.keys[at] ? 'error' : 'default'}
                onChange={(_, value) => setKey(at, value)}
              />
              <FieldHelp error={errors.keys[at]} />
            </GridItem>
            <GridItem span={1}>
              <Button
                variant="plain"
                aria-label={t('Remove SSH authorized key {{number}}', { number: at + 1 })}
                icon={<MinusCircleIcon />}
                onClick={() =>
                  onChange({
                    ...form,
                    sshAuthorizedKeys: form.sshAuthorizedKeys.filter((_, index) => index !== at),
                  })
                }
              />
            </GridItem>
          </Grid>
        ))}
        <div>
          <Button
            variant="link"
            icon={<PlusCircleIcon />}
            onClick={() =>
              onChange({ ...form, sshAuthorizedKeys: [...form.sshAuthorizedKeys, ''] })
            }
          >
            {t('Add SSH authorized key')}
          </Button>
        </div>
        <FieldHelp>
          {t('Written into the user data. A key kept in a Secret is set in the SSH tab.')}
        </FieldHelp>
      </FormGroup>

      {network.mode === 'secret' && (
        <HelperText>
          <HelperTextItem>
            {t('The network data is read from Secret {{name}}; edit that Secret to change it.', {
              name: network.secret,
            })}
          </HelperTextItem>
        </HelperText>
      )}
      {network.mode === 'custom' && (
        <HelperText>
          <HelperTextItem>
            {network.configDrive
              ? t(
                  'A ConfigDrive takes network data as OpenStack network_data.json; edit it in the YAML view.',
                )
              : t('The network data says more than this form shows; edit it in the YAML view.')}
          </HelperTextItem>
        </HelperText>
      )}
      {network.mode === 'form' && (
        <>
          <Checkbox
            id="virtualization-plugin-cloudinit-network"
            label={t('Add network data')}
            description={t(
              'A static address for one interface (cloud-init network config version 2).',
            )}
            isChecked={network.enabled}
            onChange={(_, enabled) => onNetworkChange({ ...network, enabled })}
          />
          {network.enabled && (
            <>
              <FormGroup
                label={t('Ethernet name')}
                isRequired
                fieldId="virtualization-plugin-cloudinit-ethernet"
              >
                <TextInput
                  id="virtualization-plugin-cloudinit-ethernet"
                  value={network.form.name}
                  validated={errors.network.name ? 'error' : 'default'}
                  onChange={(_, name) => setNetwork({ name })}
                />
                <FieldHelp error={errors.network.name} />
              </FormGroup>
              <FormGroup
                label={t('IP address')}
                isRequired
                fieldId="virtualization-plugin-cloudinit-address"
              >
                <TextInput
                  id="virtualization-plugin-cloudinit-address"
                  placeholder={t('for example 192.168.10.5/24')}
                  value={network.form.address}
                  validated={errors.network.address ? 'error' : 'default'}
                  onChange={(_, address) => setNetwork({ address })}
                />
                <FieldHelp error={errors.network.address} />
              </FormGroup>
              <FormGroup label={t('Gateway')} fieldId="virtualization-plugin-cloudinit-gateway">
                <TextInput
                  id="virtualization-plugin-cloudinit-gateway"
                  placeholder={t('for example 192.168.10.1')}
                  value={network.form.gateway}
                  validated={errors.network.gateway ? 'error' : 'default'}
                  onChange={(_, gateway) => setNetwork({ gateway })}
                />
                <FieldHelp error={errors.network.gateway} />
              </FormGroup>
            </>
          )}
        </>
      )}
    </>
  );
};
