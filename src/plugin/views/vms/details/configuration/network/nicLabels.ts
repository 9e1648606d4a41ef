import type { Translate } from '../../../actions/vmActionModel';
import type { NicNetwork, NicState } from './nicRows';

/** The Type of a NIC as people read it. */
export const bindingLabel = (binding: string, t: Translate): string => {
  switch (binding) {
    case 'masquerade':
      return t('Masquerade');
    case 'bridge':
      return t('Bridge');
    case 'sriov':
      return t('SR-IOV');
    case '':
      return t('Not set');
    default:
      return binding;
  }
};

export const networkLabel = (network: NicNetwork, t: Translate): string =>
  network.kind === 'pod'
    ? t('Pod networking')
    : network.kind === 'multus'
      ? network.ref
      : t('No network');

export const stateLabel = (state: NicState, t: Translate): string =>
  state === 'absent' ? t('Absent') : state === 'down' ? t('Down') : t('Up');

/** Why a NIC cannot be hot-plugged, or undefined when it can. */
export const notHotPluggableReason = (
  binding: string,
  network: string,
  model: string | undefined,
  t: Translate,
): string | undefined => {
  if (network === 'pod') return t('Pod network interfaces cannot be hot-plugged.');
  if (binding === 'sriov') return t('SR-IOV interfaces cannot be hot-plugged.');
  if (binding !== 'bridge') return t('Only bridge interfaces can be hot-plugged.');
  if ((model ?? 'virtio') !== 'virtio') return t('Only virtio interfaces can be hot-plugged.');
  return undefined;
};
