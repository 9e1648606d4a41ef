// What kube-apiserver's service REST storage does on create and update: defaults (type,
// protocol, targetPort, session affinity, IP families, traffic policies), a cluster IP from the
// service CIDR (172.30.0.0/16, as OpenShift's default) kept for the service's life, and node
// ports (30000-32767, unique in the cluster) for NodePort and LoadBalancer services. A port or
// IP asked for is honoured or refused with kube-apiserver's causes. There is no load balancer
// here: a LoadBalancer service keeps an empty `status.loadBalancer` (its address stays
// pending). Pure apart from reading the other services from the store.
import { randomInt } from 'node:crypto';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject, StatusCause } from '../types';

export const SERVICES = 'core/services';
export const SERVICE_CIDR = '172.30.0.0/16';
export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;

const BASE = 172 * 2 ** 24 + 30 * 2 ** 16;
const SIZE = 1 << 16;

interface ServicePort {
  name?: string;
  port?: number;
  protocol?: string;
  targetPort?: number | string;
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  sessionAffinity?: string;
  internalTrafficPolicy?: string;
  externalTrafficPolicy?: string;
  allocateLoadBalancerNodePorts?: boolean;
  [field: string]: unknown;
}

const ipText = (value: number) => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');

const ipValue = (text: string): number | undefined => {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
    return undefined;
  return parts.reduce((sum, p) => sum * 256 + Number(p), 0);
};

/** The first address is the network's, the second the `kubernetes` service's, the last broadcast. */
const usable = (offset: number) => offset > 1 && offset < SIZE - 1;

const specOf = (service: KubeObject | undefined) => (service?.spec ?? {}) as ServiceSpec;

const others = (store: ObjectStore, service: KubeObject) =>
  store
    .list(SERVICES)
    .filter(
      (s) =>
        !(
          s.metadata.namespace === service.metadata.namespace &&
          s.metadata.name === service.metadata.name
        ),
    );

const pickFree = (taken: Set<number>, size: number, valid: (n: number) => boolean) => {
  for (let attempt = 0; attempt < 64; attempt++) {
    const candidate = randomInt(size);
    if (valid(candidate) && !taken.has(candidate)) return candidate;
  }
  for (let candidate = 0; candidate < size; candidate++)
    if (valid(candidate) && !taken.has(candidate)) return candidate;
  return undefined;
};

const invalid = (field: string, message: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message,
});

/**
 * The service as stored: defaults filled in, cluster IP and node ports allocated (or kept from
 * `existing`), with the causes of a refusal. Other kinds pass through.
 */
