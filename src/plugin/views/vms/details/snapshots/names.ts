/** DNS-1123 label: what KubeVirt accepts as a VM name, and a safe snapshot name. */
export const isDnsLabel = (name: string): boolean =>
  name.length > 0 && name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
