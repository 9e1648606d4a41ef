// Kubernetes protobuf request bodies (Content-Type: application/vnd.kubernetes.protobuf), decoded
// into the object the same request would have carried as application/json.
//
// client-go sends built-in kinds as protobuf (kubectl create configmap|secret|namespace|
// serviceaccount|service|job|role|rolebinding|clusterrole|clusterrolebinding, kubectl auth can-i,
// kubectl auth whoami) and does not retry as JSON on 415. The body is the magic `k8s\0` and a
// runtime.Unknown {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType};
// raw is the object's message as k8s.io/api's generated.proto files define it.
//
// Kubernetes' generated (gogo, proto2) marshallers write every non-pointer field, zero or not, and
// pointer fields only when set. Go's JSON encoder drops the zero values of `omitempty` fields,
// always writes structs, and writes nil slices and maps without `omitempty` as null. Each schema
// field below says which of those it is, so the decoded object matches the JSON body field for
// field. A field a schema leaves out is skipped when its value is zero and refused
// (ProtobufUnsupportedError) otherwise: nothing is dropped silently.

export const KUBERNETES_PROTOBUF = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from('k8s\0', 'latin1');

/** Whether a request's Content-Type is Kubernetes protobuf. */
export const isKubernetesProtobuf = (contentType: string | undefined) =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() === KUBERNETES_PROTOBUF;

/** The body is not well-formed Kubernetes protobuf: a 400. */
export class ProtobufDecodeError extends Error {
  override name = 'ProtobufDecodeError';
}

/** A well-formed body of a kind, or with a field, this decoder has no schema for: a 415. */
export class ProtobufUnsupportedError extends Error {
  override name = 'ProtobufUnsupportedError';
}

export interface DecodedObject {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}

// ---- Wire format ----

/**
 * One field as it is on the wire: a varint (wire type 0), or the bytes of a 64-bit (1),
 * length-delimited (2) or 32-bit (5) value.
 */
export type WireField =
  { field: number; wire: 0; value: bigint } | { field: number; wire: 1 | 2 | 5; value: Buffer };

/** The fields of one message, in wire order. Groups (wire types 3 and 4) are refused. */
export function readWireFields(buf: Buffer): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= buf.length) throw new ProtobufDecodeError('truncated varint');
      const byte = buf.readUInt8(pos++);
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
    }
    throw new ProtobufDecodeError('varint longer than 10 bytes');
  };
  const take = (length: bigint | number): Buffer => {
    if (BigInt(pos) + BigInt(length) > BigInt(buf.length)) {
      throw new ProtobufDecodeError('field runs past the end of its message');
    }
    const value = buf.subarray(pos, pos + Number(length));
    pos += Number(length);
    return value;
  };
  while (pos < buf.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new ProtobufDecodeError('field number 0');
    if (wire === 0) fields.push({ field, wire: 0, value: varint() });
    else if (wire === 1) fields.push({ field, wire: 1, value: take(8) });
    else if (wire === 2) fields.push({ field, wire: 2, value: take(varint()) });
    else if (wire === 5) fields.push({ field, wire: 5, value: take(4) });
    else throw new ProtobufDecodeError(`unsupported wire type ${wire} for field ${field}`);
  }
  return fields;
}

/** A value that carries nothing: 0, empty, or a message of such values (a zero struct). */
function isZero(f: WireField): boolean {
  if (f.wire === 0) return f.value === 0n;
  if (f.wire !== 2) return f.value.every((b) => b === 0);
  if (f.value.length === 0) return true;
  try {
    return readWireFields(f.value).every(isZero);
  } catch (error) {
    if (error instanceof ProtobufDecodeError) return false;
    throw error;
  }
}

// ---- Schemas ----

