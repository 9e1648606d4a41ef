import { bffURL } from '../../api/bff';

/** The subprotocol KubeVirt's console sockets speak (the BFF passes it through). */
export const CONSOLE_SUBPROTOCOL = 'plain.kubevirt.io';

/**
 * The BFF WebSocket of a VM's VNC or serial console on this page's host. With
 * `preserveSession` a newcomer is refused (4409) while another viewer holds the console; without
 * it, it takes the console over (the other viewer gets 4410).
 */
export const consoleURL = (
  kind: 'vnc' | 'serial',
  namespace: string,
  name: string,
  preserveSession: boolean,
  location: Pick<Location, 'protocol' | 'host'> = window.location,
): string => {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const path = bffURL(
    `console/${kind}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
  );
  return `${scheme}://${location.host}${path}${preserveSession ? '?preserveSession=true' : ''}`;
};
