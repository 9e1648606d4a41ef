import { Checkbox, Content } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { matchingNodes } from './matchingNodes';
import { NodePreview } from './NodePreview';
import { RestartHint } from '../editor/RestartHint';
import { CPU_MANAGER_LABEL, dedicatedOf, dedicatedOps } from './schedulingOps';
import { useNodes } from './useNodes';

/** Dedicated CPUs (guaranteed policy), and whether any node has the CPU manager it needs. */
export const DedicatedResourcesModal = ({
  editor,
  onClose,
}: {
  editor: VmEditor;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const nodes = useNodes();
  const [dedicated, setDedicated] = useState(() => dedicatedOf(editor.vm));
  return (
    <FormModal
      title={t('Dedicated resources')}
      isValid
      onSubmit={async () => {
        await editor.patch(dedicatedOps(editor.vm, dedicated));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          <Checkbox
            id="virtualization-plugin-dedicated-resources"
            label={t('Schedule this workload with dedicated resources (guaranteed policy)')}
            description={t(
              'Each vCPU gets a physical CPU of its own; the VirtualMachine is not overcommitted.',
            )}
            isChecked={dedicated}
            onChange={(_, checked) => setDedicated(checked)}
          />
          <FieldHelp error={fieldErrorOf(error, 'spec.template.spec.domain.cpu')} />
          <Content component="p">
            {t('It needs a node with the CPU manager, labelled {{label}}.', {
              label: `${CPU_MANAGER_LABEL}=true`,
            })}
          </Content>
          <NodePreview
            state={nodes}
            match={(list) => matchingNodes(list, { [CPU_MANAGER_LABEL]: 'true' })}
            noneMessage={t(
              'No node has the CPU manager: a VirtualMachine with dedicated resources cannot be scheduled.',
            )}
          />
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};
