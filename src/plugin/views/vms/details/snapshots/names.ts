/** DNS-1123 label: what KubeVirt accepts as a VM name, and a safe snapshot name. */
export const isDnsLabel = (name: string): boolean =>
  name.length > 0 && name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);

/** `NAME-snapshot-20250102-150405`, cut so it stays a valid label. */
export const defaultSnapshotName = (vmName: string, now = new Date()): string => {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const suffix = `-snapshot-${stamp}`;
  return `${vmName.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
};
