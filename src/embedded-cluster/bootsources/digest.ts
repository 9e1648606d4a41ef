import { createHash } from 'node:crypto';
import { osImageDigest } from '../cdi/imageFiles';
import { resolveRegistryImage, SourceError } from '../cdi/sources';
import type { ClusterContext } from '../modules/clusterModule';

/** What CDI's source-update poller reports: the digest of the image a registry URL names. */
export type DigestSource = (url: string) => Promise<string>;

/**
 * The digest of a registry source as the embedded mirror reports it (the sha256 of the
 * mirrored image's disk). A URL the mirror does not know gets a digest of the URL itself, so
 * the import is attempted and fails the way CDI's importer fails an unreachable registry.
 */
export const mirrorDigestSource =
  (context: Pick<ClusterContext, 'dataDir' | 'urls'>): DigestSource =>
  async (url) => {
    const { http, https } = context.urls();
    const ownHosts = [http, https].filter(Boolean).map((u) => new URL(u).host);
    try {
      const image = await resolveRegistryImage(url, { dataDir: context.dataDir, ownHosts });
      return await osImageDigest(context.dataDir, image);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      return `sha256:${createHash('sha256').update(url).digest('hex')}`;
    }
  };

/**
 * The URL a cron's import DataVolume pulls: the template's repository pinned to the digest,
 * its tag dropped, as CDI's `untagDigestedDockerURL` writes it.
 */
export const digestedURL = (url: string, digest: string) => {
  const match = /^(docker:\/\/[^/]+\/[^@]+?)(?::[^/:@]+)?(?:@sha256:[0-9a-f]+)?$/.exec(url);
  return match ? `${match[1]}@${digest}` : url;
};

/** The import DataVolume of a digest: `<managedDataSource>-<first 12 hex of the digest>`. */
export const importDataVolumeName = (dataSource: string, digest: string) => {
  const hex = digest.replace(/^sha256:/, '').slice(0, 12);
  const name = `${dataSource}-${hex}`;
  if (name.length <= 63) return name;
  // Names stay DNS labels: shortened with a hash of the prefix, as CDI's naming does.
  const tag = createHash('sha256').update(dataSource).digest('hex').slice(0, 8);
  return `${dataSource.slice(0, 63 - hex.length - tag.length - 2)}-${tag}-${hex}`;
};
