import type { ClusterContext } from '../modules/clusterModule';

/**
 * The OS images the embedded cluster mirrors: the golden images OpenShift Virtualization
 * imports as boot sources. The image server (`/images/`) serves each as a raw disk labelled
 * with its OS (guestDisk.ts), and registry imports of `registry` (or of the same repository on
 * the cluster's own host) read it, as if the cluster had a mirror of those registries.
 */
export interface OsImage {
  /** File name on the image server and name of the boot-source DataSource, e.g. `rhel9`. */
  id: string;
  /** The guest's OS (the disk label's `os=`, an os-release ID with a version). */
  os: string;
  /** Human name, written into the disk label (`name=`). */
  displayName: string;
  /** The container disk reference, without `docker://`: `quay.io/containerdisks/fedora:latest`. */
  registry: string;
  /** `instancetype.kubevirt.io/default-preference` of its DataSource. */
  preference: string;
  /** `instancetype.kubevirt.io/default-instancetype` of its DataSource. */
  instancetype: string;
}

export const OS_IMAGES: readonly OsImage[] = [
  {
    id: 'fedora',
    os: 'fedora',
    displayName: 'Fedora Linux 41',
    registry: 'quay.io/containerdisks/fedora:latest',
    preference: 'fedora',
    instancetype: 'u1.medium',
  },
  {
    id: 'centos-stream9',
    os: 'centos-stream9',
    displayName: 'CentOS Stream 9',
    registry: 'quay.io/containerdisks/centos-stream:9',
    preference: 'centos.stream9',
    instancetype: 'u1.medium',
  },
  {
    id: 'centos-stream10',
    os: 'centos-stream10',
    displayName: 'CentOS Stream 10',
    registry: 'quay.io/containerdisks/centos-stream:10',
    preference: 'centos.stream10',
    instancetype: 'u1.medium',
  },
  {
    id: 'rhel8',
    os: 'rhel8',
    displayName: 'Red Hat Enterprise Linux 8',
    registry: 'registry.redhat.io/rhel8/rhel-guest-image:latest',
    preference: 'rhel.8',
    instancetype: 'u1.medium',
  },
  {
    id: 'rhel9',
    os: 'rhel9',
    displayName: 'Red Hat Enterprise Linux 9',
    registry: 'registry.redhat.io/rhel9/rhel-guest-image:latest',
    preference: 'rhel.9',
    instancetype: 'u1.medium',
  },
  {
    id: 'rhel10',
    os: 'rhel10',
    displayName: 'Red Hat Enterprise Linux 10',
    registry: 'registry.redhat.io/rhel10/rhel-guest-image:latest',
    preference: 'rhel.10',
    instancetype: 'u1.medium',
  },
  {
    id: 'ubuntu22.04',
    os: 'ubuntu22.04',
    displayName: 'Ubuntu 22.04 LTS',
    registry: 'quay.io/containerdisks/ubuntu:22.04',
    preference: 'ubuntu',
    instancetype: 'u1.medium',
  },
  {
    id: 'ubuntu24.04',
    os: 'ubuntu24.04',
    displayName: 'Ubuntu 24.04 LTS',
    registry: 'quay.io/containerdisks/ubuntu:24.04',
    preference: 'ubuntu',
    instancetype: 'u1.medium',
  },
  {
    id: 'opensuse-tumbleweed',
    os: 'opensuse-tumbleweed',
    displayName: 'openSUSE Tumbleweed',
    registry: 'quay.io/containerdisks/opensuse-tumbleweed:1.0.0',
    preference: 'opensuse.tumbleweed',
    instancetype: 'u1.medium',
  },
  {
    id: 'debian12',
    os: 'debian12',
    displayName: 'Debian 12',
    registry: 'quay.io/containerdisks/debian:12',
    preference: 'debian',
    instancetype: 'u1.medium',
  },
];

export type ImageFormat = 'raw' | 'qcow2' | 'gz' | 'xz';

/** The file name the image server answers for an image in a format: `fedora.img`, `fedora.qcow2`… */
export const imageFileName = (id: string, format: ImageFormat = 'raw') =>
  ({ raw: `${id}.img`, qcow2: `${id}.qcow2`, gz: `${id}.img.gz`, xz: `${id}.img.xz` })[format];

export const osImageById = (id: string): OsImage | undefined =>
  OS_IMAGES.find((image) => image.id === id);

/**
 * The URL of an OS image on the cluster's image server (HTTPS, signed by the cluster CA, which
 * the CDI importer trusts), e.g. `https://127.0.0.1:6443/images/fedora.img`. Valid once the
 * cluster listens (modules' `start()` and later).
 */
export const embeddedImageURL = (
  context: Pick<ClusterContext, 'urls'>,
  id: string,
  format: ImageFormat = 'raw',
): string => `${context.urls().https}/images/${imageFileName(id, format)}`;

/**
 * The registry URL of an OS image as a DataVolume or DataImportCron gives it:
 * `docker://quay.io/containerdisks/fedora:latest`.
 */
export const registryURL = (image: OsImage) => `docker://${image.registry}`;
