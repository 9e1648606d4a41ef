import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { ConfigSubTabId } from './configPaths';
import { DetailsSubTab } from './details/DetailsSubTab';
import { DisksSubTab } from './disks/DisksSubTab';
import type { VmEditor } from './editor/vmEditor';
import { EnvironmentSubTab } from './environment/EnvironmentSubTab';
import { InitialRunSubTab } from './initialRun/InitialRunSubTab';
import { MetadataSubTab } from './metadata/MetadataSubTab';
import { NetworkSubTab } from './network/NetworkSubTab';
import { SchedulingSubTab } from './scheduling/SchedulingSubTab';
import { SshSubTab } from './ssh/SshSubTab';

/** What every sub-tab is given: the VM (and its instance) to edit, as the user may. */
export interface ConfigSubTabProps {
  editor: VmEditor;
}

export interface ConfigSubTab {
  id: ConfigSubTabId;
  title: (t: TFunction) => string;
  component: ComponentType<ConfigSubTabProps>;
}

/** The Configuration sub-tabs as data. */
export const CONFIG_SUB_TABS: ConfigSubTab[] = [
  { id: 'details', title: (t) => t('Details'), component: DetailsSubTab },
  { id: 'disks', title: (t) => t('Disks'), component: DisksSubTab },
  { id: 'network', title: (t) => t('Network interfaces'), component: NetworkSubTab },
  { id: 'scheduling', title: (t) => t('Scheduling'), component: SchedulingSubTab },
  { id: 'ssh', title: (t) => t('SSH'), component: SshSubTab },
  { id: 'initial-run', title: (t) => t('Initial run'), component: InitialRunSubTab },
  { id: 'environment', title: (t) => t('Environment'), component: EnvironmentSubTab },
  { id: 'metadata', title: (t) => t('Metadata'), component: MetadataSubTab },
];
