// What the three steps of the InstanceTypes flow hand each other. Each step's folder owns its
// section; `InstanceTypesTab` holds these values and `../draft/` turns them into a VM.

/** Where a bootable volume's data is; the new VM's disk is cloned from it. */
export interface VolumeSource {
  kind: 'DataSource' | 'PersistentVolumeClaim' | 'VolumeSnapshot';
  namespace: string;
  name: string;
}

/** A volume a VM can boot from, as step 1 lists it. */
export interface BootableVolume {
  source: VolumeSource;
  /** `openshift.io/display-name`, else the name. */
  displayName: string;
  /** What the volume says of itself (`openshift.io/description` or similar). */
  description?: string;
  /** The operating system key: `rhel`, `fedora`, `centos`, `windows`, … (from the preference). */
  os?: string;
  /** `instancetype.kubevirt.io/default-preference`: the VM's preference. */
  preference?: string;
  /** `instancetype.kubevirt.io/default-instancetype`: pre-selected in step 2. */
  instancetype?: string;
  /** The data's size (the PVC's or snapshot's restore size), a quantity such as `30Gi`. */
  size?: string;
  storageClass?: string;
  /** Ready to clone from (DataSource Ready, PVC Bound, snapshot readyToUse). */
  ready: boolean;
}

/** The instance type picked in step 2. */
export interface InstanceTypeChoice {
  /** A cluster-wide type (VirtualMachineClusterInstancetype) or one of the project's. */
  cluster: boolean;
  name: string;
  cpu: number;
  /** A quantity such as `4Gi`. */
  memory: string;
}

/** How the VM gets its authorized SSH key (step 3). */
export type SshKeyChoice =
  | { kind: 'none' }
  /** An existing Secret of the project. */
  | { kind: 'existing'; secretName: string }
  /** A new Secret created with the VM; `applyToProject` remembers it for new VMs here. */
  | { kind: 'new'; secretName: string; publicKey: string; applyToProject: boolean };

/** Sysprep answer files for a Windows volume (step 3). */
export type SysprepChoice =
  | { kind: 'none' }
  | { kind: 'existing'; configMapName: string }
  | { kind: 'new'; autounattend?: string; unattend?: string };

/** Step 3: the VirtualMachine details. */
export interface VmDetails {
  name: string;
  namespace: string;
  /** Empty: the volume's (or the cluster's default virt) storage class. */
  storageClass: string;
  /** Empty: the volume's own size. */
  diskSize: string;
  sshKey: SshKeyChoice;
  dynamicKeyInjection: boolean;
  sysprep: SysprepChoice;
  startAfterCreation: boolean;
}
