import type { TFunction } from 'i18next';
import { lazy, type ComponentType } from 'react';
import type {
  Pod,
  VirtualMachine,
  VirtualMachineInstance,
  VirtualMachineInstanceMigration,
} from '../../../api/types';
import type { VmTabId } from './detailsPaths';
import { ConfigurationTab } from './configuration/ConfigurationTab';
import { DiagnosticsTab } from './diagnostics/DiagnosticsTab';
import { EventsTab } from './events/EventsTab';
import { MetricsTab } from './metrics/MetricsTab';
import { OverviewTab } from './overview/OverviewTab';
import { SnapshotsTab } from './snapshots/SnapshotsTab';

/** What every tab is given: the live VM and what belongs to it. */
export interface VmTabProps {
  namespace: string;
  name: string;
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
  pod?: Pod;
  migration?: VirtualMachineInstanceMigration;
  /** Path segments after the tab's own (Configuration's sub-tabs). */
  rest: string[];
}

// The YAML editor brings CodeMirror, the consoles noVNC and xterm.js: loaded only when opened.
const YamlTab = lazy(() => import('./yaml/YamlTab'));
const ConsoleTab = lazy(() => import('./console/ConsoleTab'));

export interface VmTab {
  id: VmTabId;
  title: (t: TFunction) => string;
  component: ComponentType<VmTabProps>;
}

/** The details tabs as data. */
export const VM_DETAILS_TABS: VmTab[] = [
  { id: 'overview', title: (t) => t('Overview'), component: OverviewTab },
  { id: 'configuration', title: (t) => t('Configuration'), component: ConfigurationTab },
  { id: 'yaml', title: (t) => t('YAML'), component: YamlTab },
  { id: 'events', title: (t) => t('Events'), component: EventsTab },
  { id: 'console', title: (t) => t('Console'), component: ConsoleTab },
  { id: 'snapshots', title: (t) => t('Snapshots'), component: SnapshotsTab },
  { id: 'metrics', title: (t) => t('Metrics'), component: MetricsTab },
  { id: 'diagnostics', title: (t) => t('Diagnostics'), component: DiagnosticsTab },
];
