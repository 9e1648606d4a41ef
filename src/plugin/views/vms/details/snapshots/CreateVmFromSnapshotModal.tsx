import {
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Progress,
  TextInput,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../../api/bff';
import { k8sCreate, vmAction } from '../../../../api/k8s';
import { VirtualMachineCloneModel } from '../../../../api/models';
import type { VirtualMachineClone, VirtualMachineSnapshot } from '../../../../api/types';
import { useK8sWatchObject } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { vmTabPath } from '../detailsPaths';
import { isDnsLabel } from './names';
import { newCloneFromSnapshot } from './snapshotObjects';

/** Follows the clone until the new VM exists, then starts it if asked. */
const CloneProgress = ({
  namespace,
  cloneName,
  target,
  start,
}: {
  namespace: string;
  cloneName: string;
  target: string;
  start: boolean;
}) => {
  const { t } = usePluginTranslation();
  const clone = useK8sWatchObject<VirtualMachineClone>(VirtualMachineCloneModel, {
    namespace,
    name: cloneName,
  });
  const phase = clone.data?.status?.phase;
  const started = useRef(false);
  const [startError, setStartError] = useState<string>();
  useEffect(() => {
    if (phase !== 'Succeeded' || !start || started.current) return;
    started.current = true;
    vmAction({ namespace, name: target }, 'start').catch((e: unknown) =>
      setStartError(errorMessage(e)),
    );
  }, [phase, start, namespace, target]);

  if (phase === 'Failed') {
    const failure = clone.data?.status?.conditions?.find((c) => c.status === 'False' && c.message);
    return (
      <Alert variant="danger" isInline title={t('Creating the VirtualMachine failed')}>
        {failure?.message ??
          t('The clone {{name}} failed; its events say why.', { name: cloneName })}
      </Alert>
    );
  }
  if (phase === 'Succeeded')
    return (
      <Alert variant="success" isInline title={t('VirtualMachine created')}>
        <Link to={vmTabPath(namespace, target)}>{t('Open {{name}}', { name: target })}</Link>
        {startError && <p>{t('It could not be started: {{message}}', { message: startError })}</p>}
      </Alert>
    );
  return (
    <Progress
      title={t('Creating {{name}}: {{phase}}', { name: target, phase: phase ?? t('Pending') })}
      measureLocation="none"
      value={phase === 'RestoreInProgress' ? 66 : phase === 'SnapshotInProgress' ? 33 : 10}
    />
  );
};

/** A new VirtualMachine from a snapshot (KubeVirt's clone API with the snapshot as source). */
export const CreateVmFromSnapshotModal = ({
  snapshot,
  onClose,
}: {
  snapshot: VirtualMachineSnapshot;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const namespace = snapshot.metadata?.namespace ?? '';
  const snapshotName = snapshot.metadata?.name ?? '';
  const [name, setName] = useState(() =>
    `${snapshot.spec?.source?.name ?? 'vm'}-copy`.slice(0, 63).replace(/-+$/, ''),
  );
  const [start, setStart] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [cloneName, setCloneName] = useState<string>();
  const validName = isDnsLabel(name);

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const created = await k8sCreate<VirtualMachineClone>(
        VirtualMachineCloneModel,
        newCloneFromSnapshot(namespace, snapshotName, name),
        { namespace },
      );
      setCloneName(created.metadata?.name);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby="create-vm-from-snapshot-title">
      <ModalHeader
        title={t('Create VirtualMachine from snapshot')}
        labelId="create-vm-from-snapshot-title"
      />
      <ModalBody>
        {cloneName ? (
          <CloneProgress namespace={namespace} cloneName={cloneName} target={name} start={start} />
        ) : (
          <Form
            id="create-vm-from-snapshot-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (validName && !submitting) void submit();
            }}
          >
            <FormGroup label={t('Name')} isRequired fieldId="new-vm-name">
              <TextInput
                id="new-vm-name"
                isRequired
                value={name}
                onChange={(_e, value) => setName(value)}
                validated={validName ? 'default' : 'error'}
              />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem variant={validName ? 'default' : 'error'}>
                    {t('From snapshot {{snapshot}}, in project {{namespace}}.', {
                      snapshot: snapshotName,
                      namespace,
                    })}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <Checkbox
              id="new-vm-start"
              label={t('Start this VirtualMachine after creation')}
              isChecked={start}
              onChange={(_e, checked) => setStart(checked)}
            />
            {error && (
              <Alert variant="danger" isInline title={t('The VirtualMachine could not be created')}>
                {error}
              </Alert>
            )}
          </Form>
        )}
      </ModalBody>
      <ModalFooter>
        {!cloneName && (
          <Button
            variant="primary"
            type="submit"
            form="create-vm-from-snapshot-form"
            isDisabled={!validName || submitting}
            isLoading={submitting}
          >
            {t('Create')}
          </Button>
        )}
        <Button variant="link" onClick={onClose}>
          {cloneName ? t('Close') : t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
