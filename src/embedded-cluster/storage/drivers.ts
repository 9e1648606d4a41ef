/** The CSI drivers the embedded cluster runs, and what each accepts, as the real ones do. */

export const HOSTPATH_PROVISIONER = 'kubevirt.io.hostpath-provisioner';
export const RBD_PROVISIONER = 'openshift-storage.rbd.csi.ceph.com';

export type VolumeMode = 'Filesystem' | 'Block';

export interface ClaimPropertySet {
  accessModes: string[];
  volumeMode: VolumeMode;
}

export interface CsiDriver {
  name: string;
  /** Access and volume modes the driver supports, best first (CDI's storage capabilities). */
  capabilities: ClaimPropertySet[];
  /** Volumes live on one node: the PV is pinned to the node the consumer was scheduled on. */
  local: boolean;
  /** Why CreateVolume refuses these modes (the driver's own words), or undefined. */
  refuse(accessModes: string[], volumeMode: VolumeMode): string | undefined;
  volumeHandle(volumeName: string, claimUid: string): string;
}

const MULTI_NODE = ['ReadWriteMany', 'ReadOnlyMany'];

const hostpath: CsiDriver = {
  name: HOSTPATH_PROVISIONER,
  capabilities: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
  local: true,
  refuse: (accessModes, volumeMode) => {
    const multi = accessModes.find((mode) => MULTI_NODE.includes(mode));
    if (multi) return `unsupported access mode ${multi}: hostpath volumes are local to one node`;
    if (volumeMode === 'Block') return 'unsupported volume mode Block';
    return undefined;
  },
  volumeHandle: (volumeName) => volumeName,
};

const rbd: CsiDriver = {
  name: RBD_PROVISIONER,
  capabilities: [
    { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
    { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
    { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
  ],
  local: false,
  refuse: (accessModes, volumeMode) =>
    volumeMode === 'Filesystem' && accessModes.some((mode) => MULTI_NODE.includes(mode))
      ? 'multi node access modes are only supported on rbd `block` type volumes'
      : undefined,
  volumeHandle: (_volumeName, claimUid) =>
    `0001-0011-openshift-storage-0000000000000001-${claimUid}`,
};

/** Drivers by provisioner name; a class naming another provisioner waits for it, as on a cluster. */
export const CSI_DRIVERS: Record<string, CsiDriver> = {
  [HOSTPATH_PROVISIONER]: hostpath,
  [RBD_PROVISIONER]: rbd,
};
