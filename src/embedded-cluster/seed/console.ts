import type { KubeObject } from '../types';
import { now } from '../objectRefs';

/**
 * The console operator's configuration as an OpenShift cluster has it: one object, `cluster`,
 * managed, with no plugins enabled yet (the chart's hook adds ours to spec.plugins).
 */
export const consoleOperatorConfig = (): KubeObject[] => [
  {
    apiVersion: 'operator.openshift.io/v1',
    kind: 'Console',
    metadata: {
      name: 'cluster',
      annotations: { 'include.release.openshift.io/self-managed-high-availability': 'true' },
    },
    spec: {
      managementState: 'Managed',
      logLevel: 'Normal',
      operatorLogLevel: 'Normal',
      plugins: [],
    },
    status: {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'AsExpected',
          message: '',
          lastTransitionTime: now(),
        },
      ],
    },
  },
];
