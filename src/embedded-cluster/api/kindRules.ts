import type { KubeObject, StatusCause } from '../types';

type KindRule = (object: KubeObject, old: KubeObject | undefined) => StatusCause[];

const spec = (object: KubeObject) => (object.spec ?? {}) as Record<string, unknown>;

/**
 * With an instance type, the VM's size comes from it: CPU topology and guest memory in the
 * template conflict, and virt-api refuses them naming the fields.
 */
const instancetypeConflicts: KindRule = (vm) => {
  const { instancetype, template } = spec(vm) as {
    instancetype?: { name?: string };
    template?: {
      spec?: {
        domain?: {
          cpu?: Record<string, unknown>;
          memory?: { guest?: unknown };
          resources?: { requests?: { memory?: unknown } };
        };
      };
    };
  };
  if (!instancetype?.name) return [];
  const domain = template?.spec?.domain ?? {};
  const fields = [
    ...['sockets', 'cores', 'threads']
      .filter((f) => domain.cpu?.[f] !== undefined)
      .map((f) => `spec.template.spec.domain.cpu.${f}`),
    ...(domain.memory?.guest !== undefined ? ['spec.template.spec.domain.memory.guest'] : []),
    ...(domain.resources?.requests?.memory !== undefined
      ? ['spec.template.spec.domain.resources.requests.memory']
      : []),
  ];
  return fields.map((field) => ({
    type: 'FieldValueInvalid',
    field,
    message: `Invalid value: VM field ${field} conflicts with selected instance type ${instancetype.name}`,
  }));
};

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
    instancetypeConflicts,
  ],
};
