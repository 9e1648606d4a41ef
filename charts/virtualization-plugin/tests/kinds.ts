// The fields of the rendered kinds the tests read (enough to reach them, not the whole API).
import type { KubeObject } from './manifests';

type Labels = Record<string, string>;

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
}

export interface Probe {
  httpGet?: { scheme?: string; path?: string; port?: string | number };
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: { requests?: Labels; limits?: Labels };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface Volume {
  name: string;
  secret?: { secretName: string };
  configMap?: { name: string };
  emptyDir?: { sizeLimit?: string };
}

export interface PodTemplate {
  metadata: { labels?: Labels; annotations?: Labels };
  spec: {
    serviceAccountName?: string;
    automountServiceAccountToken?: boolean;
    hostNetwork?: boolean;
    hostPID?: boolean;
    hostIPC?: boolean;
    securityContext?: SecurityContext;
    containers: Container[];
    initContainers?: Container[];
    volumes?: Volume[];
    affinity?: Record<string, unknown>;
    nodeSelector?: Labels;
    tolerations?: unknown[];
    imagePullSecrets?: { name: string }[];
  };
}

export interface Deployment extends KubeObject {
  spec: { replicas: number; selector: { matchLabels: Labels }; template: PodTemplate };
}

export interface Job extends KubeObject {
  spec: {
    ttlSecondsAfterFinished?: number;
    activeDeadlineSeconds?: number;
    backoffLimit?: number;
    template: PodTemplate;
  };
}

export interface Service extends KubeObject {
  spec: {
    selector: Labels;
    ports: { name?: string; port: number; targetPort?: string | number }[];
  };
}

interface ServiceReference {
  name: string;
  namespace: string;
  port: number;
  basePath?: string;
}

export interface ConsolePlugin extends KubeObject {
  spec: {
    displayName: string;
    backend: { type: string; service: ServiceReference };
    i18n: { loadType: string };
    proxy: {
      alias: string;
      authorization?: string;
      endpoint: { type: string; service: ServiceReference };
    }[];
  };
}

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

export interface ClusterRole extends KubeObject {
  rules: PolicyRule[];
  aggregationRule?: unknown;
}

export interface ClusterRoleBinding extends KubeObject {
  roleRef: { apiGroup: string; kind: string; name: string };
  subjects: { kind: string; name: string; namespace?: string }[];
}

export interface NetworkPolicy extends KubeObject {
  spec: {
    podSelector: { matchLabels?: Labels };
    policyTypes: string[];
    ingress?: {
      from?: { namespaceSelector?: { matchLabels?: Labels }; podSelector?: unknown }[];
      ports?: { port: string | number; protocol?: string }[];
    }[];
    egress?: unknown[];
  };
}

export interface PodDisruptionBudget extends KubeObject {
  spec: { minAvailable?: number; maxUnavailable?: number; selector: { matchLabels: Labels } };
}

/** Whether every label of `selector` is on `labels`. */
export const selects = (selector: Labels, labels: Labels = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
