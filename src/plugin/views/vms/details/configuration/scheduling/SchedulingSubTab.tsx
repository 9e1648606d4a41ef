import {
  Content,
  DescriptionList,
  Label,
  LabelGroup,
  List,
  ListItem,
} from '@patternfly/react-core';
import { useState, type ComponentType } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { EditableRow } from '../editor/EditableRow';
import type { VmEditor } from '../editor/vmEditor';
import type { ConfigSubTabProps } from '../subTabs';
import { AffinityModal } from './AffinityModal';
import { expressionText, rulesFromAffinity } from './affinityRules';
import { DedicatedResourcesModal } from './DedicatedResourcesModal';
import { DeschedulerModal } from './DeschedulerModal';
import { EvictionStrategyModal } from './EvictionStrategyModal';
import { NodeSelectorModal } from './NodeSelectorModal';
import { conditionLabel, ruleTypeLabel } from './schedulingLabels';
import {
  affinityOf,
  dedicatedOf,
  deschedulerOf,
  evictionStrategyOf,
  nodeSelectorOf,
  tolerationsOfVm,
} from './schedulingOps';
import { tolerationText } from './tolerationRows';
import { TolerationsModal } from './TolerationsModal';

type DialogId =
  'nodeSelector' | 'tolerations' | 'affinity' | 'dedicated' | 'eviction' | 'descheduler';

const DIALOGS: Record<DialogId, ComponentType<{ editor: VmEditor; onClose(): void }>> = {
  nodeSelector: NodeSelectorModal,
  tolerations: TolerationsModal,
  affinity: AffinityModal,
  dedicated: DedicatedResourcesModal,
  eviction: EvictionStrategyModal,
  descheduler: DeschedulerModal,
};

/**
 * Where the VM may run: node selector, tolerations, affinity rules (each with a preview of the
 * nodes that match), dedicated CPUs, eviction strategy and the descheduler opt-in. All of them
 * apply when the VM (re)starts.
 */
export const SchedulingSubTab = ({ editor }: ConfigSubTabProps) => {
  const { t } = usePluginTranslation();
  const { vm } = editor;
  const [dialog, setDialog] = useState<DialogId>();
  const selector = Object.entries(nodeSelectorOf(vm));
  const tolerations = tolerationsOfVm(vm);
  const rules = rulesFromAffinity(affinityOf(vm));
  const eviction = evictionStrategyOf(vm);
  const instancetype = vm.spec?.instancetype?.name;
  const Dialog = dialog && DIALOGS[dialog];
  // A VMI still waiting for a node (Pending, Scheduling: e.g. Unschedulable) is not running yet,
  // but keeps the rules it was created with all the same.
  const phase = editor.vmi?.status?.phase;
  const waitingForNode = phase === 'Pending' || phase === 'Scheduling';
  return (
    <>
      {editor.live && editor.vmi && (
        <Content component="p">
          {waitingForNode
            ? t(
                'The VirtualMachine is waiting for a node with the rules it started with: scheduling changes take effect after it restarts.',
              )
            : t('The VirtualMachine is running: scheduling changes take effect after it restarts.')}
        </Content>
      )}
      <DescriptionList>
        <EditableRow
          label={t('Node selector')}
          editor={editor}
          onEdit={() => setDialog('nodeSelector')}
        >
          {selector.length > 0 ? (
            <LabelGroup numLabels={10}>
              {selector.map(([key, value]) => (
                <Label key={key} isCompact>
                  {`${key}=${value}`}
                </Label>
              ))}
            </LabelGroup>
          ) : undefined}
        </EditableRow>
        <EditableRow
          label={t('Tolerations')}
          editor={editor}
          onEdit={() => setDialog('tolerations')}
        >
          {tolerations.length > 0 ? (
            <List isPlain>
              {tolerations.map((toleration, at) => (
                <ListItem key={at}>
                  {toleration.key || toleration.operator !== 'Exists'
                    ? toleration.effect
                      ? tolerationText(toleration)
                      : t('{{toleration}} (all effects)', {
                          toleration: tolerationText(toleration),
                        })
                    : t('Every taint')}
                </ListItem>
              ))}
            </List>
          ) : undefined}
        </EditableRow>
        <EditableRow
          label={t('Affinity rules')}
          editor={editor}
          onEdit={() => setDialog('affinity')}
        >
          {rules.length > 0 ? (
            <List isPlain>
              {rules.map((rule, at) => (
                <ListItem key={at}>
                  {t('{{type}} ({{condition}}): {{expressions}}', {
                    type: ruleTypeLabel(rule.type, t),
                    condition: conditionLabel(rule.condition, t),
                    expressions: rule.expressions.map(expressionText).join('; '),
                  })}
                </ListItem>
              ))}
            </List>
          ) : undefined}
        </EditableRow>
        <EditableRow
          label={t('Dedicated resources')}
          editor={editor}
          onEdit={() => setDialog('dedicated')}
          disabledReason={
            instancetype
              ? t('The instance type {{name}} sets the CPUs.', { name: instancetype })
              : undefined
          }
        >
          {dedicatedOf(vm) ? t('Dedicated CPUs (guaranteed policy)') : t('No dedicated resources')}
        </EditableRow>
        <EditableRow
          label={t('Eviction strategy')}
          editor={editor}
          onEdit={() => setDialog('eviction')}
        >
          {eviction ?? t('Cluster default')}
        </EditableRow>
        <EditableRow
          label={t('Descheduler')}
          editor={editor}
          onEdit={() => setDialog('descheduler')}
        >
          {deschedulerOf(vm) ? t('The descheduler may evict this VirtualMachine') : t('Off')}
        </EditableRow>
      </DescriptionList>
      {Dialog && <Dialog editor={editor} onClose={() => setDialog(undefined)} />}
    </>
  );
};
