import { Button, Content } from '@patternfly/react-core';
import { PlusCircleIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { AffinityRuleFields } from './AffinityRuleFields';
import { affinityFromRules, newRule, rulesFromAffinity, type AffinityRule } from './affinityRules';
import { hasRuleErrors, validateAffinityRules } from './affinityValidation';
import { FieldHelp } from '../../../actions/modals/FieldHelp';
import { matchingNodes } from './matchingNodes';
import { NodePreview } from './NodePreview';
import { RestartHint } from '../editor/RestartHint';
import { affinityOf, affinityOps } from './schedulingOps';
import { useNodes } from './useNodes';

/**
 * The VM's affinity as a list of rules (node affinity, workload affinity and anti-affinity;
 * required or preferred), with a live count of the nodes the node rules allow.
 */
export const AffinityModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const nodes = useNodes();
  const [rules, setRules] = useState<AffinityRule[]>(() =>
    rulesFromAffinity(affinityOf(editor.vm)),
  );
  const errors = validateAffinityRules(rules, t);
  const affinity = affinityFromRules(rules);
  const hasPodRules = rules.some((rule) => rule.type !== 'node');
  return (
    <FormModal
      title={t('Affinity rules')}
      description={t(
        'A node must match at least one required node rule; preferred rules add their weight to the nodes they match.',
      )}
      variant="large"
      isValid={!hasRuleErrors(errors)}
      onSubmit={async () => {
        await editor.patch(affinityOps(editor.vm, affinity));
      }}
      onClose={onClose}
    >
      {(error) => (
        <>
          {rules.map((rule, at) => (
            <AffinityRuleFields
              key={at}
              rule={rule}
              index={at + 1}
              errors={errors[at]}
              onChange={(next) =>
                setRules((current) => current.map((r, position) => (position === at ? next : r)))
              }
              onRemove={() =>
                setRules((current) => current.filter((_, position) => position !== at))
              }
            />
          ))}
          {rules.length === 0 && (
            <Content component="p">{t('No affinity rules: the scheduler chooses freely.')}</Content>
          )}
          <div>
            <Button
              variant="link"
              icon={<PlusCircleIcon />}
              onClick={() => setRules((current) => [...current, newRule()])}
            >
              {t('Add affinity rule')}
            </Button>
          </div>
          <FieldHelp error={fieldErrorOf(error, 'spec.template.spec.affinity')} />
          <NodePreview
            state={nodes}
            match={(list) => matchingNodes(list, undefined, undefined, affinity)}
            note={
              hasPodRules
                ? t(
                    'Workload (pod) rules are not in the preview: they depend on the pods running on each node.',
                  )
                : undefined
            }
          />
          <RestartHint editor={editor} />
        </>
      )}
    </FormModal>
  );
};
