import {
  Button,
  FormFieldGroup,
  FormFieldGroupHeader,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  TextInput,
} from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon, TrashIcon } from '@patternfly/react-icons';
import { usePluginTranslation } from '../../../../../i18n';
import {
  DEFAULT_TOPOLOGY_KEY,
  newExpression,
  NODE_OPERATORS,
  POD_OPERATORS,
  takesValues,
  type AffinityCondition,
  type AffinityExpression,
  type AffinityRule,
  type AffinityRuleType,
} from './affinityRules';
import type { RuleErrors } from './affinityValidation';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { conditionLabel, ruleTypeLabel } from './schedulingLabels';

const TYPES: AffinityRuleType[] = ['node', 'pod', 'podAnti'];
const CONDITIONS: AffinityCondition[] = ['required', 'preferred'];

/** One affinity rule's fields: type, condition (and weight), topology key, expressions. */
export const AffinityRuleFields = ({
  rule,
  index,
  errors,
  onChange,
  onRemove,
}: {
  rule: AffinityRule;
  /** 1-based, as people count. */
  index: number;
  errors?: RuleErrors;
  onChange(rule: AffinityRule): void;
  onRemove(): void;
}) => {
  const { t } = usePluginTranslation();
  const id = `virtualization-plugin-affinity-rule-${index}`;
  const operators = rule.type === 'node' ? NODE_OPERATORS : POD_OPERATORS;
  const setExpression = (at: number, change: Partial<AffinityExpression>) =>
    onChange({
      ...rule,
      expressions: rule.expressions.map((e, position) =>
        position === at ? { ...e, ...change } : e,
      ),
    });
  return (
    <FormFieldGroup
      header={
        <FormFieldGroupHeader
          titleText={{ text: t('Rule {{index}}', { index }), id: `${id}-title` }}
          actions={
            <Button
              variant="plain"
              aria-label={t('Remove rule {{index}}', { index })}
              icon={<TrashIcon />}
              onClick={onRemove}
            />
          }
        />
      }
    >
      <Grid hasGutter>
        <GridItem md={6}>
          <FormGroup label={t('Type')} fieldId={`${id}-type`}>
            <FormSelect
              id={`${id}-type`}
              aria-label={t('Rule {{index}} type', { index })}
              value={rule.type}
              onChange={(_, type) => onChange({ ...rule, type: type as AffinityRuleType })}
            >
              {TYPES.map((type) => (
                <FormSelectOption key={type} value={type} label={ruleTypeLabel(type, t)} />
              ))}
            </FormSelect>
          </FormGroup>
        </GridItem>
        <GridItem md={rule.condition === 'preferred' ? 4 : 6}>
          <FormGroup label={t('Condition')} fieldId={`${id}-condition`}>
            <FormSelect
              id={`${id}-condition`}
              aria-label={t('Rule {{index}} condition', { index })}
              value={rule.condition}
              onChange={(_, condition) =>
                onChange({ ...rule, condition: condition as AffinityCondition })
              }
            >
              {CONDITIONS.map((condition) => (
                <FormSelectOption
                  key={condition}
                  value={condition}
                  label={conditionLabel(condition, t)}
                />
              ))}
            </FormSelect>
          </FormGroup>
        </GridItem>
        {rule.condition === 'preferred' && (
          <GridItem md={2}>
            <FormGroup label={t('Weight')} fieldId={`${id}-weight`}>
              <TextInput
                id={`${id}-weight`}
                aria-label={t('Rule {{index}} weight', { index })}
                type="number"
                min={1}
                max={100}
                value={Number.isNaN(rule.weight) ? '' : String(rule.weight)}
                validated={errors?.weight ? 'error' : 'default'}
                onChange={(_, weight) =>
                  onChange({ ...rule, weight: weight === '' ? NaN : Number(weight) })
                }
              />
              <FieldHelp error={errors?.weight} />
            </FormGroup>
          </GridItem>
        )}
        {rule.type !== 'node' && (
          <GridItem span={12}>
            <FormGroup label={t('Topology key')} fieldId={`${id}-topology`}>
              <TextInput
                id={`${id}-topology`}
                aria-label={t('Rule {{index}} topology key', { index })}
                value={rule.topologyKey}
                placeholder={DEFAULT_TOPOLOGY_KEY}
                validated={errors?.topologyKey ? 'error' : 'default'}
                onChange={(_, topologyKey) =>
                  onChange({ ...rule, topologyKey: topologyKey.trim() })
                }
              />
              <FieldHelp error={errors?.topologyKey} />
            </FormGroup>
          </GridItem>
        )}
      </Grid>
      {rule.expressions.map((expression, at) => {
        const error = errors?.expressions[at];
        const names = { rule: index, index: at + 1 };
        return (
          <Grid hasGutter key={at}>
            <GridItem span={4}>
              <TextInput
                aria-label={t('Rule {{rule}} key {{index}}', names)}
                placeholder={rule.type === 'node' ? t('Node label key') : t('Pod label key')}
                value={expression.key}
                validated={error?.key ? 'error' : 'default'}
                onChange={(_, key) => setExpression(at, { key: key.trim() })}
              />
              <FieldHelp error={error?.key} />
            </GridItem>
            <GridItem span={3}>
              <FormSelect
                aria-label={t('Rule {{rule}} operator {{index}}', names)}
                value={expression.operator}
                validated={error?.operator ? 'error' : 'default'}
                onChange={(_, operator) =>
                  setExpression(at, {
                    operator,
                    ...(takesValues(operator) ? {} : { values: [] }),
                  })
                }
              >
                {[...new Set([...operators, expression.operator])].map((operator) => (
                  <FormSelectOption key={operator} value={operator} label={operator} />
                ))}
              </FormSelect>
              <FieldHelp error={error?.operator} />
            </GridItem>
            <GridItem span={4}>
              <TextInput
                aria-label={t('Rule {{rule}} values {{index}}', names)}
                placeholder={
                  takesValues(expression.operator)
                    ? t('Values, separated by commas')
                    : t('No values')
                }
                isDisabled={!takesValues(expression.operator)}
                value={expression.values.join(',')}
                validated={error?.values ? 'error' : 'default'}
                onChange={(_, text) => setExpression(at, { values: text ? text.split(',') : [] })}
              />
              <FieldHelp error={error?.values} />
            </GridItem>
            <GridItem span={1}>
              <Button
                variant="plain"
                aria-label={t('Remove expression {{index}} of rule {{rule}}', names)}
                icon={<MinusCircleIcon />}
                onClick={() =>
                  onChange({
                    ...rule,
                    expressions: rule.expressions.filter((_, position) => position !== at),
                  })
                }
              />
            </GridItem>
          </Grid>
        );
      })}
      <FieldHelp error={errors?.rule} />
      <div>
        <Button
          variant="link"
          icon={<PlusCircleIcon />}
          aria-label={t('Add expression to rule {{index}}', { index })}
          onClick={() => onChange({ ...rule, expressions: [...rule.expressions, newExpression()] })}
        >
          {t('Add expression')}
        </Button>
      </div>
    </FormFieldGroup>
  );
};
