import { Alert, Button, Content, Flex } from '@patternfly/react-core';
import { lazy, Suspense, useState } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { validateResourceName } from '../../vms/actions/nameValidation';
import { LoadingSkeleton } from '../../vms/details/DetailsStates';
import { vmToYaml } from '../../vms/details/yaml/vmYaml';
import { parseNewVmYaml } from '../yaml/defaultVmYaml';
import { parseProblem } from '../yaml/parseProblem';
import type { CustomizeTabProps } from './customizeTabs';

const YamlEditor = lazy(() => import('../../vms/details/yaml/YamlEditor'));

/**
 * The draft's VM as YAML. Save replaces the draft's VM with what parses (nothing is created
 * yet); text that does not parse stays as typed, with the line and column of the problem.
 */
export const DraftYamlTab = ({ draft, setDraft, yaml }: CustomizeTabProps) => {
  const { t } = usePluginTranslation();
  const namespace = draft.vm.metadata?.namespace ?? '';
  const text = yaml.text ?? vmToYaml(draft.vm);
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);

  const save = () => {
    setSaved(false);
    const parsed = parseNewVmYaml(text, namespace);
    if (!parsed.ok) {
      setProblem(parseProblem(t, parsed, namespace));
      return;
    }
    const nameProblem = validateResourceName(parsed.vm.metadata?.name ?? '', t);
    if (nameProblem) {
      setProblem(t('metadata.name: {{problem}}', { problem: nameProblem }));
      return;
    }
    setProblem(undefined);
    setDraft({ ...draft, vm: parsed.vm });
    yaml.setText(undefined);
    setSaved(true);
  };

  const reload = () => {
    yaml.setText(undefined);
    setProblem(undefined);
    setSaved(false);
  };

  return (
    <div className="virtualization-plugin__customize-yaml">
      <Content component="p">
        {t(
          'Save replaces the VirtualMachine of this draft; nothing is created before Create VirtualMachine.',
        )}
      </Content>
      {yaml.text !== undefined && (
        <Alert variant="info" isInline isPlain title={t('The YAML has unsaved changes')} />
      )}
      {saved && <Alert variant="success" isInline isPlain title={t('Saved to the draft')} />}
      {problem && (
        <Alert variant="danger" isInline title={t('The YAML is not a VirtualMachine to create')}>
          {problem}
        </Alert>
      )}
      <Suspense fallback={<LoadingSkeleton label={t('Loading the editor')} rows={8} />}>
        <YamlEditor
          value={text}
          onChange={(value) => {
            yaml.setText(value);
            setSaved(false);
          }}
          ariaLabel={t('VirtualMachine YAML')}
        />
      </Suspense>
      <Flex
        style={{ marginBlockStart: 'var(--pf-t--global--spacer--sm)' }}
        spaceItems={{ default: 'spaceItemsSm' }}
      >
        <Button variant="primary" onClick={save}>
          {t('Save')}
        </Button>
        <Button variant="secondary" onClick={reload} isDisabled={yaml.text === undefined}>
          {t('Reload')}
        </Button>
      </Flex>
    </div>
  );
};
