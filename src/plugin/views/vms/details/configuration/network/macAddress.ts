import type { Translate } from '../../../actions/vmActionModel';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

/**
 * A MAC address typed for a NIC: empty (the cluster assigns one), or `xx:xx:xx:xx:xx:xx`,
 * unicast (the first octet's lowest bit clear), not all zeros, not used by another NIC.
 */
export const validateMac = (
  mac: string,
  t: Translate,
  usedByOthers: readonly string[] = [],
): string | undefined => {
  if (!mac) return undefined;
  if (!MAC.test(mac))
    return t('Enter six pairs of hexadecimal digits separated by ":", such as 02:00:00:00:00:01.');
  const first = parseInt(mac.slice(0, 2), 16);
  if (first & 1) return t('This is a multicast address: the first pair must be even, such as 02.');
  if (/^(00:){5}00$/.test(mac)) return t('00:00:00:00:00:00 is not a usable address.');
  if (usedByOthers.some((other) => other.toLowerCase() === mac.toLowerCase()))
    return t('Another interface of this VirtualMachine uses this MAC address.');
  return undefined;
};
