// The kinds the checkups use, under short names. Types only, from the generated package.
import type {
  IoK8sApiBatchV1Job,
  IoK8sApiRbacV1ClusterRoleBinding,
  IoK8sApiRbacV1PolicyRule,
  IoK8sApiRbacV1Role,
  IoK8sApiRbacV1RoleBinding,
} from '@kubevirt-ui/kubevirt-api/kubernetes/models';
import type { K8sObject } from '../../../api/types';

export type { ConfigMap, Node, Pod, ServiceAccount } from '../../../api/types';
export type Job = IoK8sApiBatchV1Job;
export type Role = IoK8sApiRbacV1Role;
export type RoleBinding = IoK8sApiRbacV1RoleBinding;
export type ClusterRoleBinding = IoK8sApiRbacV1ClusterRoleBinding;
export type PolicyRule = IoK8sApiRbacV1PolicyRule;

/** A NetworkAttachmentDefinition (k8s.cni.cncf.io/v1): not in the generated package. */
export interface NetworkAttachmentDefinition extends K8sObject {
  spec?: { config?: string };
}
