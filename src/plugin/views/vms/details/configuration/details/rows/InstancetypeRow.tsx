import {
  Content,
  FormGroup,
  FormSelect,
  FormSelectOption,
  FormSelectOptionGroup,
} from '@patternfly/react-core';
import { useState } from 'react';
import { errorMessage } from '../../../../../../api/bff';
import { useK8sWatchList, useK8sWatchObject } from '../../../../../../api/watch';
import { usePluginTranslation } from '../../../../../../i18n';
import { EditableRow } from '../../editor/EditableRow';
import { fieldErrorOf } from '../../editor/fieldErrors';
import { FormModal } from '../../editor/FormModal';
import type { VmEditor } from '../../editor/vmEditor';
import { FieldHelp } from '../../../../actions/modals/FieldHelp';
import {
  groupInstancetypes,
  instancetypeOptionLabel,
  modelOf,
  refFromKey,
  refKey,
  refOf,
  refOps,
  type Instancetype,
  type TypeRef,
  type Which,
} from '../instancetypes';
import { isInstancetypePending, isRunning } from '../restartPending';
import { RestartHint } from '../../editor/RestartHint';
import { PendingValue } from '../RestartPending';

/** The object a VM's instance type or preference names, watched. */
const useReferenced = (editor: VmEditor, which: Which) => {
  const ref = refOf(editor.vm, which);
  return useK8sWatchObject<Instancetype>(
    modelOf(which, ref?.cluster ?? true),
    ref
      ? { namespace: ref.cluster ? undefined : editor.vm.metadata?.namespace, name: ref.name }
      : null,
  );
};

/** Cluster and namespaced objects of one kind, for a select. */
const useChoices = (editor: VmEditor, which: Which, enabled: boolean) => {
  const namespace = editor.vm.metadata?.namespace;
  const cluster = useK8sWatchList<Instancetype>(modelOf(which, true), enabled ? {} : null);
  const namespaced = useK8sWatchList<Instancetype>(
    modelOf(which, false),
    enabled ? { namespace } : null,
  );
  return { cluster, namespaced };
};

const ListError = ({ error }: { error: unknown }) => {
  const { t } = usePluginTranslation();
  if (!error) return null;
  return (
    <FieldHelp
      warning={t('Some choices could not be listed: {{message}}', { message: errorMessage(error) })}
    />
  );
};

