import {
  ActionList,
  ActionListGroup,
  ActionListItem,
  Alert,
  Button,
  Content,
  Stack,
  StackItem,
  Tooltip,
} from '@patternfly/react-core';
import { useState } from 'react';
import { errorMessage } from '../../../../api/bff';
import type { VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { createFromDraft, type CreationStep } from '../../draft/createFromDraft';
import type { VmDraft } from '../../draft/vmDraft';
import { QuotaAlert } from '../../quota/QuotaAlert';
import { YamlCliModal } from './YamlCliModal';

export interface CreateVmFooterProps {
  /** The VM to create; undefined until the steps have chosen enough to build one. */
  draft?: VmDraft;
  /** Why the VM cannot be created yet (shown on the disabled Create button). */
  problems: string[];
  /** The VM exists: go to its details page. */
  onCreated(vm: VirtualMachine): void;
  /** Opens the configuration forms on the draft; no Customize button without it. */
  onCustomize?(): void;
  onCancel(): void;
  /** Creation was refused: the page may show a cause at its field (`metadata.name`). */
  onError?(error: unknown): void;
}

type Translate = ReturnType<typeof usePluginTranslation>['t'];

const stepText = (t: Translate, step: CreationStep): string => {
  switch (step.step) {
    case 'check-name':
      return t('Checking that the name {{name}} is free…', { name: step.name });
    case 'create':
      return t('Creating {{kind}} {{name}}…', { kind: step.kind, name: step.name });
    case 'link':
      return t('Linking the created objects to {{name}}…', { name: step.name });
  }
};

/**
 * The InstanceTypes flow's footer: Create VirtualMachine (disabled with the reasons while the
 * steps have problems), Customize VirtualMachine, YAML & CLI, Cancel. A refused creation shows
 * the server's message and leaves every choice on the page as it was.
 */
export const CreateVmFooter = ({
  draft,
  problems,
  onCreated,
  onCustomize,
  onCancel,
  onError,
}: CreateVmFooterProps) => {
  const { t } = usePluginTranslation();
  const [creating, setCreating] = useState(false);
  const [step, setStep] = useState<CreationStep>();
  const [error, setError] = useState<unknown>();
  const [showYaml, setShowYaml] = useState(false);
  const blocked = !draft || problems.length > 0;

  const create = async () => {
    if (!draft || blocked || creating) return;
    setCreating(true);
    setError(undefined);
    try {
      const vm = await createFromDraft(draft, { onStep: setStep });
      onCreated(vm);
    } catch (caught) {
      setError(caught);
      onError?.(caught);
    } finally {
      setCreating(false);
      setStep(undefined);
    }
  };

  const createButton = (
    <Button
      variant="primary"
      isAriaDisabled={blocked || creating}
      isLoading={creating}
      spinnerAriaValueText={t('Creating')}
      onClick={() => void create()}
    >
      {t('Create VirtualMachine')}
    </Button>
  );

  return (
    <Stack hasGutter className="virtualization-plugin-create-vm-footer">
      <StackItem>
        <QuotaAlert draft={draft} />
      </StackItem>
      {error !== undefined && (
        <StackItem>
          <Alert variant="danger" isInline title={t('The VirtualMachine was not created')}>
            {errorMessage(error)}
          </Alert>
        </StackItem>
      )}
      <StackItem>
        <ActionList>
          <ActionListGroup>
            <ActionListItem>
              {problems.length > 0 ? (
                <Tooltip
                  content={
                    <ul>
                      {problems.map((problem) => (
                        <li key={problem}>{problem}</li>
                      ))}
                    </ul>
                  }
                >
                  {createButton}
                </Tooltip>
              ) : (
                createButton
              )}
            </ActionListItem>
            {onCustomize && (
              <ActionListItem>
                <Button
                  variant="secondary"
                  isAriaDisabled={!draft || creating}
                  onClick={onCustomize}
                >
                  {t('Customize VirtualMachine')}
                </Button>
              </ActionListItem>
            )}
            <ActionListItem>
              <Button variant="secondary" isAriaDisabled={!draft} onClick={() => setShowYaml(true)}>
                {t('YAML & CLI')}
              </Button>
            </ActionListItem>
            <ActionListItem>
              <Button variant="link" isAriaDisabled={creating} onClick={onCancel}>
                {t('Cancel')}
              </Button>
            </ActionListItem>
            <ActionListItem>
              <Content component="small" aria-live="polite">
                {step ? stepText(t, step) : ''}
              </Content>
            </ActionListItem>
          </ActionListGroup>
        </ActionList>
      </StackItem>
      {showYaml && draft && <YamlCliModal draft={draft} onClose={() => setShowYaml(false)} />}
    </Stack>
  );
};
