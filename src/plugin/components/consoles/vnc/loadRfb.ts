import type RFB from '@novnc/novnc';

/** The RFB class, loaded only when a VNC console opens (noVNC stays out of the page bundles). */
export const loadRfb = async (): Promise<typeof RFB> => (await import('@novnc/novnc')).default;
