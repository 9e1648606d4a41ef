import { Flex, FlexItem, PageSection, Title } from '@patternfly/react-core';
import { useEffect, useMemo } from 'react';
import { useLocation } from 'react-router';
import { VirtualMachineInstanceModel, VirtualMachineModel } from '../../../../api/models';
import { withQueryClient } from '../../../../api/queryClient';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { useK8sWatchObject } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { errorCode, LoadingSkeleton, VmLoadError, VmNotFound } from '../DetailsStates';
import { VmStatusLabel } from '../header/VmStatusLabel';
import { useConsoleChoice } from './consoleChoice';
import { consoleRefFromPath } from './consolePaths';
import { ConsoleSwitcher } from './ConsoleSwitcher';
import { ConsoleView } from './ConsoleView';

/** The window's title is the VM's name while the page is open. */
const useWindowTitle = (title: string) => {
  useEffect(() => {
    if (!title) return undefined;
    const previous = document.title;
    document.title = title;
    return () => {
      document.title = previous;
    };
  }, [title]);
};

/**
 * The console alone, filling its window:
 * `/k8s/ns/NS/kubevirt.io~v1~VirtualMachine/NAME/console/standalone`. Opened by the Console
 * tab's "Open in new window"; the namespace and name come from the URL.
 */
const ConsoleWindowPageBody = () => {
  const { t } = usePluginTranslation();
  const { pathname } = useLocation();
  const fromPath = consoleRefFromPath(pathname);
  const namespace = fromPath?.namespace ?? '';
  const name = fromPath?.name ?? '';
  const ref = useMemo(() => (name ? { namespace, name } : null), [namespace, name]);
  const vm = useK8sWatchObject<VirtualMachine>(VirtualMachineModel, ref);
  const vmi = useK8sWatchObject<VirtualMachineInstance>(VirtualMachineInstanceModel, ref);
  const [kind, choose] = useConsoleChoice(vm.data);
  useWindowTitle(name);

  if (!name || (vm.loaded && !vm.data && (!vm.error || errorCode(vm.error) === 404)))
    return <VmNotFound namespace={namespace} name={name} />;
  if (vm.error && !vm.data) return <VmLoadError namespace={namespace} error={vm.error} />;
  if (!vm.data)
    return (
      <PageSection>
        <LoadingSkeleton label={t('Loading VirtualMachine')} rows={6} />
      </PageSection>
    );

  return (
    <Flex
      direction={{ default: 'column' }}
      flexWrap={{ default: 'nowrap' }}
      className="virtualization-plugin-console-window"
      style={{ height: '100vh', padding: 'var(--pf-t--global--spacer--md)' }}
      gap={{ default: 'gapMd' }}
    >
      <Flex alignItems={{ default: 'alignItemsCenter' }} gap={{ default: 'gapMd' }}>
        <FlexItem>
          <Title headingLevel="h1" size="lg">
            {name}
          </Title>
        </FlexItem>
        <FlexItem>
          <VmStatusLabel vm={vm.data} />
        </FlexItem>
        <FlexItem align={{ default: 'alignRight' }}>
          <ConsoleSwitcher value={kind} onChange={choose} />
        </FlexItem>
      </Flex>
      <FlexItem
        grow={{ default: 'grow' }}
        style={{ display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'auto' }}
      >
        <ConsoleView
          kind={kind}
          namespace={namespace}
          name={name}
          vm={vm.data}
          vmi={vmi.data}
          fill
        />
      </FlexItem>
    </Flex>
  );
};

export const ConsoleWindowPage = withQueryClient(ConsoleWindowPageBody);

export default ConsoleWindowPage;
