import { Content, Switch } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { RestartHint } from '../editor/RestartHint';
import { DESCHEDULER_ANNOTATION, deschedulerOf, deschedulerOps } from './schedulingOps';

/** The descheduler opt-in: the template annotation it looks for. */
export const DeschedulerModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const [evictable, setEvictable] = useState(() => deschedulerOf(editor.vm));
  return (
    <FormModal
      title={t('Descheduler')}
      isValid
      onSubmit={async () => {
        await editor.patch(deschedulerOps(editor.vm, evictable));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          <Switch
            id="virtualization-plugin-descheduler"
            label={t('Allow the descheduler to evict this VirtualMachine')}
            isChecked={evictable}
            onChange={(_, checked) => setEvictable(checked)}
          />
          <Content component="p">
            {t(
              'The descheduler then moves it to another node with a live migration to balance the cluster. It needs the Kube Descheduler Operator; the annotation is {{annotation}}.',
              { annotation: `${DESCHEDULER_ANNOTATION}: "true"` },
            )}
          </Content>
          <FieldHelp error={fieldErrorOf(error, 'spec.template.metadata.annotations')} />
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};
