/** What a `.rdp` file needs to open a Remote Desktop session. */
export interface RdpTarget {
  host: string;
  port: number;
  /** Left empty, the client asks for it. */
  username?: string;
}

/** `host:port`, with brackets around an IPv6 host. */
export const hostPort = (host: string, port: number): string =>
  `${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * A Remote Desktop connection file (`mstsc`, Microsoft Remote Desktop, Remmina, FreeRDP):
 * `key:type:value` lines, CRLF as Windows expects. Credentials are never written into it.
 */
export const buildRdpFile = ({ host, port, username = '' }: RdpTarget): string =>
  [
    `full address:s:${hostPort(host, port)}`,
    `username:s:${username}`,
    'prompt for credentials:i:1',
    'screen mode id:i:2',
    'use multimon:i:0',
    'session bpp:i:32',
    'authentication level:i:2',
    'redirectclipboard:i:1',
    'audiomode:i:0',
    'autoreconnection enabled:i:1',
    '',
  ].join('\r\n');

/** `<vm>.rdp` */
export const rdpFileName = (vmName: string): string => `${vmName}.rdp`;
