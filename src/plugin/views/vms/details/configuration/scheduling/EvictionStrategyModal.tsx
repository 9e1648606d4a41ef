import { FormGroup, Radio } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { RestartHint } from '../editor/RestartHint';
import { evictionDescription } from './schedulingLabels';
import {
  EVICTION_STRATEGIES,
  evictionOps,
  evictionStrategyOf,
  type EvictionStrategy,
} from './schedulingOps';

const DEFAULT = 'default';

/** What happens to the VM when its node is drained; unset follows the cluster. */
export const EvictionStrategyModal = ({
  editor,
  onClose,
}: {
  editor: VmEditor;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const [strategy, setStrategy] = useState<string>(() => evictionStrategyOf(editor.vm) ?? DEFAULT);
  const choices: { value: string; label: string }[] = [
    { value: DEFAULT, label: t('Cluster default') },
    ...EVICTION_STRATEGIES.map((value) => ({ value, label: value })),
    // A value this form does not know stays choosable as it is.
    ...(strategy !== DEFAULT && !(EVICTION_STRATEGIES as readonly string[]).includes(strategy)
      ? [{ value: strategy, label: strategy }]
      : []),
  ];
  return (
    <FormModal
      title={t('Eviction strategy')}
      isValid
      onSubmit={async () => {
        await editor.patch(
          evictionOps(editor.vm, strategy === DEFAULT ? undefined : (strategy as EvictionStrategy)),
        );
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          <FormGroup
            role="radiogroup"
            isStack
            fieldId="virtualization-plugin-eviction"
            label={t('Eviction strategy')}
          >
            {choices.map(({ value, label }) => (
              <Radio
                key={value}
                id={`virtualization-plugin-eviction-${value}`}
                name="virtualization-plugin-eviction"
                label={label}
                description={evictionDescription(
                  value === DEFAULT ? undefined : (value as EvictionStrategy),
                  t,
                )}
                isChecked={strategy === value}
                onChange={() => setStrategy(value)}
              />
            ))}
          </FormGroup>
          <FieldHelp error={fieldErrorOf(error, 'spec.template.spec.evictionStrategy')} />
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};