/** Scalars, and the small apimachinery messages that have their own JSON form. */
type Scalar =
  | 'string'
  | 'bool'
  | 'int32'
  | 'int64'
  | 'bytes' // base64, as in JSON
  | 'time' // metav1.Time {1 seconds, 2 nanos}: RFC 3339 seconds, null when zero
  | 'intOrString' // intstr.IntOrString {1 type, 2 intVal, 3 strVal}
  | 'quantity' // resource.Quantity {1 string}
  | 'extraValue'; // authorization ExtraValue {1 repeated items}: a JSON array
interface Message {
  readonly fields: Readonly<Record<number, Field>>;
}
type Value = Scalar | Message;
type FieldType = Value | { readonly list: Value } | { readonly map: Value };
/**
 * How Go writes the field as JSON: left out when zero (`omitempty`, the default), only when set
 * (a pointer: kept even when zero), or always (no `omitempty`, or a struct; zero when missing).
 */
type Presence = 'omitempty' | 'pointer' | 'always';
type Field = readonly [name: string, type: FieldType, presence?: Presence];

const message = (fields: Record<number, Field>): Message => ({ fields });

// k8s.io/apimachinery/pkg/apis/meta/v1
const OWNER_REFERENCE = message({
  5: ['apiVersion', 'string', 'always'],
  1: ['kind', 'string', 'always'],
  3: ['name', 'string', 'always'],
  4: ['uid', 'string', 'always'],
  6: ['controller', 'bool', 'pointer'],
  7: ['blockOwnerDeletion', 'bool', 'pointer'],
});
const OBJECT_META = message({
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  4: ['selfLink', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int64'],
  8: ['creationTimestamp', 'time', 'always'],
  9: ['deletionTimestamp', 'time', 'pointer'],
  10: ['deletionGracePeriodSeconds', 'int64', 'pointer'],
  11: ['labels', { map: 'string' }],
  12: ['annotations', { map: 'string' }],
  13: ['ownerReferences', { list: OWNER_REFERENCE }],
  14: ['finalizers', { list: 'string' }],
});
const METADATA: Field = ['metadata', OBJECT_META, 'always'];
const LABEL_SELECTOR_REQUIREMENT = message({
  1: ['key', 'string', 'always'],
  2: ['operator', 'string', 'always'],
  3: ['values', { list: 'string' }],
});
const LABEL_SELECTOR = message({
  1: ['matchLabels', { map: 'string' }],
  2: ['matchExpressions', { list: LABEL_SELECTOR_REQUIREMENT }],
});

// k8s.io/api/core/v1
const OBJECT_REFERENCE = message({
  1: ['kind', 'string'],
  2: ['namespace', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['fieldPath', 'string'],
});
const LOCAL_OBJECT_REFERENCE = message({ 1: ['name', 'string'] });
const CONFIG_MAP = message({
  1: METADATA,
  4: ['immutable', 'bool', 'pointer'],
  2: ['data', { map: 'string' }],
  3: ['binaryData', { map: 'bytes' }],
});
const SECRET = message({
  1: METADATA,
  5: ['immutable', 'bool', 'pointer'],
  2: ['data', { map: 'bytes' }],
  4: ['stringData', { map: 'string' }],
  3: ['type', 'string'],
});
const NAMESPACE = message({
  1: METADATA,
  2: ['spec', message({ 1: ['finalizers', { list: 'string' }] }), 'always'],
  3: ['status', message({ 1: ['phase', 'string'] }), 'always'],
});
const SERVICE_ACCOUNT = message({
  1: METADATA,
  2: ['secrets', { list: OBJECT_REFERENCE }],
  3: ['imagePullSecrets', { list: LOCAL_OBJECT_REFERENCE }],
  4: ['automountServiceAccountToken', 'bool', 'pointer'],
});
const SERVICE_PORT = message({
  1: ['name', 'string'],
  2: ['protocol', 'string'],
  6: ['appProtocol', 'string', 'pointer'],
  3: ['port', 'int32', 'always'],
  4: ['targetPort', 'intOrString', 'always'],
  5: ['nodePort', 'int32'],
});
const SERVICE_SPEC = message({
  1: ['ports', { list: SERVICE_PORT }],
  2: ['selector', { map: 'string' }],
  3: ['clusterIP', 'string'],
  18: ['clusterIPs', { list: 'string' }],
  4: ['type', 'string'],
  5: ['externalIPs', { list: 'string' }],
  7: ['sessionAffinity', 'string'],
  8: ['loadBalancerIP', 'string'],
  9: ['loadBalancerSourceRanges', { list: 'string' }],
  10: ['externalName', 'string'],
  11: ['externalTrafficPolicy', 'string'],
  12: ['healthCheckNodePort', 'int32'],
  13: ['publishNotReadyAddresses', 'bool'],
  14: [
    'sessionAffinityConfig',
    message({ 1: ['clientIP', message({ 1: ['timeoutSeconds', 'int32', 'pointer'] }), 'pointer'] }),
    'pointer',
  ],
  19: ['ipFamilies', { list: 'string' }],
  17: ['ipFamilyPolicy', 'string', 'pointer'],
  20: ['allocateLoadBalancerNodePorts', 'bool', 'pointer'],
  21: ['loadBalancerClass', 'string', 'pointer'],
  22: ['internalTrafficPolicy', 'string', 'pointer'],
  23: ['trafficDistribution', 'string', 'pointer'],
});
const LOAD_BALANCER_INGRESS = message({
  1: ['ip', 'string'],
  2: ['hostname', 'string'],
  3: ['ipMode', 'string', 'pointer'],
});
const SERVICE = message({
  1: METADATA,
  2: ['spec', SERVICE_SPEC, 'always'],
  3: [
    'status',
    message({
      1: ['loadBalancer', message({ 1: ['ingress', { list: LOAD_BALANCER_INGRESS }] }), 'always'],
    }),
    'always',
  ],
});
// The parts of a pod template that `kubectl create job` and simple manifests use.
const CONTAINER = message({
  1: ['name', 'string', 'always'],
  2: ['image', 'string'],
  3: ['command', { list: 'string' }],
  4: ['args', { list: 'string' }],
  5: ['workingDir', 'string'],
  6: [
    'ports',
    {
      list: message({
        1: ['name', 'string'],
        2: ['hostPort', 'int32'],
        3: ['containerPort', 'int32', 'always'],
        4: ['protocol', 'string'],
        5: ['hostIP', 'string'],
      }),
    },
  ],
  7: ['env', { list: message({ 1: ['name', 'string', 'always'], 2: ['value', 'string'] }) }],
  8: [
    'resources',
    message({ 1: ['limits', { map: 'quantity' }], 2: ['requests', { map: 'quantity' }] }),
    'always',
  ],
  24: ['restartPolicy', 'string', 'pointer'],
  13: ['terminationMessagePath', 'string'],
  20: ['terminationMessagePolicy', 'string'],
  14: ['imagePullPolicy', 'string'],
  16: ['stdin', 'bool'],
  17: ['stdinOnce', 'bool'],
  18: ['tty', 'bool'],
});
const TOLERATION = message({
  1: ['key', 'string'],
  2: ['operator', 'string'],
  3: ['value', 'string'],
  4: ['effect', 'string'],
  5: ['tolerationSeconds', 'int64', 'pointer'],
});
const POD_SPEC = message({
  20: ['initContainers', { list: CONTAINER }],
  2: ['containers', { list: CONTAINER }, 'always'],
  3: ['restartPolicy', 'string'],
  4: ['terminationGracePeriodSeconds', 'int64', 'pointer'],
  5: ['activeDeadlineSeconds', 'int64', 'pointer'],
  6: ['dnsPolicy', 'string'],
  7: ['nodeSelector', { map: 'string' }],
  8: ['serviceAccountName', 'string'],
  9: ['serviceAccount', 'string'],
  21: ['automountServiceAccountToken', 'bool', 'pointer'],
  10: ['nodeName', 'string'],
  11: ['hostNetwork', 'bool'],
  12: ['hostPID', 'bool'],
  13: ['hostIPC', 'bool'],
  27: ['shareProcessNamespace', 'bool', 'pointer'],
  15: ['imagePullSecrets', { list: LOCAL_OBJECT_REFERENCE }],
  16: ['hostname', 'string'],
  17: ['subdomain', 'string'],
  19: ['schedulerName', 'string'],
  22: ['tolerations', { list: TOLERATION }],
  24: ['priorityClassName', 'string'],
  25: ['priority', 'int32', 'pointer'],
  29: ['runtimeClassName', 'string', 'pointer'],
  30: ['enableServiceLinks', 'bool', 'pointer'],
  31: ['preemptionPolicy', 'string', 'pointer'],
});
const POD_TEMPLATE_SPEC = message({ 1: METADATA, 2: ['spec', POD_SPEC, 'always'] });

// k8s.io/api/batch/v1
const JOB = message({
  1: METADATA,
  2: [
    'spec',
    message({
      1: ['parallelism', 'int32', 'pointer'],
      2: ['completions', 'int32', 'pointer'],
      3: ['activeDeadlineSeconds', 'int64', 'pointer'],
      7: ['backoffLimit', 'int32', 'pointer'],
      12: ['backoffLimitPerIndex', 'int32', 'pointer'],
      13: ['maxFailedIndexes', 'int32', 'pointer'],
      4: ['selector', LABEL_SELECTOR, 'pointer'],
      5: ['manualSelector', 'bool', 'pointer'],
      6: ['template', POD_TEMPLATE_SPEC, 'always'],
      8: ['ttlSecondsAfterFinished', 'int32', 'pointer'],
      9: ['completionMode', 'string', 'pointer'],
      10: ['suspend', 'bool', 'pointer'],
      14: ['podReplacementPolicy', 'string', 'pointer'],
      15: ['managedBy', 'string', 'pointer'],
    }),
    'always',
  ],
  3: [
    'status',
    message({
      4: ['active', 'int32'],
      5: ['succeeded', 'int32'],
      6: ['failed', 'int32'],
      11: ['terminating', 'int32', 'pointer'],
      7: ['completedIndexes', 'string'],
      10: ['failedIndexes', 'string', 'pointer'],
      9: ['ready', 'int32', 'pointer'],
    }),
    'always',
  ],
});

// k8s.io/api/authorization/v1
const RESOURCE_ATTRIBUTES = message({
  1: ['namespace', 'string'],
  2: ['verb', 'string'],
  3: ['group', 'string'],
  4: ['version', 'string'],
  5: ['resource', 'string'],
  6: ['subresource', 'string'],
  7: ['name', 'string'],
  8: [
    'fieldSelector',
    message({
      1: ['rawSelector', 'string'],
      2: ['requirements', { list: LABEL_SELECTOR_REQUIREMENT }], // FieldSelectorRequirement: same shape
    }),
    'pointer',
  ],
  9: [
    'labelSelector',
    message({
      1: ['rawSelector', 'string'],
      2: ['requirements', { list: LABEL_SELECTOR_REQUIREMENT }],
    }),
    'pointer',
  ],
});
const NON_RESOURCE_ATTRIBUTES = message({ 1: ['path', 'string'], 2: ['verb', 'string'] });
const SUBJECT_ACCESS_REVIEW_STATUS = message({
  1: ['allowed', 'bool', 'always'],
  4: ['denied', 'bool'],
  2: ['reason', 'string'],
  3: ['evaluationError', 'string'],
});
const SUBJECT_ACCESS_REVIEW = message({
  1: METADATA,
  2: [
    'spec',
    message({
      1: ['resourceAttributes', RESOURCE_ATTRIBUTES, 'pointer'],
      2: ['nonResourceAttributes', NON_RESOURCE_ATTRIBUTES, 'pointer'],
      3: ['user', 'string'],
      4: ['groups', { list: 'string' }],
      5: ['extra', { map: 'extraValue' }],
      6: ['uid', 'string'],
    }),
    'always',
  ],
  3: ['status', SUBJECT_ACCESS_REVIEW_STATUS, 'always'],
});
const SELF_SUBJECT_ACCESS_REVIEW = message({
  1: METADATA,
  2: [
    'spec',
    message({
      1: ['resourceAttributes', RESOURCE_ATTRIBUTES, 'pointer'],
      2: ['nonResourceAttributes', NON_RESOURCE_ATTRIBUTES, 'pointer'],
    }),
    'always',
  ],
  3: ['status', SUBJECT_ACCESS_REVIEW_STATUS, 'always'],
});
const SELF_SUBJECT_RULES_REVIEW = message({
  1: METADATA,
  2: ['spec', message({ 1: ['namespace', 'string'] }), 'always'],
  3: [
    'status',
    message({
      1: [
        'resourceRules',
        {
          list: message({
            1: ['verbs', { list: 'string' }, 'always'],
            2: ['apiGroups', { list: 'string' }],
            3: ['resources', { list: 'string' }],
            4: ['resourceNames', { list: 'string' }],
          }),
        },
        'always',
      ],
      2: [
        'nonResourceRules',
        {
          list: message({
            1: ['verbs', { list: 'string' }, 'always'],
            2: ['nonResourceURLs', { list: 'string' }],
          }),
        },
        'always',
      ],
      3: ['incomplete', 'bool', 'always'],
      4: ['evaluationError', 'string'],
    }),
    'always',
  ],
});

// k8s.io/api/authentication/v1
const SELF_SUBJECT_REVIEW = message({
  1: METADATA,
  2: [
    'status',
    message({
      1: [
        'userInfo',
        message({
          1: ['username', 'string'],
          2: ['uid', 'string'],
          3: ['groups', { list: 'string' }],
          4: ['extra', { map: 'extraValue' }],
        }),
        'always',
      ],
    }),
    'always',
  ],
});

// k8s.io/api/rbac/v1
const POLICY_RULE = message({
  1: ['verbs', { list: 'string' }, 'always'],
  2: ['apiGroups', { list: 'string' }],
  3: ['resources', { list: 'string' }],
  4: ['resourceNames', { list: 'string' }],
  5: ['nonResourceURLs', { list: 'string' }],
});
const ROLE = message({ 1: METADATA, 2: ['rules', { list: POLICY_RULE }, 'always'] });
const CLUSTER_ROLE = message({
  1: METADATA,
  2: ['rules', { list: POLICY_RULE }, 'always'],
  3: [
    'aggregationRule',
    message({ 1: ['clusterRoleSelectors', { list: LABEL_SELECTOR }] }),
    'pointer',
  ],
});
const ROLE_BINDING = message({
  1: METADATA,
  2: [
    'subjects',
    {
      list: message({
        1: ['kind', 'string', 'always'],
        2: ['apiGroup', 'string'],
        3: ['name', 'string', 'always'],
        4: ['namespace', 'string'],
      }),
    },
  ],
  3: [
    'roleRef',
    message({
      1: ['apiGroup', 'string', 'always'],
      2: ['kind', 'string', 'always'],
      3: ['name', 'string', 'always'],
    }),
    'always',
  ],
});

/** The kinds decoded, by `apiVersion/kind`. */
const KINDS = new Map<string, Message>([
  ['v1/ConfigMap', CONFIG_MAP],
  ['v1/Secret', SECRET],
  ['v1/Namespace', NAMESPACE],
  ['v1/ServiceAccount', SERVICE_ACCOUNT],
  ['v1/Service', SERVICE],
  ['batch/v1/Job', JOB],
  ['authorization.k8s.io/v1/SelfSubjectAccessReview', SELF_SUBJECT_ACCESS_REVIEW],
  ['authorization.k8s.io/v1/SelfSubjectRulesReview', SELF_SUBJECT_RULES_REVIEW],
  ['authorization.k8s.io/v1/SubjectAccessReview', SUBJECT_ACCESS_REVIEW],
  ['authorization.k8s.io/v1/LocalSubjectAccessReview', SUBJECT_ACCESS_REVIEW],
  ['authentication.k8s.io/v1/SelfSubjectReview', SELF_SUBJECT_REVIEW],
  ['rbac.authorization.k8s.io/v1/Role', ROLE],
  ['rbac.authorization.k8s.io/v1/ClusterRole', CLUSTER_ROLE],
  ['rbac.authorization.k8s.io/v1/RoleBinding', ROLE_BINDING],
  ['rbac.authorization.k8s.io/v1/ClusterRoleBinding', ROLE_BINDING],
]);

/** `apiVersion/kind` of every kind decodeKubernetesProtobuf understands. */
export const protobufKinds = (): string[] => [...KINDS.keys()];

// ---- Decoding ----

const TYPE_META = message({
  1: ['apiVersion', 'string', 'always'],
  2: ['kind', 'string', 'always'],
});
const TIME = message({ 1: ['seconds', 'int64', 'always'], 2: ['nanos', 'int32'] });
const INT_OR_STRING = message({
  1: ['type', 'int64', 'always'],
  2: ['intVal', 'int32', 'always'],
  3: ['strVal', 'string', 'always'],
});
const QUANTITY = message({ 1: ['string', 'string', 'always'] });
const EXTRA_VALUE = message({ 1: ['items', { list: 'string' }] });
const OMITTABLE = new Set<FieldType>(['string', 'bool', 'int32', 'int64', 'bytes']);
const ZERO: Record<Scalar, unknown> = {
  string: '',
  bool: false,
  int32: 0,
  int64: 0,
  bytes: null,
  time: null,
  intOrString: 0,
  quantity: '0',
  extraValue: null,
};

/** obj[key] = value, as an own property even for keys like `__proto__` (map keys are data). */
const put = (obj: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

function lengthDelimited(f: WireField, path: string): Buffer {
  if (f.wire !== 2) throw new ProtobufDecodeError(`${path}: expected a length-delimited value`);
  return f.value;
}

function varintOf(f: WireField, path: string): bigint {
  if (f.wire !== 0) throw new ProtobufDecodeError(`${path}: expected a varint`);
  return f.value;
}

function decodeValue(f: WireField, type: Value, path: string): unknown {
  if (typeof type !== 'string') return decodeMessage(lengthDelimited(f, path), type, path);
  switch (type) {
    case 'string':
      return lengthDelimited(f, path).toString('utf8');
    case 'bytes':
      return lengthDelimited(f, path).toString('base64');
    case 'bool':
      return varintOf(f, path) !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, varintOf(f, path)));
    case 'int64':
      return Number(BigInt.asIntN(64, varintOf(f, path)));
    case 'time': {
      // Like metav1.Time: empty is the zero time (null); nanos are dropped.
      const bytes = lengthDelimited(f, path);
      if (bytes.length === 0) return null;
      const { seconds } = decodeMessage(bytes, TIME, path) as { seconds: number };
      const date = new Date(seconds * 1000);
      if (Number.isNaN(date.getTime())) throw new ProtobufDecodeError(`${path}: time out of range`);
      return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    }
    case 'intOrString': {
      const value = decodeMessage(lengthDelimited(f, path), INT_OR_STRING, path);
      return value.type === 1 ? value.strVal : value.intVal;
    }
    case 'quantity':
      return decodeMessage(lengthDelimited(f, path), QUANTITY, path).string;
    case 'extraValue':
      return decodeMessage(lengthDelimited(f, path), EXTRA_VALUE, path).items ?? [];
  }
}

function zeroOf(type: FieldType, path: string): unknown {
  if (typeof type === 'string') return ZERO[type];
  return 'fields' in type ? decodeMessage(Buffer.alloc(0), type, path) : null;
}

function decodeMessage(buf: Buffer, schema: Message, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of readWireFields(buf)) {
    const spec = schema.fields[f.field];
    if (!spec) {
      if (isZero(f)) continue;
      throw new ProtobufUnsupportedError(
        `${path}: protobuf field ${f.field} is not supported; send the object as application/json`,
      );
    }
    const [name, type] = spec;
    const at = `${path}.${name}`;
    if (typeof type === 'string' || 'fields' in type) {
      put(out, name, decodeValue(f, type, at));
    } else if ('list' in type) {
      const list = (out[name] as unknown[] | undefined) ?? [];
      list.push(decodeValue(f, type.list, `${at}[${list.length}]`));
      put(out, name, list);
    } else {
      // A map entry is a message {1 key, 2 value}.
      const entry = decodeMessage(
        lengthDelimited(f, at),
        message({ 1: ['key', 'string', 'always'], 2: ['value', type.map, 'always'] }),
        at,
      );
      const map = (out[name] as Record<string, unknown> | undefined) ?? {};
      put(map, entry.key as string, entry.value);
      put(out, name, map);
    }
  }
  for (const [name, type, presence = 'omitempty'] of Object.values(schema.fields)) {
    const value = out[name];
    if (!Object.hasOwn(out, name)) {
      if (presence === 'always') put(out, name, zeroOf(type, `${path}.${name}`));
    } else if (presence === 'omitempty' && OMITTABLE.has(type) && !value) {
      Reflect.deleteProperty(out, name); // '', 0 or false
    }
  }
  return out;
}

