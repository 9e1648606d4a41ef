import { FormGroup, Radio } from '@patternfly/react-core';
import { useState } from 'react';
import { useAccessReview } from '../../../../../api/access';
import { errorMessage } from '../../../../../api/bff';
import { k8sPatch } from '../../../../../api/k8s';
import { ConfigMapModel } from '../../../../../api/models';
import type { ConfigMap } from '../../../../../api/types';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { FormModal } from '../editor/FormModal';
import { createObjectFor, type VmEditor } from '../editor/vmEditor';
import { generatedName } from '../editor/randomText';
import { RestartHint } from '../editor/RestartHint';
import {
  attachSysprepOps,
  SYSPREP_FILES,
  sysprepConfigMap,
  sysprepOf,
  type SysprepFiles,
} from './sysprep';
import { AnswerFileField, SysprepConfigMapField, useAnswerFileErrors } from './SysprepFields';

type Mode = 'upload' | 'existing';

/** Sysprep: Windows answer files in a ConfigMap, given to the guest as a CD-ROM. */
export const SysprepModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const namespace = editor.vm.metadata?.namespace ?? '';
  const current = sysprepOf(editor.vm);
  const canCreate = useAccessReview({ verb: 'create', resource: 'configmaps', namespace });
  const mayCreate = canCreate.allowed || canCreate.loading;
  const [mode, setMode] = useState<Mode>(current?.configMap || !mayCreate ? 'existing' : 'upload');
  const [existing, setExisting] = useState(current?.configMap ?? '');
  const [files, setFiles] = useState<SysprepFiles>({ 'Autounattend.xml': '', 'Unattend.xml': '' });
  const [name] = useState(() => generatedName(editor.vm.metadata?.name ?? '', 'sysprep'));
  /** The ConfigMap this dialog created: a retry after a failed VM patch reuses it. */
  const [created, setCreated] = useState<string>();

  const fileErrors = useAnswerFileErrors(files);
  const anyFile = SYSPREP_FILES.some((file) => files[file].trim());
  const isValid =
    mode === 'existing' ? !!existing : anyFile && SYSPREP_FILES.every((file) => !fileErrors[file]);

  const submit = async () => {
    let target = existing;
    if (mode === 'upload') {
      const content = JSON.stringify(files);
      // A draft replaces the ConfigMap it holds; in the cluster, ours is patched on a retry.
      if (created === undefined || editor.createObject)
        await createObjectFor<ConfigMap>(
          editor,
          ConfigMapModel,
          sysprepConfigMap(namespace, name, files),
        );
      else if (created !== content)
        // Ours since the last try: its files follow the form (null drops a cleared one).
        await k8sPatch(
          ConfigMapModel,
          { namespace, name },
          {
            data: Object.fromEntries(
              SYSPREP_FILES.map((file) => [file, files[file].trim() ? files[file] : null]),
            ),
          },
        );
      setCreated(content);
      target = name;
    }
    await editor.patch(attachSysprepOps(editor.vm, target));
  };

  return (
    <FormModal
      title={t('Sysprep')}
      description={t(
        'Windows answer files, kept in a ConfigMap and attached to the VirtualMachine as a CD-ROM.',
      )}
      isValid={isValid}
      onSubmit={submit}
      onClose={onClose}
    >
      {(error) => {
        const serverError = fieldErrorOf(
          error,
          'spec.template.spec.volumes',
          'spec.template.spec.domain.devices.disks',
        );
        // 409: a ConfigMap of the generated name exists already.
        const conflict = (error as { code?: number } | undefined)?.code === 409;
        return (
          <>
            <FormGroup
              role="radiogroup"
              isInline
              fieldId="virtualization-plugin-sysprep-mode"
              label={t('Answer files')}
            >
              <Radio
                id="virtualization-plugin-sysprep-upload"
                name="virtualization-plugin-sysprep-mode"
                label={t('Upload answer files')}
                isChecked={mode === 'upload'}
                isDisabled={!mayCreate}
                description={
                  mayCreate
                    ? undefined
                    : t('You may not create ConfigMaps in {{namespace}}.', { namespace })
                }
                onChange={() => setMode('upload')}
              />
              <Radio
                id="virtualization-plugin-sysprep-existing"
                name="virtualization-plugin-sysprep-mode"
                label={t('Use an existing ConfigMap')}
                isChecked={mode === 'existing'}
                onChange={() => setMode('existing')}
              />
            </FormGroup>
            {mode === 'upload' ? (
              <>
                {SYSPREP_FILES.map((file) => (
                  <AnswerFileField
                    key={file}
                    id={`virtualization-plugin-sysprep-${file.toLowerCase().replace('.', '-')}`}
                    file={file}
                    value={files[file]}
                    error={fileErrors[file]}
                    onChange={(value) => setFiles((all) => ({ ...all, [file]: value }))}
                  />
                ))}
                <FieldHelp error={conflict ? errorMessage(error) : undefined}>
                  {t('Saved as ConfigMap {{name}}.', { name })}
                </FieldHelp>
              </>
            ) : (
              <SysprepConfigMapField
                id="virtualization-plugin-sysprep-configmap"
                label={t('ConfigMap')}
                namespace={namespace}
                value={existing}
                onChange={setExisting}
              />
            )}
            <FieldHelp error={serverError} />
            <RestartHint editor={editor} />
          </>
        );
      }}
    </FormModal>
  );
};