export const InstancetypeModal = ({
  editor,
  withInstancetype,
  onClose,
}: {
  editor: VmEditor;
  /** False for a VM with only a preference: its size is its own. */
  withInstancetype: boolean;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const namespace = editor.vm.metadata?.namespace ?? '';
  const [instancetype, setInstancetype] = useState(() => refKey(refOf(editor.vm, 'instancetype')));
  const [preference, setPreference] = useState(() => refKey(refOf(editor.vm, 'preference')));
  const types = useChoices(editor, 'instancetype', withInstancetype);
  const preferences = useChoices(editor, 'preference', true);
  const groups = groupInstancetypes(types.cluster.data, types.namespaced.data);
  const current = refOf(editor.vm, 'instancetype');
  const listed = groups.some((group) =>
    group.items.some(
      (it) => refKey({ cluster: group.cluster, name: it.metadata?.name ?? '' }) === instancetype,
    ),
  );
  const groupLabel = (group: (typeof groups)[number]) =>
    group.kind === 'series'
      ? t('{{series}} series', { series: group.series })
      : group.kind === 'other'
        ? t('Other cluster instance types')
        : t('Instance types in {{namespace}}', { namespace });
  const preferenceGroups: { cluster: boolean; label: string; items: Instancetype[] }[] = [
    { cluster: true, label: t('Cluster preferences'), items: preferences.cluster.data },
    {
      cluster: false,
      label: t('Preferences in {{namespace}}', { namespace }),
      items: preferences.namespaced.data,
    },
  ].filter((group) => group.items.length);
  const currentPreference = refOf(editor.vm, 'preference');
  const preferenceListed = preferenceGroups.some((group) =>
    group.items.some(
      (it) => refKey({ cluster: group.cluster, name: it.metadata?.name ?? '' }) === preference,
    ),
  );

  return (
    <FormModal
      title={withInstancetype ? t('Edit instance type') : t('Edit preference')}
      isValid={!withInstancetype || !!instancetype}
      onSubmit={async () => {
        await editor.patch([
          ...(withInstancetype ? refOps(editor.vm, 'instancetype', refFromKey(instancetype)) : []),
          ...refOps(editor.vm, 'preference', refFromKey(preference)),
        ]);
      }}
      onClose={onClose}
    >
      {(error) => {
        const instancetypeError = fieldErrorOf(error, 'spec.instancetype');
        const preferenceError = fieldErrorOf(error, 'spec.preference');
        return (
          <>
            {withInstancetype && (
              <FormGroup
                label={t('Instance type')}
                fieldId="virtualization-plugin-instancetype"
                isRequired
              >
                <FormSelect
                  id="virtualization-plugin-instancetype"
                  value={instancetype}
                  onChange={(_, value) => setInstancetype(value)}
                  validated={instancetypeError ? 'error' : 'default'}
                >
                  {!listed && current && (
                    <FormSelectOption value={refKey(current)} label={current.name} />
                  )}
                  {groups.map((group) => (
                    <FormSelectOptionGroup
                      key={`${group.kind}-${group.series ?? ''}`}
                      label={groupLabel(group)}
                    >
                      {group.items.map((it) => (
                        <FormSelectOption
                          key={it.metadata?.name}
                          value={refKey({ cluster: group.cluster, name: it.metadata?.name ?? '' })}
                          label={instancetypeOptionLabel(it, t)}
                        />
                      ))}
                    </FormSelectOptionGroup>
                  ))}
                </FormSelect>
                <FieldHelp error={instancetypeError}>
                  {t(
                    'The instance type sets the vCPUs and memory; the VirtualMachine cannot override them.',
                  )}
                </FieldHelp>
                <ListError error={types.cluster.error ?? types.namespaced.error} />
              </FormGroup>
            )}
            <FormGroup label={t('Preference')} fieldId="virtualization-plugin-preference">
              <FormSelect
                id="virtualization-plugin-preference"
                value={preference}
                onChange={(_, value) => setPreference(value)}
                validated={preferenceError ? 'error' : 'default'}
              >
                <FormSelectOption value="" label={t('No preference')} />
                {!preferenceListed &&
                  currentPreference &&
                  preference === refKey(currentPreference) && (
                    <FormSelectOption
                      value={refKey(currentPreference)}
                      label={currentPreference.name}
                    />
                  )}
                {preferenceGroups.map((group) => (
                  <FormSelectOptionGroup key={String(group.cluster)} label={group.label}>
                    {group.items.map((it) => (
                      <FormSelectOption
                        key={it.metadata?.name}
                        value={refKey({ cluster: group.cluster, name: it.metadata?.name ?? '' })}
                        label={it.metadata?.name ?? ''}
                      />
                    ))}
                  </FormSelectOptionGroup>
                ))}
              </FormSelect>
              <FieldHelp error={preferenceError}>
                {t(
                  'The preference fills what the VirtualMachine leaves open: disk bus, NIC model, firmware.',
                )}
              </FieldHelp>
              <ListError error={preferences.cluster.error ?? preferences.namespaced.error} />
            </FormGroup>
            <RestartHint editor={editor} />
          </>
        );
      }}
    </FormModal>
  );
};

/** Size of a VM with an instance type: the type's vCPUs and memory, and its preference. */
export const InstancetypeRow = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  const ref = refOf(editor.vm, 'instancetype') as TypeRef;
  const preference = refOf(editor.vm, 'preference');
  const { data, loaded } = useReferenced(editor, 'instancetype');
  const pending = isRunning(editor) && isInstancetypePending(data, editor.vmi);
  return (
    <>
      <EditableRow label={t('CPU | Memory')} editor={editor} onEdit={() => setOpen(true)}>
        <PendingValue pending={pending}>
          <Content component="p">
            {data
              ? t('Instance type {{value}}', { value: instancetypeOptionLabel(data, t) })
              : loaded
                ? t('Instance type {{name}} (not found)', { name: ref.name })
                : t('Instance type {{value}}', { value: ref.name })}
          </Content>
          <Content component="p">
            {preference ? t('Preference {{name}}', { name: preference.name }) : t('No preference')}
          </Content>
        </PendingValue>
      </EditableRow>
      {open && (
        <InstancetypeModal editor={editor} withInstancetype onClose={() => setOpen(false)} />
      )}
    </>
  );
};

/** The preference of a VM without an instance type. */
export const PreferenceRow = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <EditableRow label={t('Preference')} editor={editor} onEdit={() => setOpen(true)}>
        {refOf(editor.vm, 'preference')?.name}
      </EditableRow>
      {open && (
        <InstancetypeModal
          editor={editor}
          withInstancetype={false}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
};
