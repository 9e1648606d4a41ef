import { Checkbox, DescriptionList, Stack, StackItem } from '@patternfly/react-core';
import { ModalError } from '../../vms/actions/modals/ModalError';
import { useState } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { NameField } from '../../vms/actions/modals/NameField';
import { validateResourceName } from '../../vms/actions/nameValidation';
import { BootOrderRow } from '../../vms/details/configuration/details/bootOrder/BootOrderRow';
import { refOf } from '../../vms/details/configuration/details/instancetypes';
import { BootModeRow } from '../../vms/details/configuration/details/rows/BootModeRow';
import { CpuMemoryRow } from '../../vms/details/configuration/details/rows/CpuMemoryRow';
import { DescriptionRow } from '../../vms/details/configuration/details/rows/DescriptionRow';
import { HostnameRow } from '../../vms/details/configuration/details/rows/HostnameRow';
import {
  InstancetypeRow,
  PreferenceRow,
} from '../../vms/details/configuration/details/rows/InstancetypeRow';
import {
  runStrategyOf,
  runStrategyOps,
} from '../../vms/details/configuration/details/runStrategies';
import { EditableRow } from '../../vms/details/configuration/editor/EditableRow';
import { FormModal } from '../../vms/details/configuration/editor/FormModal';
import { vmOperatingSystem, vmTemplate } from '../../vms/details/overview/vmFacts';
import type { VmDraft } from '../draft/vmDraft';
import type { CustomizeTabProps } from './customizeTabs';
import { renameDraft } from './renameDraft';

const NAME_ID = 'virtualization-plugin-customize-name';

/** The VM's name: checked as the server would; what carries the old name follows it. */
const RenameModal = ({
  draft,
  setDraft,
  onClose,
}: {
  draft: VmDraft;
  setDraft(draft: VmDraft): void;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const [name, setName] = useState(draft.vm.metadata?.name ?? '');
  const error = validateResourceName(name, t);
  return (
    <FormModal
      title={t('Edit name')}
      variant="small"
      isValid={!error}
      onSubmit={async () => setDraft(renameDraft(draft, name))}
      onClose={onClose}
    >
      {() => (
        <NameField id={NAME_ID} label={t('Name')} value={name} error={error} onChange={setName} />
      )}
    </FormModal>
  );
};

/**
 * Overview: name, project, description, operating system, size (instance type or CPU and
 * memory), template, boot settings, and whether the VM starts once created.
 */
export const OverviewTab = ({ editor, draft, setDraft }: CustomizeTabProps) => {
  const { t } = usePluginTranslation();
  const [renaming, setRenaming] = useState(false);
  const [startError, setStartError] = useState<unknown>();
  const { vm } = editor;
  const sizedByInstancetype = !!refOf(vm, 'instancetype');
  const template = vmTemplate(vm);
  const start = runStrategyOf(vm) !== 'Halted';
  return (
    <Stack hasGutter>
      <StackItem>
        <DescriptionList columnModifier={{ default: '1Col', lg: '2Col' }}>
          <EditableRow label={t('Name')} editor={editor} onEdit={() => setRenaming(true)}>
            {vm.metadata?.name}
          </EditableRow>
          <EditableRow label={t('Project')} editor={editor}>
            {vm.metadata?.namespace}
          </EditableRow>
          <DescriptionRow editor={editor} />
          <EditableRow label={t('Operating system')} editor={editor}>
            {vmOperatingSystem(vm)?.name}
          </EditableRow>
          {sizedByInstancetype ? (
            <InstancetypeRow editor={editor} />
          ) : (
            <CpuMemoryRow editor={editor} />
          )}
          {!sizedByInstancetype && refOf(vm, 'preference') && <PreferenceRow editor={editor} />}
          {template && (
            <EditableRow label={t('Template')} editor={editor}>
              {template}
            </EditableRow>
          )}
          <HostnameRow editor={editor} />
          <BootModeRow editor={editor} />
          <BootOrderRow editor={editor} />
        </DescriptionList>
      </StackItem>
      <StackItem>
        <Checkbox
          id="virtualization-plugin-customize-start"
          label={t('Start this VirtualMachine after creation')}
          description={t('Cleared, the VirtualMachine is created stopped (run strategy Halted).')}
          isChecked={start}
          onChange={(_, checked) => {
            setStartError(undefined);
            editor.patch(runStrategyOps(vm, checked ? 'Always' : 'Halted')).catch(setStartError);
          }}
        />
        <ModalError error={startError} />
      </StackItem>
      {renaming && (
        <RenameModal draft={draft} setDraft={setDraft} onClose={() => setRenaming(false)} />
      )}
    </Stack>
  );
};
