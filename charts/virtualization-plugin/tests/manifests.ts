// helm's output as objects: one per document, with the template it came from.
import { parse } from 'yaml';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

export interface Manifest {
  /** The template, e.g. `virtualization-plugin/templates/service.yaml`. */
  source: string;
  /** The document as helm printed it (without the `---` line). */
  text: string;
  object: KubeObject;
}

/** Splits `helm template` output into its documents (empty ones dropped). */
export const parseManifests = (output: string): Manifest[] =>
  output
    .split(/^---[ \t]*$/m)
    .map((text) => text.replace(/^\n/, ''))
    .flatMap((text) => {
      const object = parse(text) as KubeObject | null;
      if (object === null || object === undefined) return [];
      const source = /^# Source: (.+)$/m.exec(text)?.[1] ?? '';
      return [{ source, text, object }];
    });

export const QUICK_STARTS_TEMPLATE = 'virtualization-plugin/templates/quickstarts.yaml';

/** The objects of one kind. */
export const ofKind = <T extends KubeObject = KubeObject>(manifests: Manifest[], kind: string) =>
  manifests.filter((m) => m.object.kind === kind).map((m) => m.object as T);

/** The one object of a kind and name; throws naming what is missing. */
export const find = <T extends KubeObject = KubeObject>(
  manifests: Manifest[],
  kind: string,
  name?: string,
): T => {
  const found = ofKind<T>(manifests, kind).filter((o) => !name || o.metadata.name === name);
  if (found.length !== 1)
    throw new Error(`Expected one ${kind}${name ? ` "${name}"` : ''}, found ${found.length}.`);
  return found[0] as T;
};

export const isHook = (object: KubeObject) => !!object.metadata.annotations?.['helm.sh/hook'];