export const allocateServiceAddresses = (
  store: ObjectStore,
  resource: string,
  service: KubeObject,
  existing: KubeObject | undefined,
): { object: KubeObject; causes: StatusCause[] } => {
  if (resource !== SERVICES) return { object: service, causes: [] };
  const causes: StatusCause[] = [];
  const spec = structuredClone(specOf(service));
  const old = existing ? specOf(existing) : undefined;
  const type = (spec.type ??= 'ClusterIP');
  const rest = others(store, service);
  spec.sessionAffinity ??= 'None';
  spec.ports = (spec.ports ?? []).map((port) => ({
    ...port,
    protocol: port.protocol ?? 'TCP',
    targetPort: port.targetPort ?? port.port,
  }));

  if (type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    for (const port of spec.ports) delete port.nodePort;
    return { object: { ...service, spec }, causes };
  }

  // The cluster IP: kept from before, asked for, or allocated.
  if (!spec.clusterIP && old?.clusterIP) spec.clusterIP = old.clusterIP;
  if (old?.clusterIP && spec.clusterIP !== old.clusterIP) {
    causes.push(
      invalid(
        'spec.clusterIPs[0]',
        `Invalid value: []string{"${spec.clusterIP}"}: may not change once set`,
      ),
    );
  } else if (!spec.clusterIP) {
    const taken = new Set(
      rest.map((s) => (ipValue(specOf(s).clusterIP ?? '') ?? 0) - BASE).filter((o) => o >= 0),
    );
    const offset = pickFree(taken, SIZE, usable);
    if (offset === undefined)
      causes.push(
        invalid(
          'spec.clusterIPs',
          `Invalid value: []string{}: failed to allocate IP: range is full (${SERVICE_CIDR})`,
        ),
      );
    else spec.clusterIP = ipText(BASE + offset);
  } else if (spec.clusterIP !== 'None' && !old?.clusterIP) {
    const asked = spec.clusterIP;
    const value = ipValue(asked);
    const prefix = `Invalid value: []string{"${asked}"}: failed to allocate IP ${asked}: `;
    if (value === undefined)
      causes.push(
        invalid('spec.clusterIPs[0]', `Invalid value: "${asked}": must be a valid IP address`),
      );
    else if (value - BASE < 0 || value - BASE >= SIZE || !usable(value - BASE))
      causes.push(
        invalid(
          'spec.clusterIPs',
          `${prefix}the provided IP (${asked}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
        ),
      );
    else if (rest.some((s) => specOf(s).clusterIP === asked))
      causes.push(invalid('spec.clusterIPs', `${prefix}provided IP is already allocated`));
  }
  if (spec.clusterIP) spec.clusterIPs = [spec.clusterIP];
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  spec.internalTrafficPolicy ??= 'Cluster';

  // Node ports, for NodePort and LoadBalancer services.
  const external = type === 'NodePort' || type === 'LoadBalancer';
  if (!external) {
    // Node ports go when a service stops being NodePort or LoadBalancer; asked for, they are refused.
    const wasExternal = old?.type === 'NodePort' || old?.type === 'LoadBalancer';
    spec.ports.forEach((port, index) => {
      if (port.nodePort && !wasExternal)
        causes.push({
          type: 'FieldValueForbidden',
          field: `spec.ports[${index}].nodePort`,
          message: `Forbidden: may not be used when \`type\` is '${type}'`,
        });
      delete port.nodePort;
    });
    delete spec.externalTrafficPolicy;
    return { object: { ...service, spec }, causes };
  }
  spec.externalTrafficPolicy ??= 'Cluster';
  if (type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  const allocate = type === 'NodePort' || spec.allocateLoadBalancerNodePorts !== false;
  const taken = new Set(
    rest.flatMap((s) => (specOf(s).ports ?? []).map((p) => p.nodePort ?? 0)).filter(Boolean),
  );
  spec.ports.forEach((port, index) => {
    const before = old?.ports?.find((p) => p.port === port.port && p.protocol === port.protocol);
    if (!port.nodePort && before?.nodePort) port.nodePort = before.nodePort;
    if (port.nodePort && port.nodePort === before?.nodePort) {
      taken.add(port.nodePort);
      return;
    }
    if (port.nodePort) {
      const field = `spec.ports[${index}].nodePort`;
      if (port.nodePort < NODE_PORT_RANGE.min || port.nodePort > NODE_PORT_RANGE.max)
        causes.push(
          invalid(
            field,
            `Invalid value: ${port.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
          ),
        );
      else if (taken.has(port.nodePort))
        causes.push(
          invalid(field, `Invalid value: ${port.nodePort}: provided port is already allocated`),
        );
      taken.add(port.nodePort);
      return;
    }
    if (!allocate) return;
    const size = NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1;
    const offset = pickFree(
      new Set([...taken].map((p) => p - NODE_PORT_RANGE.min)),
      size,
      () => true,
    );
    if (offset === undefined)
      causes.push(
        invalid(
          `spec.ports[${index}].nodePort`,
          'Invalid value: 0: failed to allocate a nodePort: range is full',
        ),
      );
    else {
      port.nodePort = NODE_PORT_RANGE.min + offset;
      taken.add(port.nodePort);
    }
  });
  return { object: { ...service, spec }, causes };
};

/** A new service's status: no load balancer answers here, so `loadBalancer` stays empty. */
export const initialServiceStatus = (service: KubeObject): KubeObject =>
  service.status === undefined ? { ...service, status: { loadBalancer: {} } } : service;
