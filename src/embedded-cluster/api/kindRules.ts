import type { KubeObject, StatusCause } from '../types';

type KindRule = (object: KubeObject, old: KubeObject | undefined) => StatusCause[];

const spec = (object: KubeObject) => (object.spec ?? {}) as Record<string, unknown>;

/** Rules a kind's own webhook enforces beyond its schema, keyed by `group/plural`. */
export const KIND_RULES: Record<string, KindRule[]> = {
  'kubevirt.io/virtualmachines': [
    (vm) =>
      spec(vm).running !== undefined && spec(vm).runStrategy !== undefined
        ? [
            {
              type: 'FieldValueInvalid',
              field: 'spec.running',
              message:
                'Invalid value: spec.running and spec.runStrategy are mutually exclusive: set only one',
            },
          ]
        : [],
  ],
};
