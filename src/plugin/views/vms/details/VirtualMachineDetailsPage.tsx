import { DocumentTitle } from '@openshift-console/dynamic-plugin-sdk';
import { PageSection, Tab, Tabs, TabTitleText } from '@patternfly/react-core';
import { Suspense, useState, type MouseEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { withQueryClient } from '../../../api/queryClient';
import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';
import { usePluginTranslation } from '../../../i18n';
import { VmActionsDropdown } from '../actions/VmActionsMenu';
import { tabFromPath, vmRefFromPath, vmTabPath, type VmTabId } from './detailsPaths';
import { errorCode, LoadingSkeleton, VmLoadError, VmNotFound } from './DetailsStates';
import { VmDetailsHeader } from './header/VmDetailsHeader';
import { VM_DETAILS_TABS } from './tabs';
import { useVmDetails } from './useVmDetails';

/** The header's actions: the same menu as the list's rows (`vms/actions`), with the live objects. */
const VmHeaderActions = ({ vm, vmi }: { vm: VirtualMachine; vmi?: VirtualMachineInstance }) => (
  <VmActionsDropdown
    namespace={vm.metadata?.namespace ?? ''}
    name={vm.metadata?.name ?? ''}
    vm={vm}
    vmi={vmi}
  />
);

export interface VirtualMachineDetailsPageProps {
  /** Given by `console.page/resource/details`; read from the URL when mounted as a plain route. */
  namespace?: string;
  name?: string;
}

/**
 * `console.page/resource/details` for `kubevirt.io~v1~VirtualMachine`. The tabs are path
 * segments (`…/NAME/<tab>`), so every tab has its own URL and survives a reload.
 */
export const VirtualMachineDetailsPage = (props: VirtualMachineDetailsPageProps) => {
  const { t } = usePluginTranslation();
  const { pathname } = useLocation();
  const fromPath = vmRefFromPath(pathname);
  const namespace = props.namespace ?? fromPath?.namespace ?? '';
  const name = props.name ?? fromPath?.name ?? '';
  const navigate = useNavigate();
  const { tab, rest } = tabFromPath(pathname, namespace, name);
  const { vm, vmLoaded, vmError, vmi, pod, migration } = useVmDetails(namespace, name);

  // A VM seen on this page and then gone was deleted while open.
  const uid = vm?.metadata?.uid;
  const [seenUid, setSeenUid] = useState<string>();
  if (uid && uid !== seenUid) setSeenUid(uid);

  const notFound = !name || (vmLoaded && !vm && (!vmError || errorCode(vmError) === 404));

  const select = (event: MouseEvent, key: string | number) => {
    event.preventDefault();
    void navigate(vmTabPath(namespace, name, key as VmTabId));
  };

  const body = () => {
    if (notFound) return <VmNotFound namespace={namespace} name={name} deleted={!!seenUid} />;
    if (vmError && !vm) return <VmLoadError namespace={namespace} error={vmError} />;
    if (!vm)
      return (
        <PageSection>
          <LoadingSkeleton label={t('Loading VirtualMachine')} rows={6} />
        </PageSection>
      );
    return (
      <PageSection>
        <Tabs
          activeKey={tab}
          onSelect={select}
          mountOnEnter
          unmountOnExit
          aria-label={t('VirtualMachine details')}
          className="virtualization-plugin__vm-details-tabs"
        >
          {VM_DETAILS_TABS.map(({ id, title, component: TabComponent }) => (
            <Tab
              key={id}
              eventKey={id}
              href={vmTabPath(namespace, name, id)}
              title={<TabTitleText>{title(t)}</TabTitleText>}
            >
              <div
                className="virtualization-plugin__vm-details-tab"
                style={{ paddingBlockStart: 'var(--pf-t--global--spacer--md)' }}
              >
                <Suspense fallback={<LoadingSkeleton label={t('Loading')} />}>
                  <TabComponent
                    namespace={namespace}
                    name={name}
                    vm={vm}
                    vmi={vmi}
                    pod={pod}
                    migration={migration}
                    rest={id === tab ? rest : []}
                  />
                </Suspense>
              </div>
            </Tab>
          ))}
        </Tabs>
      </PageSection>
    );
  };

  return (
    <>
      <DocumentTitle>{t('{{name}} · VirtualMachine details', { name })}</DocumentTitle>
      <VmDetailsHeader
        namespace={namespace}
        name={name}
        vm={vm}
        vmi={vmi}
        loading={!vmLoaded}
        actions={vm && <VmHeaderActions vm={vm} vmi={vmi} />}
      />
      {body()}
    </>
  );
};

export default withQueryClient(VirtualMachineDetailsPage);
