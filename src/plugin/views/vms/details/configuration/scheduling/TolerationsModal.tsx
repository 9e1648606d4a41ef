import {
  Button,
  Content,
  FormSelect,
  FormSelectOption,
  Grid,
  GridItem,
  TextInput,
} from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { matchingNodes } from './matchingNodes';
import { NodePreview } from './NodePreview';
import { RestartHint } from '../editor/RestartHint';
import { tolerationsOfVm, tolerationsOps } from './schedulingOps';
import type { TaintEffect, TolerationOperator } from './schedulingTypes';
import {
  hasTolerationErrors,
  newTolerationRow,
  TAINT_EFFECTS,
  tolerationRowsOf,
  tolerationsOf,
  validateTolerationRows,
  type TolerationRow,
} from './tolerationRows';
import { useNodes } from './useNodes';

/** Taints the VM tolerates, with a live count of the nodes whose taints are all tolerated. */
export const TolerationsModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const nodes = useNodes();
  const [rows, setRows] = useState<TolerationRow[]>(() => {
    const initial = tolerationRowsOf(tolerationsOfVm(editor.vm));
    return initial.length ? initial : [newTolerationRow()];
  });
  const errors = validateTolerationRows(rows, t);
  const invalid = hasTolerationErrors(errors);
  const update = (at: number, change: Partial<TolerationRow>) =>
    setRows((current) => current.map((row, index) => (index === at ? { ...row, ...change } : row)));
  return (
    <FormModal
      title={t('Tolerations')}
      description={t(
        'A node whose taints the VirtualMachine does not tolerate (NoSchedule, NoExecute) does not run it.',
      )}
      variant="large"
      isValid={!invalid}
      onSubmit={async () => {
        await editor.patch(tolerationsOps(editor.vm, tolerationsOf(rows)));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          {rows.map((row, at) => {
            const index = at + 1;
            return (
              <Grid hasGutter key={at}>
                <GridItem span={4}>
                  <TextInput
                    aria-label={t('Key {{index}}', { index })}
                    placeholder={t('Key')}
                    value={row.key}
                    validated={errors[at]?.key ? 'error' : 'default'}
                    onChange={(_, key) => update(at, { key: key.trim() })}
                  />
                  <FieldHelp error={errors[at]?.key} />
                </GridItem>
                <GridItem span={2}>
                  <FormSelect
                    aria-label={t('Operator {{index}}', { index })}
                    value={row.operator}
                    onChange={(_, operator) =>
                      update(at, {
                        operator: operator as TolerationOperator,
                        ...(operator === 'Exists' ? { value: '' } : {}),
                      })
                    }
                  >
                    <FormSelectOption value="Equal" label={t('Equal')} />
                    <FormSelectOption value="Exists" label={t('Exists')} />
                  </FormSelect>
                </GridItem>
                <GridItem span={3}>
                  <TextInput
                    aria-label={t('Value {{index}}', { index })}
                    placeholder={row.operator === 'Exists' ? t('Any value') : t('Value')}
                    value={row.value}
                    isDisabled={row.operator === 'Exists'}
                    validated={errors[at]?.value ? 'error' : 'default'}
                    onChange={(_, value) => update(at, { value: value.trim() })}
                  />
                  <FieldHelp error={errors[at]?.value} />
                </GridItem>
                <GridItem span={2}>
                  <FormSelect
                    aria-label={t('Effect {{index}}', { index })}
                    value={row.effect}
                    onChange={(_, effect) => update(at, { effect: effect as TaintEffect | '' })}
                  >
                    {TAINT_EFFECTS.map((effect) => (
                      <FormSelectOption key={effect} value={effect} label={effect} />
                    ))}
                    <FormSelectOption value="" label={t('All effects')} />
                  </FormSelect>
                </GridItem>
                <GridItem span={1}>
                  <Button
                    variant="plain"
                    aria-label={t('Remove toleration {{index}}', { index })}
                    icon={<MinusCircleIcon />}
                    onClick={() =>
                      setRows((current) => current.filter((_, position) => position !== at))
                    }
                  />
                </GridItem>
              </Grid>
            );
          })}
          {rows.length === 0 && <Content component="p">{t('No tolerations.')}</Content>}
          <div>
            <Button
              variant="link"
              icon={<PlusCircleIcon />}
              onClick={() => setRows((current) => [...current, newTolerationRow()])}
            >
              {t('Add toleration')}
            </Button>
          </div>
          <FieldHelp error={fieldErrorOf(error, 'spec.template.spec.tolerations')} />
          <NodePreview
            state={nodes}
            match={(list) => matchingNodes(list, undefined, tolerationsOf(rows))}
            noneMessage={t('Every node has a taint the VirtualMachine does not tolerate.')}
          />
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};
