import { Alert, AlertActionLink, Button, Flex, List, ListItem } from '@patternfly/react-core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAccessReview } from '../../../../api/access';
import { errorMessage } from '../../../../api/bff';
import { k8sUpdate } from '../../../../api/k8s';
import { VirtualMachineModel } from '../../../../api/models';
import type { VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { errorCode, LoadingSkeleton } from '../DetailsStates';
import { vmTabPath } from '../detailsPaths';
import type { VmTabProps } from '../tabs';
import { parseVmYaml, vmToYaml } from './vmYaml';

const YamlEditor = lazy(() => import('./YamlEditor'));

interface Cause {
  field?: string;
  message: string;
}

type Problem =
  | { kind: 'syntax'; line?: number; message: string }
  | { kind: 'shape'; message: string }
  | { kind: 'conflict'; message: string }
  | { kind: 'invalid'; message: string; causes: Cause[] }
  | { kind: 'error'; message: string };

const causesOf = (error: unknown): Cause[] =>
  (
    (error as { json?: { details?: { causes?: Cause[] } } } | null)?.json?.details?.causes ?? []
  ).filter((cause) => cause && typeof cause.message === 'string');

/** Edit the VM as YAML: save (PUT), reload, cancel, download; conflicts and refusals explained. */
const YamlTab = ({ namespace, name, vm }: VmTabProps) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const [base, setBase] = useState<VirtualMachine>(vm);
  const baseText = useMemo(() => vmToYaml(base), [base]);
  const [text, setText] = useState(baseText);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [savedVersion, setSavedVersion] = useState<string>();
  const access = useAccessReview({
    verb: 'update',
    group: 'kubevirt.io',
    resource: 'virtualmachines',
    namespace,
    name,
  });
  const readOnly = !access.loading && !access.allowed;

  // Follow the live object while nothing is edited; once edited, only say that it moved.
  const live = vm.metadata?.resourceVersion;
  const moved = live !== base.metadata?.resourceVersion;
  if (moved && !dirty && !saving) {
    setBase(vm);
    setText(vmToYaml(vm));
  }

  const onChange = (value: string) => {
    setText(value);
    setDirty(value !== baseText);
    setSavedVersion(undefined);
  };

  const reload = () => {
    setBase(vm);
    setText(vmToYaml(vm));
    setDirty(false);
    setProblem(undefined);
    setSavedVersion(undefined);
  };

  const save = async () => {
    setProblem(undefined);
    setSavedVersion(undefined);
    const parsed = parseVmYaml(text, { namespace, name });
    if (!parsed.ok) {
      if (parsed.kind === 'syntax')
        setProblem({ kind: 'syntax', line: parsed.line, message: parsed.message });
      else
        setProblem({
          kind: 'shape',
          message:
            parsed.message === 'identity'
              ? t(
                  'The name and namespace cannot change here: this editor saves VirtualMachine {{name}} in {{namespace}}.',
                  { name, namespace },
                )
              : t('The YAML must describe one VirtualMachine (kind: VirtualMachine).'),
        });
      return;
    }
    setSaving(true);
    try {
      const result = await k8sUpdate<VirtualMachine>(VirtualMachineModel, {
        ...parsed.object,
        metadata: { ...parsed.object.metadata, namespace },
      });
      setBase(result);
      setText(vmToYaml(result));
      setDirty(false);
      setSavedVersion(result.metadata?.resourceVersion ?? '');
    } catch (error) {
      const code = errorCode(error);
      const causes = causesOf(error);
      if (code === 409) setProblem({ kind: 'conflict', message: errorMessage(error) });
      else if (causes.length) setProblem({ kind: 'invalid', message: errorMessage(error), causes });
      else setProblem({ kind: 'error', message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${name}.yaml`;
    link.click();
    URL.revokeObjectURL(url);
  };

  const problemAlert = () => {
    if (!problem) return null;
    switch (problem.kind) {
      case 'syntax':
        return (
          <Alert variant="danger" isInline title={t('The YAML does not parse')}>
            {problem.line
              ? t('Line {{line}}: {{message}}', { line: problem.line, message: problem.message })
              : problem.message}
          </Alert>
        );
      case 'conflict':
        return (
          <Alert
            variant="danger"
            isInline
            title={t('This object has been updated since you started editing')}
            actionLinks={
              <AlertActionLink onClick={reload}>
                {t('Reload (discards your edits)')}
              </AlertActionLink>
            }
          >
            <p>{problem.message}</p>
            <p>
              {t('Your edits are kept. Copy them, reload the latest version and apply them again.')}
            </p>
          </Alert>
        );
      case 'invalid':
        return (
          <Alert variant="danger" isInline title={t('The server refused the VirtualMachine')}>
            <p>{problem.message}</p>
            <List>
              {problem.causes.map((cause, i) => (
                <ListItem key={`${cause.field}-${i}`}>
                  {cause.field ? (
                    <>
                      <code>{cause.field}</code>
                      {': '}
                      {cause.message}
                    </>
                  ) : (
                    cause.message
                  )}
                </ListItem>
              ))}
            </List>
          </Alert>
        );
      default:
        return (
          <Alert variant="danger" isInline title={t('The VirtualMachine could not be saved')}>
            {problem.message}
          </Alert>
        );
    }
  };

  return (
    <div className="virtualization-plugin__vm-yaml">
      {readOnly && (
        <Alert variant="info" isInline title={t('Read only')}>
          {t('You may view this VirtualMachine but not change it.')}
        </Alert>
      )}
      {moved && dirty && problem?.kind !== 'conflict' && (
        <Alert
          variant="info"
          isInline
          title={t('This object has been updated')}
          actionLinks={<AlertActionLink onClick={reload}>{t('Reload')}</AlertActionLink>}
        >
          {t(
            'The VirtualMachine changed on the server while you were editing. Saving now will fail; reload to see the new version.',
          )}
        </Alert>
      )}
      {savedVersion !== undefined && (
        <Alert variant="success" isInline title={t('Saved')}>
          {t('VirtualMachine {{name}} is now at version {{version}}.', {
            name,
            version: savedVersion,
          })}
        </Alert>
      )}
      {problemAlert()}
      <Suspense fallback={<LoadingSkeleton label={t('Loading the editor')} rows={8} />}>
        <YamlEditor
          value={text}
          onChange={onChange}
          readOnly={readOnly}
          ariaLabel={t('VirtualMachine YAML')}
        />
      </Suspense>
      <Flex
        className="virtualization-plugin__vm-yaml-actions"
        style={{ marginBlockStart: 'var(--pf-t--global--spacer--sm)' }}
        spaceItems={{ default: 'spaceItemsSm' }}
      >
        {!readOnly && (
          <Button
            variant="primary"
            onClick={() => void save()}
            isLoading={saving}
            isDisabled={saving}
          >
            {t('Save')}
          </Button>
        )}
        <Button variant="secondary" onClick={reload} isDisabled={saving}>
          {t('Reload')}
        </Button>
        <Button
          variant="link"
          onClick={() => void navigate(vmTabPath(namespace, name))}
          isDisabled={saving}
        >
          {t('Cancel')}
        </Button>
        <Button variant="link" onClick={download}>
          {t('Download')}
        </Button>
      </Flex>
    </div>
  );
};

export default YamlTab;
