import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../types';
import type { ClaimSpec } from './claimSpec';
import { type CloneType, isClone, type Source } from './dataVolumeSources';
import { ANN, now } from './dataVolumeStatus';

/** What CDI writes on a DataVolume's claim: the DV's own annotations, then the transfer's. */
const claimAnnotations = (dv: KubeObject, source: Source, clone?: CloneType) => {
  const name = dv.metadata.name ?? '';
  const dvSpec = (dv.spec ?? {}) as { contentType?: string; preallocation?: boolean };
  const { 'kubectl.kubernetes.io/last-applied-configuration': _applied, ...own } =
    dv.metadata.annotations ?? {};
  const annotations: Record<string, string> = {
    ...own,
    [ANN.contentType]: dvSpec.contentType ?? 'kubevirt',
    [ANN.createdForDataVolume]: dv.metadata.uid ?? '',
    [ANN.podRestarts]: '0',
  };
  if (dvSpec.preallocation) annotations[ANN.preallocationRequested] = 'true';
  if (source.kind === 'http' || source.kind === 'registry' || source.kind === 'blank') {
    annotations[ANN.importPod] = `importer-${name}`;
    annotations[ANN.importSource] = source.kind === 'blank' ? 'none' : source.kind;
  }
  if (source.kind === 'http') annotations[ANN.importEndpoint] = source.url;
  if (source.kind === 'registry') {
    annotations[ANN.importEndpoint] = source.url;
    annotations[ANN.registryImportMethod] = source.pullMethod ?? 'skopeo';
    annotations[ANN.requiresScratch] = 'true';
  }
  if (source.kind === 'upload') {
    annotations[ANN.uploadTarget] = '';
    annotations[ANN.uploadPod] = `cdi-upload-${name}`;
  }
  if (isClone(source) && clone) {
    annotations[ANN.cloneRequest] = `${source.namespace}/${source.name}`;
    annotations[ANN.cloneType] = clone.type;
    if (clone.fallback) annotations[ANN.cloneFallbackReason] = clone.fallback[1];
  }
  return annotations;
};

/** The PersistentVolumeClaim of a DataVolume: same name, controlled by it, CDI's annotations. */
export const newClaim = (
  dv: KubeObject,
  source: Source,
  spec: ClaimSpec,
  clone?: CloneType,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: {
    name: dv.metadata.name,
    namespace: dv.metadata.namespace,
    uid: randomUUID(),
    creationTimestamp: now(),
    labels: {
      ...(dv.metadata.labels ?? {}),
      app: 'containerized-data-importer',
      'app.kubernetes.io/component': 'storage',
      'app.kubernetes.io/managed-by': 'cdi-controller',
    },
    annotations: claimAnnotations(dv, source, clone),
    ownerReferences: [
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        name: dv.metadata.name ?? '',
        uid: dv.metadata.uid ?? '',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    finalizers: ['kubernetes.io/pvc-protection'],
  },
  spec,
  status: { phase: 'Pending' },
});
