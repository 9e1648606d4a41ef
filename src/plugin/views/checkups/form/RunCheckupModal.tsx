import { Content, Form, Modal, ModalBody, ModalHeader } from '@patternfly/react-core';
import { useId, useState, type FormEvent } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { ModalError } from '../../vms/actions/modals/ModalError';
import { NameField } from '../../vms/actions/modals/NameField';
import { SubmitFooter } from '../../vms/actions/modals/SubmitFooter';
import { runCheckup } from '../actions/checkupMutations';
import type { CheckupDefinition } from '../checkupKinds';
import { generatedCheckupName } from '../model/checkupName';
import { LatencyFields } from './LatencyFields';
import {
  initialLatencyForm,
  initialStorageForm,
  latencyFormInput,
  storageFormInput,
  validateLatencyForm,
  validateStorageForm,
  type LatencyFormValues,
  type StorageFormValues,
} from './runForm';
import { StorageFields } from './StorageFields';

export interface RunCheckupModalProps {
  checkup: CheckupDefinition;
  namespace: string;
  /** Names of the project's checkups of this kind: a new one needs another. */
  takenNames: readonly string[];
  canListNodes: boolean;
  onClose(): void;
  /** The checkup's ConfigMap and Job were created. */
  onCreated(name: string): void;
}

/**
 * Run checkup: the seed's form for the checkup. The name is generated and checked as it is
 * typed; other fields are checked once touched, all of them on Run. A refusal (name taken,
 * forbidden, quota) is shown in the dialog, which keeps everything typed.
 */
export const RunCheckupModal = ({
  checkup,
  namespace,
  takenNames,
  canListNodes,
  onClose,
  onCreated,
}: RunCheckupModalProps) => {
  const { t } = usePluginTranslation();
  const titleId = useId();
  const formId = useId();
  const isStorage = checkup.kind === 'storage';
  const [latency, setLatency] = useState(() => initialLatencyForm(generatedCheckupName(checkup)));
  const [storage, setStorage] = useState(() => initialStorageForm(generatedCheckupName(checkup)));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set(['name']));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const errors: Record<string, string | undefined> = isStorage
    ? validateStorageForm(storage, t, takenNames)
    : validateLatencyForm(latency, t, takenNames);
  const shown = Object.fromEntries(
    Object.entries(errors).filter(([field]) => submitted || touched.has(field)),
  );
  const touch = (patch: object) =>
    setTouched((current) => new Set([...current, ...Object.keys(patch)]));
  const name = isStorage ? storage.name : latency.name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const input = isStorage
        ? storageFormInput(storage, namespace)
        : latencyFormInput(latency, namespace);
      const { configMap } = await runCheckup(checkup, input);
      onCreated(configMap.metadata?.name ?? name);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby={titleId}>
      <ModalHeader
        title={t('Run checkup')}
        labelId={titleId}
        description={t('{{checkup}} checkup in project {{namespace}}', {
          checkup: checkup.tabTitle(t),
          namespace,
        })}
      />
      <ModalBody>
        <Form id={formId} onSubmit={(event) => void submit(event)}>
          <NameField
            id="checkup-name"
            label={t('Name')}
            value={name}
            error={shown.name}
            onChange={(next) =>
              isStorage
                ? setStorage((v) => ({ ...v, name: next }))
                : setLatency((v) => ({ ...v, name: next }))
            }
          />
          {isStorage ? (
            <StorageFields
              values={storage}
              errors={shown as Partial<Record<keyof StorageFormValues, string>>}
              onChange={(patch) => {
                touch(patch);
                setStorage((v) => ({ ...v, ...patch }));
              }}
            />
          ) : (
            <LatencyFields
              namespace={namespace}
              values={latency}
              errors={shown as Partial<Record<keyof LatencyFormValues, string>>}
              canListNodes={canListNodes}
              onChange={(patch) => {
                touch(patch);
                setLatency((v) => ({ ...v, ...patch }));
              }}
            />
          )}
          {submitted && Object.keys(errors).length > 0 && (
            <Content component="p" role="status">
              {t('Correct the fields marked above, then select Run.')}
            </Content>
          )}
          <ModalError error={error} title={t('The checkup could not be started')} />
        </Form>
      </ModalBody>
      <SubmitFooter
        formId={formId}
        label={t('Run')}
        isDisabled={busy}
        busy={busy}
        onCancel={onClose}
      />
    </Modal>
  );
};
