import {
  Alert,
  Content,
  EmptyState,
  EmptyStateBody,
  Gallery,
  Spinner,
  Tab,
  TabContentBody,
  Tabs,
  TabTitleText,
  Title,
} from '@patternfly/react-core';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../../../../api/bff';
import {
  ALL_NAMESPACES_KEY,
  VirtualMachineClusterInstancetypeModel,
  VirtualMachineInstancetypeModel,
} from '../../../../api/models';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import type { Instancetype } from '../../../vms/details/configuration/details/instancetypes';
import type { BootableVolume, InstanceTypeChoice } from '../flow';
import { defaultInstanceType } from './defaultInstanceType';
import {
  choiceOf,
  groupBySeries,
  sizeOfType,
  sizeText,
  type InstanceTypeSeries,
  type InstanceTypeSize,
} from './instanceTypeSeries';
import { SeriesCard } from './SeriesCard';
import { UserInstanceTypesTable } from './UserInstanceTypesTable';

export interface InstanceTypeSectionProps {
  /** The project the VM goes to: its own VirtualMachineInstancetypes are the "User provided" tab. */
  namespace: string | undefined;
  /** The volume picked in step 1: its default instance type is pre-selected. */
  volume?: BootableVolume;
  selected?: InstanceTypeChoice;
  onSelect(choice: InstanceTypeChoice): void;
}

type TabKey = 'redhat' | 'user';

const PREFERRED_SIZE = 'medium';

/** The size a card shows: the selected one if it is the card's, else the last picked, else medium. */
const currentSize = (
  series: InstanceTypeSeries,
  selected: InstanceTypeChoice | undefined,
  picked: string | undefined,
): InstanceTypeSize | undefined => {
  const byName = (name?: string) => series.sizes.find((size) => size.name === name);
  return (
    (selected?.cluster ? byName(selected.name) : undefined) ??
    byName(picked) ??
    series.sizes.find((size) => size.size === PREFERRED_SIZE) ??
    series.sizes[0]
  );
};

const ListState = ({
  loaded,
  error,
  children,
}: {
  loaded: boolean;
  error: unknown;
  children: ReactNode;
}) => {
  const { t } = usePluginTranslation();
  if (error)
    return (
      <Alert variant="danger" isInline title={t('The InstanceTypes could not be listed')}>
        {errorMessage(error)}
      </Alert>
    );
  if (!loaded) return <Spinner size="lg" aria-label={t('Loading InstanceTypes')} />;
  return <>{children}</>;
};

/**
 * Step 2 of the InstanceTypes flow, "Select InstanceType": the cluster's series as cards with a
 * size menu each (Red Hat provided) and the project's own instance types (User provided). The
 * volume's default instance type, else `u1.medium`, is selected when nothing is yet.
 */
export const InstanceTypeSection = ({
  namespace,
  volume,
  selected,
  onSelect,
}: InstanceTypeSectionProps) => {
  const { t } = usePluginTranslation();
  const project = namespace && namespace !== ALL_NAMESPACES_KEY ? namespace : undefined;
  const cluster = useK8sWatchList<Instancetype>(VirtualMachineClusterInstancetypeModel, {});
  const namespaced = useK8sWatchList<Instancetype>(
    VirtualMachineInstancetypeModel,
    project ? { namespace: project } : null,
  );
  const series = useMemo(() => groupBySeries(cluster.data), [cluster.data]);
  const userSizes = useMemo(
    () => namespaced.data.map(sizeOfType).sort((a, b) => a.name.localeCompare(b.name)),
    [namespaced.data],
  );
  // Which tab shows is the section's own concern: the flow's URL names the step, not the tab.
  // Until the user picks one, the tab of the selected instance type.
  const [pickedTab, setTab] = useState<TabKey>();
  const tab = pickedTab ?? (selected && !selected.cluster ? 'user' : 'redhat');
  /** The size last picked in each card's menu, by series. */
  const [picked, setPicked] = useState<Record<string, string>>({});

  /** The default offered while nothing is selected: asked for once, again after a reset. */
  const proposed = useRef<string | undefined>(undefined);
  const listsLoaded = cluster.loaded && (!project || namespaced.loaded);
  useEffect(() => {
    if (selected) {
      proposed.current = undefined;
      return;
    }
    if (!listsLoaded) return;
    const choice = defaultInstanceType(volume, cluster.data, namespaced.data);
    if (!choice || proposed.current === choice.name) return;
    proposed.current = choice.name;
    onSelect(choice);
  }, [selected, listsLoaded, volume, cluster.data, namespaced.data, onSelect]);

  const titleId = 'virtualization-plugin-select-instancetype';
  return (
    <section aria-labelledby={titleId}>
      <Title headingLevel="h2" id={titleId}>
        {t('Select InstanceType')}
      </Title>
      <Tabs
        activeKey={tab}
        onSelect={(_, key) => setTab(key as TabKey)}
        aria-label={t('InstanceType providers')}
      >
        <Tab eventKey="redhat" title={<TabTitleText>{t('Red Hat provided')}</TabTitleText>}>
          <TabContentBody hasPadding>
            <ListState loaded={cluster.loaded} error={cluster.error}>
              {series.length ? (
                <Gallery
                  hasGutter
                  minWidths={{ default: '16rem' }}
                  role="radiogroup"
                  aria-label={t('InstanceType series')}
                >
                  {series.map((group) => {
                    const current = currentSize(group, selected, picked[group.key]);
                    if (!current) return null;
                    return (
                      <SeriesCard
                        key={group.key}
                        series={group}
                        current={current}
                        isSelected={!!selected?.cluster && selected.name === current.name}
                        onSelect={(size) => {
                          setPicked((all) => ({ ...all, [group.key]: size.name }));
                          onSelect(choiceOf(size, true));
                        }}
                      />
                    );
                  })}
                </Gallery>
              ) : (
                <EmptyState headingLevel="h3" titleText={t('No InstanceTypes')} variant="sm">
                  <EmptyStateBody>
                    {t('The cluster has no VirtualMachineClusterInstancetypes.')}
                  </EmptyStateBody>
                </EmptyState>
              )}
            </ListState>
          </TabContentBody>
        </Tab>
        <Tab eventKey="user" title={<TabTitleText>{t('User provided')}</TabTitleText>}>
          <TabContentBody hasPadding>
            <ListState loaded={!project || namespaced.loaded} error={namespaced.error}>
              <UserInstanceTypesTable
                namespace={project}
                sizes={userSizes}
                selected={selected}
                onSelect={(size) => onSelect(choiceOf(size, false))}
              />
            </ListState>
          </TabContentBody>
        </Tab>
      </Tabs>
      {selected && (
        <Content component="p">
          {t('Selected InstanceType: {{name}} ({{size}})', {
            name: selected.name,
            size: sizeText(t, selected.cpu, selected.memory),
          })}
        </Content>
      )}
    </section>
  );
};
