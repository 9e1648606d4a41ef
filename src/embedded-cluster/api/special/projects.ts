import { canSeeProject } from '../../auth/projects';
import type { RbacAuthorizer } from '../../auth/rbac';
import type { ObjectStore } from '../../store/objectStore';
import type { KubeObject, UserInfo } from '../../types';
import type { HandlerResult, RequestContext, SpecialResource } from '../apiServer';
import { ApiError, badRequest } from '../errors';
import type { ResourceRegistry } from '../resourceRegistry';
import type { ResourceService } from '../resources';
import { must, nameOf } from '../../objectRefs';

const NAMESPACES = 'core/namespaces';

const toProject = (namespace: KubeObject): KubeObject => ({
  apiVersion: 'project.openshift.io/v1',
  kind: 'Project',
  metadata: namespace.metadata,
  spec: namespace.spec ?? { finalizers: ['kubernetes'] },
  status: namespace.status ?? { phase: 'Active' },
});

/**
 * OpenShift projects: the namespaces a user may see, as OpenShift's project cache decides.
 * `projectrequests` creates a namespace and makes its requester its admin.
 */
export class ProjectHandler implements SpecialResource {
  readonly authorizesItself = true;

  constructor(
    private readonly store: ObjectStore,
    private readonly resources: ResourceService,
    private readonly authorizer: RbacAuthorizer,
    private readonly registry: ResourceRegistry,
  ) {}

  /** OpenShift's rule: a project is visible to whoever may get its namespace, from within it. */
  private visible(user: UserInfo, namespace: string): boolean {
    return canSeeProject(user, namespace, this.authorizer);
  }

  private forbidden(user: UserInfo, verb: string, name?: string) {
    return new ApiError(
      403,
      'Forbidden',
      `projects.project.openshift.io${name ? ` "${name}"` : ''} is forbidden: User "${user.username}" cannot ${verb} resource "projects" in API group "project.openshift.io"${name ? ` in the namespace "${name}"` : ' at the cluster scope'}`,
    );
  }

  async handle(context: RequestContext): Promise<HandlerResult | undefined> {
    const { info, user } = context;
    if (info.resource === 'projectrequests') return this.request(context);
    switch (info.verb) {
      case 'list': {
        const items = this.store
          .list(NAMESPACES)
          .filter((ns) => this.visible(user, nameOf(ns)))
          .map(toProject);
        return {
          status: 200,
          body: {
            apiVersion: 'project.openshift.io/v1',
            kind: 'ProjectList',
            metadata: { resourceVersion: String(this.store.lastRV) },
            items,
          },
        };
      }
      case 'get': {
        const name = must(info.name, 'name');
        const namespace = this.store.get(NAMESPACES, undefined, name);
        if (!namespace || !this.visible(user, name)) {
          if (
            !namespace &&
            this.authorizer.authorize(user, { verb: 'get', apiGroup: '', resource: 'namespaces' })
              .allowed
          ) {
            throw new ApiError(
              404,
              'NotFound',
              `projects.project.openshift.io "${info.name}" not found`,
              { name: info.name, group: 'project.openshift.io', kind: 'projects' },
            );
          }
          throw this.forbidden(user, 'get', info.name);
        }
        return { status: 200, body: toProject(namespace) };
      }
      case 'delete': {
        const allowed =
          this.authorizer.authorize(user, {
            verb: 'delete',
            apiGroup: 'project.openshift.io',
            resource: 'projects',
            namespace: info.name,
            name: info.name,
          }).allowed ||
          this.authorizer.authorize(user, {
            verb: 'delete',
            apiGroup: '',
            resource: 'namespaces',
            name: info.name,
          }).allowed;
        if (!allowed) throw this.forbidden(user, 'delete', info.name);
        const namespaces = this.registry.require('', 'v1', 'namespaces');
        const { object } = await this.resources.delete(
          namespaces,
          undefined,
          must(info.name, 'name'),
          { dryRun: false, fieldValidation: 'Ignore' },
        );
        return { status: 200, body: toProject(object) };
      }
      default:
        throw new ApiError(
          405,
          'MethodNotAllowed',
          `${info.verb} is not supported on projects; use projectrequests to create one`,
        );
    }
  }

  private async request(context: RequestContext): Promise<HandlerResult> {
    const { user } = context;
    if (context.info.verb !== 'create')
      throw new ApiError(405, 'MethodNotAllowed', 'projectrequests can only be created');
    if (
      !this.authorizer.authorize(user, {
        verb: 'create',
        apiGroup: 'project.openshift.io',
        resource: 'projectrequests',
      }).allowed
    ) {
      throw new ApiError(
        403,
        'Forbidden',
        `projectrequests.project.openshift.io is forbidden: User "${user.username}" cannot create resource "projectrequests" in API group "project.openshift.io" at the cluster scope`,
      );
    }
    const body = ((await context.body()) ?? {}) as KubeObject & {
      displayName?: string;
      description?: string;
    };
    const name = body.metadata?.name;
    if (!name) throw badRequest('metadata.name is required');
    const namespaces = this.registry.require('', 'v1', 'namespaces');
    const annotations: Record<string, string> = { 'openshift.io/requester': user.username };
    if (body.displayName) annotations['openshift.io/display-name'] = body.displayName;
    if (body.description) annotations['openshift.io/description'] = body.description;
    const { object } = await this.resources.create(
      namespaces,
      undefined,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name, annotations },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      },
      { dryRun: false, fieldValidation: 'Strict' },
    );
    const bindings = this.registry.require('rbac.authorization.k8s.io', 'v1', 'rolebindings');
    await this.resources.create(
      bindings,
      name,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'admin', namespace: name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user.username }],
      },
      { dryRun: false, fieldValidation: 'Ignore' },
    );
    return { status: 201, body: toProject(object) };
  }
}
