import {
  Alert,
  FormGroup,
  FormSelect,
  FormSelectOption,
  FormSelectOptionGroup,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import type { NetworkAttachmentDefinition } from '../../../../../api/types';
import { usePluginTranslation } from '../../../../../i18n';
import type { VmEditor } from '../editor/vmEditor';
import { FormModal } from '../editor/FormModal';
import { causesOf } from '../editor/fieldErrors';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { nadKey } from './nadBinding';
import { bindingLabel, notHotPluggableReason } from './nicLabels';
import {
  bindingOfForm,
  emptyNicForm,
  hasErrors,
  NIC_MODELS,
  nicFormOf,
  nicSpecOf,
  podNicName,
  validateNicForm,
  type NicForm,
} from './nicForm';
import { addNicOps, editNicOps } from './nicOps';
import type { NicRow } from './nicRows';
import { RestartHint } from '../editor/RestartHint';

const INTERFACES_FIELD = 'spec.template.spec.domain.devices.interfaces';
const NETWORKS_FIELD = 'spec.template.spec.networks';

/** The server's messages for the causes `pick` selects, joined. */
const serverError = (error: unknown, pick: (field: string) => boolean) => {
  const messages = causesOf(error)
    .filter((cause) => cause.field && pick(cause.field))
    .map((cause) => cause.message ?? cause.reason ?? '')
    .filter(Boolean);
  return messages.length ? messages.join('; ') : undefined;
};

export interface NicFormModalProps {
  editor: VmEditor;
  nads: NetworkAttachmentDefinition[];
  /** The NIC to edit; without it the dialog adds one. */
  row?: NicRow;
  onClose(): void;
}

/**
 * Adds a NIC (name, model, network, MAC; the type follows from the network) or edits one (its
 * model, network and MAC). On a running VM a virtio bridge NIC is hot-plugged; the rest waits for
 * a restart, as the dialog says.
 */
export const NicFormModal = ({ editor, nads, row, onClose }: NicFormModalProps) => {
  const { t } = usePluginTranslation();
  const { vm } = editor;
  const namespace = vm.metadata?.namespace ?? '';
  const editing = row?.name;
  const [form, setForm] = useState<NicForm>(() => (row ? nicFormOf(vm, row) : emptyNicForm()));
  const [touched, setTouched] = useState<Partial<Record<keyof NicForm, boolean>>>({});
  const update = (change: Partial<NicForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setTouched((current) => ({
      ...current,
      ...Object.fromEntries(Object.keys(change).map((key) => [key, true])),
    }));
  };
  const errors = validateNicForm(vm, form, t, editing);
  const binding = form.network ? bindingOfForm(vm, form, nads, editing) : '';
  const running = editor.live && !!editor.vmi;
  const podTakenBy = podNicName(vm, editing);
  const leavesPodNetwork = row?.network.kind === 'pod' && form.network !== 'pod';
  const known = new Set(nads.map(nadKey));
  const original = row?.network.kind === 'multus' ? row.network.ref : undefined;
  const ownNads = nads.filter((nad) => nad.metadata?.namespace === namespace);
  const sharedNads = nads.filter((nad) => nad.metadata?.namespace !== namespace);
  const id = editing ? 'virtualization-plugin-nic-edit' : 'virtualization-plugin-nic-add';

  const hint = () => {
    if (!running) return null;
    if (editing) return <RestartHint />;
    if (!form.network) return null;
    const reason = notHotPluggableReason(binding, form.network, form.model, t);
    return reason ? (
      <RestartHint>{reason}</RestartHint>
    ) : (
      <Alert
        variant="info"
        isInline
        isPlain
        title={t('KubeVirt hot-plugs this interface into the running VirtualMachine.')}
      />
    );
  };

  return (
    <FormModal
      title={editing ? t('Edit network interface') : t('Add network interface')}
      description={editing}
      isValid={!hasErrors(errors)}
      onSubmit={async () => {
        const spec = nicSpecOf(form, binding);
        await editor.patch(editing ? editNicOps(vm, spec) : addNicOps(vm, spec));
      }}
      onClose={onClose}
    >
      {(error) => {
        const nameError =
          (touched.name ? errors.name : undefined) ??
          serverError(error, (f) => f.startsWith(INTERFACES_FIELD) && !f.includes('macAddress'));
        const networkError =
          (touched.network ? errors.network : undefined) ??
          serverError(error, (f) => f.startsWith(NETWORKS_FIELD));
        const macError = errors.mac ?? serverError(error, (f) => f.includes('macAddress'));
        return (
          <>
            <FormGroup label={t('Name')} isRequired fieldId={`${id}-name`}>
              <TextInput
                id={`${id}-name`}
                isRequired
                value={form.name}
                readOnlyVariant={editing ? 'default' : undefined}
                validated={nameError ? 'error' : 'default'}
                onChange={(_, name) => update({ name: name.trim() })}
              />
              <FieldHelp error={nameError} />
            </FormGroup>
            <FormGroup label={t('Network')} isRequired fieldId={`${id}-network`}>
              <FormSelect
                id={`${id}-network`}
                value={form.network}
                validated={networkError ? 'error' : 'default'}
                onChange={(_, network) => update({ network })}
              >
                <FormSelectOption value="" label={t('Select a network')} isPlaceholder />
                <FormSelectOption
                  value="pod"
                  label={
                    podTakenBy
                      ? t('Pod networking (used by {{name}})', { name: podTakenBy })
                      : t('Pod networking')
                  }
                  isDisabled={!!podTakenBy}
                />
                {original && !known.has(original) && (
                  <FormSelectOption
                    value={original}
                    label={t('{{network}} (not found)', { network: original })}
                  />
                )}
                {ownNads.length > 0 && (
                  <FormSelectOptionGroup label={t('Networks in {{namespace}}', { namespace })}>
                    {ownNads.map((nad) => (
                      <FormSelectOption key={nadKey(nad)} value={nadKey(nad)} label={nadKey(nad)} />
                    ))}
                  </FormSelectOptionGroup>
                )}
                {sharedNads.length > 0 && (
                  <FormSelectOptionGroup
                    label={t('Networks in {{namespace}}', {
                      namespace: sharedNads[0]?.metadata?.namespace,
                    })}
                  >
                    {sharedNads.map((nad) => (
                      <FormSelectOption key={nadKey(nad)} value={nadKey(nad)} label={nadKey(nad)} />
                    ))}
                  </FormSelectOptionGroup>
                )}
              </FormSelect>
              <FieldHelp error={networkError}>
                {nads.length === 0
                  ? t(
                      'No NetworkAttachmentDefinitions in this project or in default: only the pod network is available.',
                    )
                  : undefined}
              </FieldHelp>
            </FormGroup>
            {leavesPodNetwork && (
              <Alert
                variant="warning"
                isInline
                title={t('The VirtualMachine leaves the pod network')}
              >
                {t(
                  'This is its pod network interface: without it the VirtualMachine cannot reach cluster services, and they cannot reach it, through the pod network.',
                )}
              </Alert>
            )}
            <FormGroup label={t('Type')} fieldId={`${id}-type`}>
              <TextInput
                id={`${id}-type`}
                readOnlyVariant="plain"
                value={binding ? bindingLabel(binding, t) : t('Follows from the network')}
              />
            </FormGroup>
            {binding !== 'sriov' && (
              <FormGroup label={t('Model')} fieldId={`${id}-model`}>
                <FormSelect
                  id={`${id}-model`}
                  value={form.model}
                  onChange={(_, model) => update({ model })}
                >
                  {[...new Set([...NIC_MODELS, form.model])].map((model) => (
                    <FormSelectOption key={model} value={model} label={model} />
                  ))}
                </FormSelect>
              </FormGroup>
            )}
            <FormGroup label={t('MAC address')} fieldId={`${id}-mac`}>
              <TextInput
                id={`${id}-mac`}
                value={form.mac}
                placeholder={t('Assigned by the cluster')}
                validated={macError ? 'error' : 'default'}
                onChange={(_, mac) => update({ mac: mac.trim() })}
              />
              <FieldHelp error={macError}>
                {t('Leave empty to have the cluster assign one, such as 02:00:00:00:00:01.')}
              </FieldHelp>
            </FormGroup>
            {hint()}
          </>
        );
      }}
    </FormModal>
  );
};
