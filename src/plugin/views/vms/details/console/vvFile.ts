/** What remote-viewer (virt-viewer) needs to open a VNC display. */
export interface VvTarget {
  host: string;
  port: number;
  /** The window's title: the VM's name. */
  title: string;
}

/** A remote-viewer connection file: `[virt-viewer]`, `type=vnc`, host and port. */
export const buildVvFile = ({ host, port, title }: VvTarget): string =>
  [
    '[virt-viewer]',
    'type=vnc',
    `host=${host}`,
    `port=${port}`,
    `title=${title.replace(/[\r\n]/g, ' ')}`,
    'delete-this-file=1',
    '',
  ].join('\n');

/** `<vm>.vv` */
export const vvFileName = (vmName: string): string => `${vmName}.vv`;
