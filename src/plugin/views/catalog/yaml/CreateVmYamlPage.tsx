import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import { Alert, Button, Content, Flex, PageSection, Title } from '@patternfly/react-core';
import { lazy, Suspense, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { k8sCreate } from '../../../api/k8s';
import { VirtualMachineModel } from '../../../api/models';
import { withQueryClient } from '../../../api/queryClient';
import { downloadBlob } from '../../../components/downloadFile';
import { usePluginTranslation } from '../../../i18n';
import { ModalError } from '../../vms/actions/modals/ModalError';
import { LoadingSkeleton } from '../../vms/details/DetailsStates';
import { vmTabPath } from '../../vms/details/detailsPaths';
import { catalogPath } from '../catalogPaths';
import { defaultVmYaml, parseNewVmYaml } from './defaultVmYaml';
import { parseProblem } from './parseProblem';

const YamlEditor = lazy(() => import('../../vms/details/yaml/YamlEditor'));

/** The project of `/k8s/ns/NS/catalog/yaml`. */
const namespaceFromPath = (pathname: string): string | undefined => {
  const match = /^\/k8s\/ns\/([^/]+)\/catalog\/yaml\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
};

/**
 * Virtualization → VirtualMachines → Create → With YAML (`/k8s/ns/NS/catalog/yaml`): a VM from
 * an editable default; nothing is sent while the YAML is not a VirtualMachine of this project,
 * and what was typed stays when the server refuses it.
 */
const CreateVmYamlPage = () => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const namespace = namespaceFromPath(useLocation().pathname) ?? 'default';
  const [text, setText] = useState(() => defaultVmYaml(namespace));
  const [problem, setProblem] = useState<string>();
  const [serverError, setServerError] = useState<unknown>();
  const [creating, setCreating] = useState(false);

  const create = async () => {
    const parsed = parseNewVmYaml(text, namespace);
    setServerError(undefined);
    if (!parsed.ok) {
      setProblem(parseProblem(t, parsed, namespace));
      return;
    }
    setProblem(undefined);
    setCreating(true);
    try {
      const vm = await k8sCreate(VirtualMachineModel, parsed.vm);
      await navigate(vmTabPath(namespace, vm.metadata?.name ?? ''));
    } catch (error) {
      setServerError(error);
    } finally {
      setCreating(false);
    }
  };

  return (
    <>
      <DocumentTitle>{t('Create VirtualMachine')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Create VirtualMachine')}</Title>
        <Content component="p">
          {t('Write the VirtualMachine as YAML. It is created in project {{namespace}}.', {
            namespace,
          })}
        </Content>
      </PageSection>
      <PageSection>
        {problem && (
          <Alert variant="danger" isInline title={t('The YAML is not a VirtualMachine to create')}>
            {problem}
          </Alert>
        )}
        {serverError !== undefined && (
          <ModalError error={serverError} title={t('The VirtualMachine could not be created')} />
        )}
        <Suspense fallback={<LoadingSkeleton label={t('Loading the editor')} rows={8} />}>
          <YamlEditor
            value={text}
            onChange={(value) => {
              setText(value);
              setProblem(undefined);
            }}
            ariaLabel={t('VirtualMachine YAML')}
          />
        </Suspense>
        <Flex
          style={{ marginBlockStart: 'var(--pf-t--global--spacer--sm)' }}
          spaceItems={{ default: 'spaceItemsSm' }}
        >
          <Button
            variant="primary"
            onClick={() => void create()}
            isLoading={creating}
            isDisabled={creating}
          >
            {t('Create')}
          </Button>
          <Button
            variant="link"
            onClick={() => void navigate(catalogPath(namespace))}
            isDisabled={creating}
          >
            {t('Cancel')}
          </Button>
          <Button
            variant="link"
            onClick={() =>
              downloadBlob(new Blob([text], { type: 'application/yaml' }), 'virtualmachine.yaml')
            }
          >
            {t('Download')}
          </Button>
        </Flex>
      </PageSection>
    </>
  );
};

export default withQueryClient(CreateVmYamlPage);
