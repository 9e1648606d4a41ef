import { vmTabPath } from '../detailsPaths';

/** The Configuration sub-tabs, in the order shown; each is a path segment after `configuration`. */
export const CONFIG_SUBTABS = [
  'details',
  'disks',
  'network',
  'scheduling',
  'ssh',
  'initial-run',
  'environment',
  'metadata',
] as const;
export type ConfigSubTabId = (typeof CONFIG_SUBTABS)[number];

export const isConfigSubTab = (segment: string | undefined): segment is ConfigSubTabId =>
  (CONFIG_SUBTABS as readonly (string | undefined)[]).includes(segment);

/** `…/VirtualMachine/NAME/configuration/<sub>`; Details is the bare `configuration`. */
export const configSubTabPath = (namespace: string, name: string, sub: ConfigSubTabId): string =>
  `${vmTabPath(namespace, name, 'configuration')}${sub === 'details' ? '' : `/${sub}`}`;
