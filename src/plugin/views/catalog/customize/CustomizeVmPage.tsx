import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import {
  ActionList,
  ActionListGroup,
  ActionListItem,
  Button,
  Content,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  PageSection,
  Stack,
  StackItem,
  Tab,
  Tabs,
  TabTitleText,
  Title,
  Tooltip,
} from '@patternfly/react-core';
import { SearchIcon } from '@patternfly/react-icons';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { withQueryClient } from '../../../api/queryClient';
import { usePluginTranslation } from '../../../i18n';
import { ModalError } from '../../vms/actions/modals/ModalError';
import { vmTabPath } from '../../vms/details/detailsPaths';
import { catalogPath } from '../catalogPaths';
import { createFromDraft } from '../draft/createFromDraft';
import { QuotaAlert } from '../quota/QuotaAlert';
import type { VmDraft } from '../draft/vmDraft';
import { CUSTOMIZE_TAB_LIST, isCustomizeTab, type CustomizeTabId } from './customizeTabs';
import { withoutUnusedPrerequisites } from './draftChanges';
import { dropCustomizeDraft, loadCustomizeDraft, updateCustomizeDraft } from './draftHandoff';
import { useDraftEditor } from './useDraftEditor';

/** The project of `/k8s/ns/NS/catalog/customize`. */
const namespaceFromPath = (pathname: string): string | undefined => {
  const match = /^\/k8s\/ns\/([^/]+)\/catalog\/customize\/?$/.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
};

/** No draft under the URL's id: it expired, was created already, or came from another tab. */
const DraftMissing = ({ namespace }: { namespace?: string }) => {
  const { t } = usePluginTranslation();
  return (
    <PageSection>
      <EmptyState
        headingLevel="h1"
        icon={SearchIcon}
        titleText={t('This VirtualMachine draft is no longer available')}
      >
        <EmptyStateBody>
          {t(
            'Drafts are kept in this browser tab for a day, until the VirtualMachine is created. Start again from the Catalog.',
          )}
        </EmptyStateBody>
        <EmptyStateFooter>
          <EmptyStateActions>
            <Link to={catalogPath(namespace)}>{t('Go to the Catalog')}</Link>
          </EmptyStateActions>
        </EmptyStateFooter>
      </EmptyState>
    </PageSection>
  );
};

/** The page of one draft: tabs editing it, and the footer creating it. */
const CustomizeDraft = ({ id, initial }: { id: string; initial: VmDraft }) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(initial);
  const [yamlText, setYamlText] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>();
  const editor = useDraftEditor(draft, setDraft);
  const name = draft.vm.metadata?.name ?? '';
  const namespace = draft.vm.metadata?.namespace ?? '';
  const tabParam = params.get('tab');
  const active: CustomizeTabId = isCustomizeTab(tabParam) ? tabParam : 'overview';

  // A reload of the page keeps what was changed.
  useEffect(() => updateCustomizeDraft(id, draft), [id, draft]);

  const selectTab = (tab: CustomizeTabId) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('tab', tab);
      return next;
    });

  const create = async () => {
    setCreating(true);
    setError(undefined);
    try {
      const vm = await createFromDraft(withoutUnusedPrerequisites(draft));
      dropCustomizeDraft(id);
      await navigate(vmTabPath(vm.metadata?.namespace ?? namespace, vm.metadata?.name ?? name));
    } catch (failure) {
      setError(failure);
      setCreating(false);
    }
  };

  // Back where the user came from (the Catalog's flow); opened directly, to the Catalog.
  const cancel = () =>
    void (location.key === 'default' ? navigate(catalogPath(namespace)) : navigate(-1));

  const unsavedYaml = yamlText !== undefined;
  const createButton = (
    <Button
      variant="primary"
      isAriaDisabled={creating || unsavedYaml}
      isLoading={creating}
      spinnerAriaValueText={creating ? t('Creating') : undefined}
      onClick={() => void create()}
    >
      {t('Create VirtualMachine')}
    </Button>
  );
  const prerequisites = draft.prerequisites
    .map((object) => `${object.kind ?? ''} ${object.metadata?.name ?? ''}`)
    .join(', ');

  return (
    <>
      <DocumentTitle>{t('Customize and create VirtualMachine')}</DocumentTitle>
      <PageSection>
        <Title headingLevel="h1">{t('Customize and create VirtualMachine')}</Title>
        <Content component="p">
          {t('VirtualMachine {{name}} in project {{namespace}}', { name, namespace })}
        </Content>
        {prerequisites && (
          <Content component="small">
            {t('Created first: {{objects}}', { objects: prerequisites })}
          </Content>
        )}
      </PageSection>
      <PageSection>
        <Tabs
          activeKey={active}
          onSelect={(_, key) => {
            if (isCustomizeTab(String(key))) selectTab(String(key) as CustomizeTabId);
          }}
          aria-label={t('Customize VirtualMachine sections')}
          mountOnEnter
          unmountOnExit
        >
          {CUSTOMIZE_TAB_LIST.map(({ id: tab, title, component: Component }) => (
            <Tab key={tab} eventKey={tab} title={<TabTitleText>{title(t)}</TabTitleText>}>
              <div style={{ paddingBlockStart: 'var(--pf-t--global--spacer--md)' }}>
                <Component
                  editor={editor}
                  draft={draft}
                  setDraft={setDraft}
                  yaml={{ text: yamlText, setText: setYamlText }}
                />
              </div>
            </Tab>
          ))}
        </Tabs>
      </PageSection>
      <PageSection stickyOnBreakpoint={{ default: 'bottom' }}>
        <Stack hasGutter>
          <StackItem>
            <QuotaAlert draft={draft} />
          </StackItem>
          {error !== undefined && (
            <StackItem>
              <ModalError error={error} title={t('The VirtualMachine was not created')} />
            </StackItem>
          )}
          <StackItem>
            <ActionList>
              <ActionListGroup>
                <ActionListItem>
                  {unsavedYaml ? (
                    <Tooltip content={t('Save or reload the YAML first.')}>{createButton}</Tooltip>
                  ) : (
                    createButton
                  )}
                </ActionListItem>
                <ActionListItem>
                  <Button variant="link" isAriaDisabled={creating} onClick={cancel}>
                    {t('Cancel')}
                  </Button>
                </ActionListItem>
              </ActionListGroup>
            </ActionList>
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};

/**
 * Catalog → Customize VirtualMachine (`/k8s/ns/NS/catalog/customize?draft=ID`): the seed's
 * "Customize and create VirtualMachine", the configuration forms working on a draft that
 * nothing creates before Create VirtualMachine.
 */
const CustomizeVmPage = () => {
  const location = useLocation();
  const [params] = useSearchParams();
  const id = params.get('draft') ?? '';
  // Read once per draft: afterwards the page's state is the draft, and storage its copy.
  const draft = useMemo(() => (id ? loadCustomizeDraft(id) : undefined), [id]);
  if (!draft) return <DraftMissing namespace={namespaceFromPath(location.pathname)} />;
  return <CustomizeDraft key={id} id={id} initial={draft} />;
};

export default withQueryClient(CustomizeVmPage);
