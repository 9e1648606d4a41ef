export { createAccessChecker, AccessError, type AccessChecker } from './access';
export { SORT_KEYS, type SortKey, type VmPage, type VmQuery } from './query';
export { vmsRoutes, parseVmQuery, type VmsRoutesOptions } from './routes';
export type { VmSummary } from './summary';
export { syncVmIndex, type VmIndexSync, type VmIndexSyncOptions } from './sync';
export { VmIndex, type AllowedNamespaces, type IndexChange } from './vmIndex';
