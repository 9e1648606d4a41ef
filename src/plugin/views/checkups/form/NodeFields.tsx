import { FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { NodeModel } from '../../../api/models';
import { useK8sWatchList } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { FieldHelp } from '../../vms/actions/modals/FieldHelp';
import type { Node } from '../model/types';

interface NodeFieldProps {
  id: string;
  label: string;
  value: string;
  error?: string;
  /** The nodes to pick from; undefined: typed (the user may not list nodes). */
  names?: readonly string[];
  onChange(value: string): void;
}

const NodeField = ({ id, label, value, error, names, onChange }: NodeFieldProps) => {
  const { t } = usePluginTranslation();
  return (
    <FormGroup label={label} isRequired fieldId={id}>
      {names ? (
        <FormSelect
          id={id}
          value={value}
          validated={error ? 'error' : 'default'}
          onChange={(_, next) => onChange(next)}
        >
          <FormSelectOption value="" label={t('Select a node')} isPlaceholder />
          {value && !names.includes(value) && <FormSelectOption value={value} label={value} />}
          {names.map((name) => (
            <FormSelectOption key={name} value={name} label={name} />
          ))}
        </FormSelect>
      ) : (
        <TextInput
          id={id}
          isRequired
          value={value}
          validated={error ? 'error' : 'default'}
          onChange={(_, next) => onChange(next.trim())}
        />
      )}
      <FieldHelp error={error} />
    </FormGroup>
  );
};

/** Source and target node: picked from the cluster's nodes, or typed when they cannot be listed. */
export const NodeFields = ({
  canListNodes,
  source,
  target,
  errors,
  onChange,
}: {
  canListNodes: boolean;
  source: string;
  target: string;
  errors: { sourceNode?: string; targetNode?: string };
  onChange(field: 'sourceNode' | 'targetNode', value: string): void;
}) => {
  const { t } = usePluginTranslation();
  const nodes = useK8sWatchList<Node>(NodeModel, canListNodes ? {} : null);
  // Listed when allowed (empty while loading), typed otherwise or when the list fails.
  const names =
    canListNodes && !nodes.error
      ? nodes.data.map((node) => node.metadata?.name ?? '').sort()
      : undefined;
  return (
    <>
      <NodeField
        id="checkup-source-node"
        label={t('Source node')}
        value={source}
        error={errors.sourceNode}
        names={names}
        onChange={(value) => onChange('sourceNode', value)}
      />
      <NodeField
        id="checkup-target-node"
        label={t('Target node')}
        value={target}
        error={errors.targetNode}
        names={names}
        onChange={(value) => onChange('targetNode', value)}
      />
    </>
  );
};
