import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import { EnvironmentSubTab } from '../../vms/details/configuration/environment/EnvironmentSubTab';
import { DisksSubTab } from '../../vms/details/configuration/disks/DisksSubTab';
import type { VmEditor } from '../../vms/details/configuration/editor/vmEditor';
import { MetadataSubTab } from '../../vms/details/configuration/metadata/MetadataSubTab';
import { NetworkSubTab } from '../../vms/details/configuration/network/NetworkSubTab';
import { SchedulingSubTab } from '../../vms/details/configuration/scheduling/SchedulingSubTab';
import type { VmDraft } from '../draft/vmDraft';
import { DraftYamlTab } from './DraftYamlTab';
import { OverviewTab } from './OverviewTab';
import { ScriptsTab } from './ScriptsTab';

/** What every tab of the Customize page is given. */
export interface CustomizeTabProps {
  /** The draft editor the configuration sub-tabs work with. */
  editor: VmEditor;
  draft: VmDraft;
  /** Replaces the draft (a rename, the YAML saved). */
  setDraft(draft: VmDraft): void;
  /** The YAML being edited and not saved yet (undefined: the draft's VM as it is). */
  yaml: { text?: string; setText(text: string | undefined): void };
}

export const CUSTOMIZE_TABS = [
  'overview',
  'yaml',
  'scheduling',
  'environment',
  'network',
  'disks',
  'scripts',
  'metadata',
] as const;
export type CustomizeTabId = (typeof CUSTOMIZE_TABS)[number];

export const isCustomizeTab = (value: string | null): value is CustomizeTabId =>
  (CUSTOMIZE_TABS as readonly (string | null)[]).includes(value);

/** The tabs of the seed's "Customize and create VirtualMachine", in its order. */
export const CUSTOMIZE_TAB_LIST: {
  id: CustomizeTabId;
  title: (t: TFunction) => string;
  component: ComponentType<CustomizeTabProps>;
}[] = [
  { id: 'overview', title: (t) => t('Overview'), component: OverviewTab },
  { id: 'yaml', title: (t) => t('YAML'), component: DraftYamlTab },
  { id: 'scheduling', title: (t) => t('Scheduling'), component: SchedulingSubTab },
  { id: 'environment', title: (t) => t('Environment'), component: EnvironmentSubTab },
  { id: 'network', title: (t) => t('Network interfaces'), component: NetworkSubTab },
  { id: 'disks', title: (t) => t('Disks'), component: DisksSubTab },
  { id: 'scripts', title: (t) => t('Scripts'), component: ScriptsTab },
  { id: 'metadata', title: (t) => t('Metadata'), component: MetadataSubTab },
];
