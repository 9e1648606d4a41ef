import {
  Checkbox,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  Grid,
  GridItem,
  Title,
} from '@patternfly/react-core';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../../../api/bff';
import { SecretModel, VirtualMachineClusterPreferenceModel } from '../../../../api/models';
import type { Secret, VirtualMachineClusterPreference } from '../../../../api/types';
import { useK8sWatchList, useK8sWatchObject } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { NameField } from '../../../vms/actions/modals/NameField';
import { projectSshKeyOf } from '../../../vms/details/configuration/ssh/projectSshKey';
import { ProjectSelect } from '../../ProjectSelect';
import { useProjectNames } from '../../useProjectNames';
import type { BootableVolume, InstanceTypeChoice, SshKeyChoice, VmDetails } from '../flow';
import { sizeText } from '../sizes/instanceTypeSeries';
import { isWindowsVolume, operatingSystemName } from './operatingSystem';
import { SshKeyRows } from './SshKeyRows';
import { StorageFields } from './StorageFields';
import { SysprepRow } from './SysprepRow';
import type { DetailsErrors } from './validateDetails';

export interface VmDetailsSectionProps {
  volume?: BootableVolume;
  instancetype?: InstanceTypeChoice;
  value: VmDetails;
  onChange(next: VmDetails): void;
  errors?: DetailsErrors;
}

const DISPLAY_NAME = 'openshift.io/display-name';

/**
 * Step 3 of the InstanceTypes flow, "VirtualMachine details": name, project, the OS and size the
 * earlier steps chose, the boot disk's storage, the SSH key (or sysprep for Windows) and whether
 * to start. SSH keys and sysprep files are only recorded here; the creation step makes the objects.
 */
export const VmDetailsSection = ({
  volume,
  instancetype,
  value,
  onChange,
  errors,
}: VmDetailsSectionProps) => {
  const { t } = usePluginTranslation();
  const projects = useProjectNames();
  const windows = isWindowsVolume(volume);
  const { namespace } = value;
  const preference = useK8sWatchObject<VirtualMachineClusterPreference>(
    VirtualMachineClusterPreferenceModel,
    volume?.preference ? { name: volume.preference } : null,
  );
  const secrets = useK8sWatchList<Secret>(
    SecretModel,
    namespace && !windows ? { namespace } : null,
  );
  const projectKey = namespace && !windows ? projectSshKeyOf(namespace) : undefined;

  // The project's remembered key is the default, once per project, if its Secret is still there.
  const defaultedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (windows || !namespace || defaultedFor.current === namespace || !secrets.loaded) return;
    defaultedFor.current = namespace;
    if (value.sshKey.kind !== 'none' || !projectKey) return;
    const exists = secrets.data.some((secret) => secret.metadata?.name === projectKey);
    if (!exists && !secrets.error) return;
    onChange({ ...value, sshKey: { kind: 'existing', secretName: projectKey } });
  }, [
    windows,
    namespace,
    secrets.loaded,
    secrets.data,
    secrets.error,
    projectKey,
    value,
    onChange,
  ]);

  const change = (next: Partial<VmDetails>) => onChange({ ...value, ...next });
  const changeNamespace = (next: string) => {
    // A Secret or ConfigMap of the old project is not in the new one; new ones go along.
    const sshKey: SshKeyChoice = value.sshKey.kind === 'existing' ? { kind: 'none' } : value.sshKey;
    change({
      namespace: next,
      sshKey,
      dynamicKeyInjection: sshKey.kind === 'none' ? false : value.dynamicKeyInjection,
      sysprep: value.sysprep.kind === 'existing' ? { kind: 'none' } : value.sysprep,
    });
  };

  const osName = operatingSystemName(
    volume,
    preference.data?.metadata?.annotations?.[DISPLAY_NAME],
  );
  const titleId = 'virtualization-plugin-create-vm-details';
  return (
    <section aria-labelledby={titleId}>
      <Title headingLevel="h2" id={titleId}>
        {t('VirtualMachine details')}
      </Title>
      <Grid hasGutter>
        <GridItem md={6}>
          <Form onSubmit={(event) => event.preventDefault()}>
            <NameField
              id="virtualization-plugin-create-vm-name"
              label={t('Name')}
              value={value.name}
              error={errors?.name}
              onChange={(name) => change({ name })}
            />
            <ProjectSelect
              id="virtualization-plugin-create-vm-project"
              label={t('Project')}
              value={namespace}
              names={projects.isError ? undefined : (projects.data ?? [])}
              error={errors?.namespace}
              warning={
                projects.isError
                  ? t('The projects cannot be listed: {{message}}', {
                      message: errorMessage(projects.error),
                    })
                  : namespace.startsWith('openshift')
                    ? t('VirtualMachines should not be created in openshift projects.')
                    : undefined
              }
              onChange={changeNamespace}
            />
            <StorageFields
              volume={volume}
              storageClass={value.storageClass}
              diskSize={value.diskSize}
              errors={errors}
              onChange={change}
            />
          </Form>
        </GridItem>
        <GridItem md={6}>
          <DescriptionList>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('Operating system')}</DescriptionListTerm>
              <DescriptionListDescription>
                {osName ?? t('Select a volume to boot from')}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('CPU | Memory')}</DescriptionListTerm>
              <DescriptionListDescription>
                {instancetype
                  ? t('{{size}} ({{name}})', {
                      size: sizeText(t, instancetype.cpu, instancetype.memory),
                      name: instancetype.name,
                    })
                  : t('Select an InstanceType')}
              </DescriptionListDescription>
            </DescriptionListGroup>
            {windows ? (
              <SysprepRow
                namespace={namespace}
                sysprep={value.sysprep}
                onChange={(sysprep) => change({ sysprep })}
              />
            ) : (
              <SshKeyRows
                namespace={namespace}
                vmName={value.name}
                sshKey={value.sshKey}
                dynamicKeyInjection={value.dynamicKeyInjection}
                projectKey={projectKey}
                onChange={(next) =>
                  change({
                    ...next,
                    ...(next.sshKey?.kind === 'none' ? { dynamicKeyInjection: false } : {}),
                  })
                }
              />
            )}
          </DescriptionList>
        </GridItem>
        <GridItem span={12}>
          <Checkbox
            id="virtualization-plugin-create-vm-start"
            label={t('Start this VirtualMachine after creation')}
            isChecked={value.startAfterCreation}
            onChange={(_, startAfterCreation) => change({ startAfterCreation })}
          />
        </GridItem>
      </Grid>
    </section>
  );
};