/**
 * The JSON object carried by a Kubernetes protobuf body: `k8s\0` + runtime.Unknown.
 * Throws ProtobufDecodeError for a malformed body, ProtobufUnsupportedError for a kind (or a
 * field of a kind) it has no schema for.
 */
export function decodeKubernetesProtobuf(body: Buffer): DecodedObject {
  if (!body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ProtobufDecodeError(
      'the body does not start with the Kubernetes protobuf magic k8s\\0',
    );
  }
  let typeMeta: Buffer | undefined;
  let raw: Buffer = Buffer.alloc(0);
  let contentEncoding = '';
  let contentType = '';
  for (const f of readWireFields(body.subarray(MAGIC.length))) {
    const value = lengthDelimited(f, `runtime.Unknown field ${f.field}`);
    if (f.field === 1) typeMeta = value;
    else if (f.field === 2) raw = value;
    else if (f.field === 3) contentEncoding = value.toString('utf8');
    else if (f.field === 4) contentType = value.toString('utf8');
  }
  const { apiVersion, kind } = decodeMessage(typeMeta ?? Buffer.alloc(0), TYPE_META, 'typeMeta');
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) {
    throw new ProtobufDecodeError('the protobuf body does not name its apiVersion and kind');
  }
  if (contentEncoding) {
    throw new ProtobufUnsupportedError(
      `protobuf content encoding "${contentEncoding}" is not supported`,
    );
  }
  if (contentType && contentType !== KUBERNETES_PROTOBUF) {
    throw new ProtobufUnsupportedError(
      `protobuf raw content type "${contentType}" is not supported`,
    );
  }
  const schema = KINDS.get(`${apiVersion}/${kind}`);
  if (!schema) {
    throw new ProtobufUnsupportedError(
      `${kind} (${apiVersion}) is not supported as application/vnd.kubernetes.protobuf; send it as application/json`,
    );
  }
  return { apiVersion, kind, ...decodeMessage(raw, schema, kind) };
}
