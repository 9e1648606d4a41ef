import { describe, expect, it } from 'vitest';
import { type KubeObject, type UserInfo } from '../types';
import { answerReview } from './accessReviews';
import { defaultRbacObjects } from './defaultRoles';
import { RbacAuthorizer } from './rbac';
import { splitRbacObjects } from './rbacTypes';

const authorizer = new RbacAuthorizer(() => splitRbacObjects(defaultRbacObjects()));
const developer: UserInfo = { username: 'developer', groups: ['system:authenticated'] };
const admin: UserInfo = { username: 'admin', groups: ['system:authenticated'] };

const review = (kind: string, spec: object): KubeObject => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind,
  metadata: {},
  spec,
});

const statusOf = (result: ReturnType<typeof answerReview>) => {
  if (!('object' in result)) throw new Error(JSON.stringify(result.causes));
  return result.object.status;
};

describe('answerReview', () => {
  it('answers a SelfSubjectAccessReview for the caller (kubectl auth can-i)', () => {
    const ssar = review('SelfSubjectAccessReview', {
      resourceAttributes: {
        namespace: 'developer-vms',
        verb: 'update',
        group: 'subresources.kubevirt.io',
        resource: 'virtualmachines',
        subresource: 'start',
        name: 'vm1',
      },
    });
    expect(statusOf(answerReview(ssar, developer, authorizer))).toMatchObject({ allowed: true });
    const elsewhere = review('SelfSubjectAccessReview', {
      resourceAttributes: {
        namespace: 'default',
        verb: 'update',
        group: 'subresources.kubevirt.io',
        resource: 'virtualmachines',
        subresource: 'start',
      },
    });
    expect(statusOf(answerReview(elsewhere, developer, authorizer))).toEqual({ allowed: false });
  });

  it('echoes the spec back with the status', () => {
    const spec = { nonResourceAttributes: { path: '/version', verb: 'get' } };
    const result = answerReview(review('SelfSubjectAccessReview', spec), developer, authorizer);
    expect(result).toEqual({
      object: {
        ...review('SelfSubjectAccessReview', spec),
        status: {
          allowed: true,
          reason:
            'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
        },
      },
    });
  });

  it('answers a SubjectAccessReview for the subject in the spec, adding no groups', () => {
    const about = (spec: object) =>
      answerReview(review('SubjectAccessReview', spec), admin, authorizer);
    const attrs = {
      resourceAttributes: { verb: 'list', group: 'storage.k8s.io', resource: 'storageclasses' },
    };
    expect(statusOf(about({ user: 'developer', ...attrs }))).toEqual({ allowed: false });
    expect(
      statusOf(about({ user: 'developer', groups: ['system:authenticated'], ...attrs })),
    ).toMatchObject({ allowed: true });
  });

  it('answers a LocalSubjectAccessReview only for its own namespace', () => {
    const spec = {
      user: 'developer',
      resourceAttributes: {
        namespace: 'developer-vms',
        verb: 'delete',
        group: 'kubevirt.io',
        resource: 'virtualmachines',
      },
    };
    const lsar = review('LocalSubjectAccessReview', spec);
    expect(statusOf(answerReview(lsar, developer, authorizer, 'developer-vms'))).toMatchObject({
      allowed: true,
    });
    expect(answerReview(lsar, developer, authorizer, 'default')).toEqual({
      causes: [
        {
          type: 'FieldValueInvalid',
          field: 'spec.resourceAttributes.namespace',
          message: 'Invalid value: "developer-vms": must match namespace: default',
        },
      ],
    });
  });

  it('answers a SelfSubjectRulesReview', () => {
    const status = statusOf(
      answerReview(
        review('SelfSubjectRulesReview', { namespace: 'developer-vms' }),
        developer,
        authorizer,
      ),
    );
    expect(status).toMatchObject({
      incomplete: false,
      resourceRules: expect.any(Array),
      nonResourceRules: expect.any(Array),
    });
  });

  it('refuses reviews that ask nothing, ask twice, or name nobody', () => {
    expect(answerReview(review('SelfSubjectAccessReview', {}), developer, authorizer)).toEqual({
      causes: [expect.objectContaining({ field: 'spec.resourceAttributes' })],
    });
    const both = {
      resourceAttributes: { verb: 'get' },
      nonResourceAttributes: { path: '/', verb: 'get' },
    };
    expect(answerReview(review('SelfSubjectAccessReview', both), developer, authorizer)).toEqual({
      causes: [expect.objectContaining({ field: 'spec.nonResourceAttributes' })],
    });
    const nobody = { resourceAttributes: { verb: 'get', resource: 'pods' } };
    expect(answerReview(review('SubjectAccessReview', nobody), admin, authorizer)).toEqual({
      causes: [
        expect.objectContaining({
          field: 'spec.user',
          message: 'Invalid value: "": at least one of user or group must be specified',
        }),
      ],
    });
    expect(answerReview(review('Pod', {}), admin, authorizer)).toEqual({
      causes: [expect.objectContaining({ type: 'FieldValueNotSupported', field: 'kind' })],
    });
  });
});
