import type { KubeObject, StatusCause } from '../types';
import { quantityBytes } from '../volumes';

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

// PersistentVolumeClaims, as kube-apiserver's ValidatePersistentVolumeClaim(Update) words it
// (Kubernetes 1.33, RecoverVolumeExpansionFailure on).
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
type ClaimFields = {
  spec?: { accessModes?: string[]; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string; capacity?: { storage?: string } };
};

const persistentVolumeClaimRules: KindRule = (claim, old) => {
  const { spec = {} } = claim as ClaimFields;
  const causes: StatusCause[] = [];
  const accessModes = spec.accessModes ?? [];
  if (!accessModes.length)
    causes.push({
      type: 'FieldValueRequired',
      field: 'spec.accessModes',
      message: 'Required value: at least 1 access mode is required',
    });
  for (const mode of accessModes.filter((m) => !ACCESS_MODES.includes(m)))
    causes.push({
      type: 'FieldValueNotSupported',
      field: 'spec.accessModes',
      message: `Unsupported value: "${mode}": supported values: ${ACCESS_MODES.map((m) => `"${m}"`).join(', ')}`,
    });
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined)
    causes.push({
      type: 'FieldValueRequired',
      field: 'spec.resources[storage]',
      message: 'Required value',
    });
  if (!old) return causes;
  const before = old as ClaimFields;
  const newSize = quantityBytes(storage) ?? 0;
  const oldSize = quantityBytes(before.spec?.resources?.requests?.storage) ?? 0;
  if (newSize === oldSize) return causes;
  if (before.status?.phase !== 'Bound')
    causes.push({
      type: 'FieldValueForbidden',
      field: 'spec',
      message:
        'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    });
  else if (newSize < oldSize && newSize <= (quantityBytes(before.status.capacity?.storage) ?? 0))
    causes.push({
      type: 'FieldValueForbidden',
      field: 'spec.resources.requests.storage',
      message: 'Forbidden: field can not be less than status.capacity',
    });
  return causes;
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
  'core/persistentvolumeclaims': [persistentVolumeClaimRules],
};
