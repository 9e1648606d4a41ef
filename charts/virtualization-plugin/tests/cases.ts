// The renders the golden files, the lint and the cluster test cover: the defaults, and every
// switch flipped (values/custom.yaml).
import type { RenderOptions } from './helm';

export interface RenderCase extends RenderOptions {
  /** golden/<name>.yaml */
  name: string;
}

export const RENDER_CASES: RenderCase[] = [
  { name: 'default', release: 'virtualization-plugin', namespace: 'virtualization-plugin' },
  { name: 'custom', release: 'virt', namespace: 'virt-console', values: ['values/custom.yaml'] },
];
