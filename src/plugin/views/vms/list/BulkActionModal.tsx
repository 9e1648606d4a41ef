import {
  Alert,
  Button,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Progress,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../api/bff';
import type { VmSummary } from '../../../api/vmIndex';
import { usePluginTranslation } from '../../../i18n';
import { validateLabelValue, validateMetadataKey } from '../actions/metadataValidation';
import { runBulkAction, type BulkAction, type BulkOutcome, type LabelChange } from './bulkActions';

const rowName = (row: VmSummary) => `${row.namespace}/${row.name}`;

/**
 * A bulk action from start to end: what it will touch (and for labels, which change), its
 * progress, then what was done, skipped and refused, with the server's message for each refusal.
 */
export const BulkActionModal = ({
  action,
  rows,
  close,
}: {
  action: BulkAction;
  rows: VmSummary[];
  close: () => void;
}) => {
  const { t } = usePluginTranslation();
  const [mode, setMode] = useState<'add' | 'remove'>('add');
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [finished, setFinished] = useState<number>();
  const [outcomes, setOutcomes] = useState<BulkOutcome[]>();
  const applicable = rows.filter(action.applies);
  const isLabels = action.id === 'labels';
  const keyError = isLabels && key ? validateMetadataKey(key, t) : undefined;
  const valueError = isLabels && mode === 'add' ? validateLabelValue(value, t) : undefined;
  const invalid = isLabels && (!key || !!keyError || !!valueError);
  const running = finished !== undefined && !outcomes;

  const submit = async () => {
    setFinished(0);
    const change: LabelChange | undefined = isLabels
      ? { key, value: mode === 'add' ? value : null }
      : undefined;
    setOutcomes(await runBulkAction(action, rows, change, setFinished));
  };

  // Start, Pause and Unpause lose nothing: they run at once and the dialog reports.
  const started = useRef(false);
  useEffect(() => {
    if (action.confirm || isLabels || started.current) return;
    started.current = true;
    void submit();
    // Once, on open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const title = t('{{action}}: {{count}} selected', {
    action: action.label(t),
    count: rows.length,
  });

  if (outcomes) {
    const failed = outcomes.filter((outcome) => outcome.status === 'failed');
    const done = outcomes.filter((outcome) => outcome.status === 'done').length;
    const skipped = outcomes.filter((outcome) => outcome.status === 'skipped').length;
    return (
      <Modal
        isOpen
        variant="medium"
        onClose={close}
        aria-labelledby="virtualization-plugin-bulk-title"
      >
        <ModalHeader title={title} labelId="virtualization-plugin-bulk-title" />
        <ModalBody>
          <Alert
            isInline
            variant={failed.length ? 'warning' : 'success'}
            title={t('Done for {{done}}, skipped {{skipped}}, failed {{failed}}', {
              done,
              skipped,
              failed: failed.length,
            })}
          >
            {failed.length > 0 && (
              <List>
                {failed.map((outcome) => (
                  <ListItem key={rowName(outcome.row)}>
                    {t('{{vm}}: {{message}}', {
                      vm: rowName(outcome.row),
                      message: errorMessage(outcome.error),
                    })}
                  </ListItem>
                ))}
              </List>
            )}
            {skipped > 0 && (
              <Content component="p">
                {t('Skipped VMs were not in a state this action applies to.')}
              </Content>
            )}
          </Alert>
        </ModalBody>
        <ModalFooter>
          <Button variant="primary" onClick={close}>
            {t('Close')}
          </Button>
        </ModalFooter>
      </Modal>
    );
  }

  return (
    <Modal
      isOpen
      variant="medium"
      onClose={close}
      aria-labelledby="virtualization-plugin-bulk-title"
    >
      <ModalHeader
        title={title}
        labelId="virtualization-plugin-bulk-title"
        titleIconVariant={action.id === 'delete' ? 'warning' : undefined}
      />
      <ModalBody>
        <Form
          id="virtualization-plugin-bulk-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!invalid && !running && applicable.length) void submit();
          }}
        >
          {action.id === 'delete' && (
            <Content component="p">
              {t(
                'These VMs are stopped and deleted, with the disks created with them. Other disks are kept. This cannot be undone.',
              )}
            </Content>
          )}
          {(action.id === 'stop' || action.id === 'restart') && (
            <Content component="p">{t('Work not saved inside these VMs is lost.')}</Content>
          )}
          {isLabels && (
            <>
              <FormGroup
                role="radiogroup"
                fieldId="virtualization-plugin-bulk-label-mode"
                label={t('Change')}
              >
                <Radio
                  id="virtualization-plugin-bulk-label-add"
                  name="virtualization-plugin-bulk-label-mode"
                  label={t('Add or set a label')}
                  isChecked={mode === 'add'}
                  onChange={() => setMode('add')}
                />
                <Radio
                  id="virtualization-plugin-bulk-label-remove"
                  name="virtualization-plugin-bulk-label-mode"
                  label={t('Remove a label')}
                  isChecked={mode === 'remove'}
                  onChange={() => setMode('remove')}
                />
              </FormGroup>
              <FormGroup label={t('Key')} isRequired fieldId="virtualization-plugin-bulk-label-key">
                <TextInput
                  id="virtualization-plugin-bulk-label-key"
                  value={key}
                  isRequired
                  validated={keyError ? 'error' : 'default'}
                  onChange={(_, next) => setKey(next.trim())}
                />
                {keyError && (
                  <FormHelperText>
                    <HelperText>
                      <HelperTextItem variant="error">{keyError}</HelperTextItem>
                    </HelperText>
                  </FormHelperText>
                )}
              </FormGroup>
              {mode === 'add' && (
                <FormGroup label={t('Value')} fieldId="virtualization-plugin-bulk-label-value">
                  <TextInput
                    id="virtualization-plugin-bulk-label-value"
                    value={value}
                    validated={valueError ? 'error' : 'default'}
                    onChange={(_, next) => setValue(next.trim())}
                  />
                  {valueError && (
                    <FormHelperText>
                      <HelperText>
                        <HelperTextItem variant="error">{valueError}</HelperTextItem>
                      </HelperText>
                    </FormHelperText>
                  )}
                </FormGroup>
              )}
            </>
          )}
          <FormGroup
            label={t('VirtualMachines ({{count}})', { count: applicable.length })}
            fieldId="virtualization-plugin-bulk-list"
          >
            <List
              id="virtualization-plugin-bulk-list"
              aria-label={t('VirtualMachines this action applies to')}
            >
              {applicable.map((row) => (
                <ListItem key={rowName(row)}>{rowName(row)}</ListItem>
              ))}
            </List>
            {applicable.length < rows.length && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>
                    {t(
                      '{{count}} selected VMs are skipped: the action does not apply to their state.',
                      {
                        count: rows.length - applicable.length,
                      },
                    )}
                  </HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
          {running && (
            <Progress
              title={t('Working…')}
              aria-label={t('Progress')}
              value={applicable.length ? ((finished ?? 0) / applicable.length) * 100 : 100}
              label={t('{{finished}} of {{total}}', { finished, total: applicable.length })}
            />
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant={action.id === 'delete' ? 'danger' : 'primary'}
          type="submit"
          form="virtualization-plugin-bulk-form"
          isDisabled={invalid || running || !applicable.length}
          isLoading={running}
        >
          {action.label(t)}
        </Button>
        <Button variant="link" onClick={close} isDisabled={running}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
