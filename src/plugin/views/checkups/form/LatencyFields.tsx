import { Checkbox, FormGroup, TextInput } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import { FieldHelp } from '../../vms/actions/modals/FieldHelp';
import { NadField } from './NadField';
import { NodeFields } from './NodeFields';
import { NumberField } from './NumberField';
import type { FormErrors, LatencyFormValues } from './runForm';

/** The network latency checkup's fields, as the seed names them. */
export const LatencyFields = ({
  namespace,
  values,
  errors,
  canListNodes,
  onChange,
}: {
  namespace: string;
  values: LatencyFormValues;
  /** The messages to show now (a field's once it was touched, all after Run). */
  errors: FormErrors<LatencyFormValues>;
  canListNodes: boolean;
  onChange(patch: Partial<LatencyFormValues>): void;
}) => {
  const { t } = usePluginTranslation();
  return (
    <>
      <NadField
        namespace={namespace}
        value={values.nad}
        error={errors.nad}
        onChange={(nad) => onChange({ nad })}
      />
      <NumberField
        id="checkup-sample-duration"
        label={t('Sample duration (seconds)')}
        value={values.sampleDuration}
        error={errors.sampleDuration}
        helper={t('How long to measure; empty: 5 seconds.')}
        onChange={(sampleDuration) => onChange({ sampleDuration })}
      />
      <FormGroup fieldId="checkup-set-max-latency">
        <Checkbox
          id="checkup-set-max-latency"
          label={t('Set maximum desired latency (milliseconds)')}
          description={t('The checkup fails when the measured maximum latency is higher.')}
          isChecked={values.setMaxLatency}
          onChange={(_, setMaxLatency) => onChange({ setMaxLatency })}
        />
        {values.setMaxLatency && (
          <>
            <TextInput
              id="checkup-max-latency"
              aria-label={t('Maximum desired latency (milliseconds)')}
              inputMode="numeric"
              isRequired
              value={values.maxLatency}
              validated={errors.maxLatency ? 'error' : 'default'}
              onChange={(_, maxLatency) => onChange({ maxLatency })}
            />
            <FieldHelp error={errors.maxLatency} />
          </>
        )}
      </FormGroup>
      <FormGroup fieldId="checkup-select-nodes">
        <Checkbox
          id="checkup-select-nodes"
          label={t('Select nodes')}
          description={t(
            'Run the two VirtualMachines on nodes you choose; otherwise the scheduler places them.',
          )}
          isChecked={values.selectNodes}
          onChange={(_, selectNodes) => onChange({ selectNodes })}
        />
      </FormGroup>
      {values.selectNodes && (
        <NodeFields
          canListNodes={canListNodes}
          source={values.sourceNode}
          target={values.targetNode}
          errors={errors}
          onChange={(field, value) => onChange({ [field]: value })}
        />
      )}
    </>
  );
};
