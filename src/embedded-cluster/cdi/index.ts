import type { ClusterContext, ClusterModule } from '../modules/clusterModule';
import { loadOrCreatePki } from '../pki';
import { CDI_CONFIGS, CDIS, cdiSeeds, reconciledConfig } from './cdiConfig';
import { STORAGE_CLASSES } from './claimSpec';
import { DataVolumeController } from './dataVolumeController';
import { imageServerRoute } from './imageServer';
import { UPLOAD_PREFIX, UploadTokenRequestHandler, uploadProxyRoute } from './uploadProxy';
import { UploadTokens } from './uploadTokens';

/** CDI: DataVolumes (blank, http, registry, clone, snapshot, upload), the upload proxy and the image server. */
export const cdiModule = (context: ClusterContext): ClusterModule => {
  const tokens = new UploadTokens(context.dataDir);
  const dataVolumes = new DataVolumeController(context);
  const unsubscribe: (() => void)[] = [];
  const uploadProxyURL = () => `${context.urls().https}${UPLOAD_PREFIX}`;
  const syncConfig = async () => {
    const next = reconciledConfig(context.store, uploadProxyURL());
    if (next) await context.store.put(CDI_CONFIGS, next);
  };
  return {
    name: 'cdi',
    seed: cdiSeeds,
    queues: dataVolumes.queues,
    routes: [imageServerRoute(context.dataDir), uploadProxyRoute(tokens, dataVolumes)],
    special: {
      'upload.cdi.kubevirt.io/uploadtokenrequests': new UploadTokenRequestHandler(
        context.store,
        tokens,
      ),
    },
    async start() {
      await syncConfig();
      for (const resource of [CDIS, CDI_CONFIGS, STORAGE_CLASSES])
        unsubscribe.push(
          context.store.subscribe(resource, () => {
            void syncConfig().catch((error: unknown) => console.error('cdi config:', error));
          }),
        );
      dataVolumes.start(loadOrCreatePki(context.dataDir).caCert);
    },
    stop() {
      for (const off of unsubscribe) off();
      dataVolumes.stop();
    },
  };
};
