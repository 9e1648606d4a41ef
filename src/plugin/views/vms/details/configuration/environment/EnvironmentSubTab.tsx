import {
  ActionGroup,
  Alert,
  Button,
  Content,
  Form,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { PlusCircleIcon } from '@patternfly/react-icons';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../../../../api/bff';
import { ConfigMapModel, SecretModel, ServiceAccountModel } from '../../../../../api/models';
import type { K8sObject, VirtualMachine } from '../../../../../api/types';
import { useK8sWatchList } from '../../../../../api/watch';
import { usePluginTranslation } from '../../../../../i18n';
import { isStaleEdit } from '../editor/fieldErrors';
import type { ConfigSubTabProps } from '../subTabs';
import { RestartHint } from '../editor/RestartHint';
import {
  environmentOps,
  environmentRowsOf,
  hasErrors,
  validateEnvironmentRows,
  type EnvironmentKind,
  type EnvironmentRow,
} from './environmentDisks';
import { EnvironmentRowFields, type ResourceChoices } from './EnvironmentRowFields';
import { randomSerial, randomText } from '../editor/randomText';

const namesOf = (list: { data: K8sObject[] }) =>
  list.data
    .map((item) => item.metadata?.name ?? '')
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b));

/**
 * Environment: ConfigMaps, Secrets and ServiceAccounts of the VM's namespace attached as disks,
 * each with a serial the guest finds it by. Edited in place; Reload returns to what is saved.
 */
export const EnvironmentSubTab = ({ editor }: ConfigSubTabProps) => {
  const { t } = usePluginTranslation();
  const namespace = editor.vm.metadata?.namespace ?? '';
  const saved = useMemo(() => environmentRowsOf(editor.vm), [editor.vm]);
  /** The rows as edited; null while they are the saved ones (then they follow the VM). */
  const [draft, setDraft] = useState<EnvironmentRow[] | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  /** The VM a successful save was made on: the edits show until the VM seen here moves on. */
  const [savedOn, setSavedOn] = useState<VirtualMachine>();
  if (savedOn && savedOn !== editor.vm) {
    setSavedOn(undefined);
    setDraft(null);
  }
  const rows = draft ?? saved;

  const configMaps = useK8sWatchList(ConfigMapModel, { namespace });
  const secrets = useK8sWatchList(SecretModel, { namespace });
  const serviceAccounts = useK8sWatchList(ServiceAccountModel, { namespace });
  const choice = (
    list: typeof configMaps,
    cannotList: (message: string) => string,
  ): ResourceChoices => ({
    names: namesOf(list),
    loaded: list.loaded,
    error: list.error ? cannotList(errorMessage(list.error)) : undefined,
  });
  const choices: Record<EnvironmentKind, ResourceChoices> = {
    configMap: choice(configMaps, (message) =>
      t('The ConfigMaps of {{namespace}} cannot be listed: {{message}}', { namespace, message }),
    ),
    secret: choice(secrets, (message) =>
      t('The Secrets of {{namespace}} cannot be listed: {{message}}', { namespace, message }),
    ),
    serviceAccount: choice(serviceAccounts, (message) =>
      t('The ServiceAccounts of {{namespace}} cannot be listed: {{message}}', {
        namespace,
        message,
      }),
    ),
  };
  const kindLabels: Record<EnvironmentKind, string> = {
    configMap: t('ConfigMap'),
    secret: t('Secret'),
    serviceAccount: t('ServiceAccount'),
  };

  const errors = validateEnvironmentRows(editor.vm, rows, t);
  const dirty = draft !== null && JSON.stringify(draft) !== JSON.stringify(saved);
  const disabled = !editor.access.allowed || busy || !!savedOn;
  // A required field left empty is flagged once Save was tried; wrong values at once.
  const shown = errors.map((row, index) => ({
    resource: attempted || rows[index]?.resource ? row.resource : undefined,
    serial: row.serial,
  }));

  const edit = (next: EnvironmentRow[]) => {
    setDraft(next);
    setError(undefined);
  };

  const save = async () => {
    setAttempted(true);
    if (hasErrors(errors)) return;
    setBusy(true);
    setError(undefined);
    try {
      const before = editor.vm;
      await editor.patch(environmentOps(before, rows));
      setSavedOn(before);
      setAttempted(false);
    } catch (failure) {
      // The rows stay as edited: fix and save again.
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h2">{t('Environment')}</Title>
        <Content component="p">
          {t(
            'ConfigMaps, Secrets and ServiceAccounts of {{namespace}} attached to the VirtualMachine as disks; the guest finds each by its serial number.',
            { namespace },
          )}
        </Content>
      </StackItem>
      {editor.access.reason && (
        <StackItem>
          <Alert variant="info" isInline isPlain title={editor.access.reason} />
        </StackItem>
      )}
      <StackItem>
        <Form
          onSubmit={(event) => {
            event.preventDefault();
            if (!disabled && dirty) void save();
          }}
        >
          {rows.length === 0 && (
            <Content component="p">
              {t('No ConfigMaps, Secrets or ServiceAccounts are attached.')}
            </Content>
          )}
          {rows.map((row, index) => (
            <EnvironmentRowFields
              key={row.key}
              row={row}
              number={index + 1}
              choices={choices}
              kindLabels={kindLabels}
              serviceAccountTaken={rows.some(
                (other) => other !== row && other.kind === 'serviceAccount',
              )}
              errors={shown[index] ?? {}}
              isDisabled={disabled}
              onChange={(next) => edit(rows.map((other) => (other === row ? next : other)))}
              onRemove={() => edit(rows.filter((other) => other !== row))}
            />
          ))}
          <div>
            <Button
              variant="link"
              icon={<PlusCircleIcon />}
              isDisabled={disabled}
              onClick={() =>
                edit([
                  ...rows,
                  {
                    key: `new-${randomText(8)}`,
                    kind: 'configMap',
                    resource: '',
                    serial: randomSerial(),
                  },
                ])
              }
            >
              {t('Add Config Map, Secret or Service Account')}
            </Button>
          </div>
          {dirty && <RestartHint editor={editor} />}
          {!!error && (
            <Alert
              variant="danger"
              isInline
              title={
                isStaleEdit(error)
                  ? t('The VirtualMachine changed while this form was open; review and save again')
                  : t('The request failed')
              }
            >
              {errorMessage(error)}
            </Alert>
          )}
          <ActionGroup>
            <Button
              type="submit"
              variant="primary"
              isDisabled={disabled || !dirty}
              isLoading={busy}
            >
              {t('Save')}
            </Button>
            <Button
              variant="secondary"
              isDisabled={busy || !!savedOn || draft === null}
              onClick={() => {
                setDraft(null);
                setAttempted(false);
                setError(undefined);
              }}
            >
              {t('Reload')}
            </Button>
          </ActionGroup>
        </Form>
      </StackItem>
    </Stack>
  );
};
