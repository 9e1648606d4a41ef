import { Stack, StackItem } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { StorageClassModel, VirtualMachineModel } from '../../../api/models';
import type { StorageClass, VirtualMachine } from '../../../api/types';
import { useK8sWatchList } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { fieldErrorOf } from '../../vms/details/configuration/editor/fieldErrors';
import { vmTabPath } from '../../vms/details/detailsPaths';
import { instanceTypeDraft } from '../draft/instanceTypeDraft';
import type { VmDraft } from '../draft/vmDraft';
import { VmDetailsSection } from './details/VmDetailsSection';
import { generateVmName } from './details/generateVmName';
import { validateDetails } from './details/validateDetails';
import type { BootableVolume, InstanceTypeChoice, VmDetails } from './flow';
import { CreateVmFooter } from './footer/CreateVmFooter';
import { InstanceTypeSection } from './sizes/InstanceTypeSection';
import { BootableVolumesSection } from './volumes/BootableVolumesSection';
import { volumeKey } from './volumes/bootableVolumes';
import { useBootableVolumes } from './volumes/useBootableVolumes';

const initialDetails = (namespace: string | undefined): VmDetails => ({
  name: generateVmName(),
  namespace: namespace ?? '',
  storageClass: '',
  diskSize: '',
  sshKey: { kind: 'none' },
  dynamicKeyInjection: false,
  sysprep: { kind: 'none' },
  startAfterCreation: true,
});

const namesOf = (objects: { metadata?: { name?: string } }[] | undefined) =>
  objects?.map((object) => object.metadata?.name ?? '');

export interface InstanceTypesTabProps {
  /** The user's current project; undefined in all projects (the details step then asks). */
  namespace: string | undefined;
  /** Customize the VM with the configuration forms before creating it. */
  onCustomize?(draft: VmDraft): void;
  onCancel(): void;
}

/**
 * Catalog → InstanceTypes, on one page in the seed's order: the volume to boot from, the
 * instance type and the VM's details, then Create, Customize or YAML & CLI.
 */
export const InstanceTypesTab = ({ namespace, onCustomize, onCancel }: InstanceTypesTabProps) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const [chosenVolume, setVolume] = useState<BootableVolume>();
  // The chosen volume as the live list has it now: one just added becomes ready while we wait.
  const { volumes } = useBootableVolumes(namespace);
  const volume = useMemo(
    () =>
      chosenVolume &&
      (volumes.find((v) => volumeKey(v.source) === volumeKey(chosenVolume.source)) ?? chosenVolume),
    [chosenVolume, volumes],
  );
  const [instancetype, setInstancetype] = useState<InstanceTypeChoice>();
  const [details, setDetails] = useState<VmDetails>(() => initialDetails(namespace));
  // Until the user types a name, it follows the chosen volume.
  const [nameEdited, setNameEdited] = useState(false);
  const [createError, setCreateError] = useState<unknown>();

  const vms = useK8sWatchList<VirtualMachine>(
    VirtualMachineModel,
    details.namespace ? { namespace: details.namespace } : null,
  );
  const storageClasses = useK8sWatchList<StorageClass>(StorageClassModel, {});

  const errors = useMemo(() => {
    const found = validateDetails(
      details,
      {
        volume,
        existingVmNames: vms.loaded ? namesOf(vms.data) : undefined,
        storageClasses: storageClasses.loaded ? namesOf(storageClasses.data) : undefined,
      },
      t,
    );
    const fromServer = fieldErrorOf(createError, 'metadata.name');
    return fromServer && !found.name ? { ...found, name: fromServer } : found;
  }, [
    details,
    volume,
    vms.loaded,
    vms.data,
    storageClasses.loaded,
    storageClasses.data,
    createError,
    t,
  ]);

  const draft = useMemo(
    () => (volume && instancetype ? instanceTypeDraft(volume, instancetype, details) : undefined),
    [volume, instancetype, details],
  );
  const problems = [
    ...(volume ? [] : [t('Select a volume to boot from.')]),
    ...(volume && !volume.ready ? [t('The selected volume is not ready yet.')] : []),
    ...(instancetype ? [] : [t('Select an InstanceType.')]),
    ...Object.values(errors).filter((message): message is string => !!message),
  ];

  const chooseVolume = (next: BootableVolume) => {
    setVolume(next);
    // The new volume's default instance type is offered again.
    if (next.instancetype !== volume?.instancetype) setInstancetype(undefined);
    if (!nameEdited) setDetails((current) => ({ ...current, name: generateVmName(next) }));
  };

  const changeDetails = (next: VmDetails) => {
    if (next.name !== details.name) {
      setNameEdited(true);
      setCreateError(undefined);
    }
    setDetails(next);
  };

  return (
    <Stack hasGutter>
      <StackItem>
        <BootableVolumesSection namespace={namespace} selected={volume} onSelect={chooseVolume} />
      </StackItem>
      <StackItem>
        <InstanceTypeSection
          namespace={details.namespace || namespace}
          volume={volume}
          selected={instancetype}
          onSelect={setInstancetype}
        />
      </StackItem>
      <StackItem>
        <VmDetailsSection
          volume={volume}
          instancetype={instancetype}
          value={details}
          onChange={changeDetails}
          errors={errors}
        />
      </StackItem>
      <StackItem>
        <CreateVmFooter
          draft={draft}
          problems={problems}
          onCreated={(vm) =>
            void navigate(vmTabPath(vm.metadata?.namespace ?? '', vm.metadata?.name ?? ''))
          }
          onCustomize={onCustomize && draft ? () => onCustomize(draft) : undefined}
          onCancel={onCancel}
          onError={setCreateError}
        />
      </StackItem>
    </Stack>
  );
};
