// Every OpenShift Virtualization API the embedded cluster serves, one file per API family.
import type { ResourceType } from '../types';
import { cdiTypes } from './cdiTypes';
import { hcoTypes } from './hcoTypes';
import { instancetypeTypes } from './instancetypeTypes';
import { kubevirtTypes } from './kubevirtTypes';
import { snapshotTypes } from './snapshotTypes';

export const virtualizationTypes: ResourceType[] = [
  ...kubevirtTypes,
  ...instancetypeTypes,
  ...cdiTypes,
  ...snapshotTypes,
  ...hcoTypes,
];

export { kubevirtSubresources, SUBRESOURCES_GROUP, SUBRESOURCES_VERSION } from './kubevirtTypes';
export type { KubevirtSubresource } from './kubevirtTypes';
