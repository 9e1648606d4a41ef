import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { applyJSONPatch } from '../../common/patch/jsonPatch';
import { resourceQuotaRefusal } from '../admission/resourceQuota';
import { applyMergePatch } from '../patch/mergePatch';
import { applyStrategicMergePatch, coreMergeHints, PatchError } from '../patch/strategicMergePatch';
import { servedAsCustomResource } from '../registry/crd';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject, ResourceType } from '../types';
import { admit, type FieldValidation } from './admit';
import { ApiError, alreadyExists, badRequest, conflict, gone, invalid, notFound } from './errors';
import { groupVersion, storageResource } from './resourceRegistry';
import { parseFieldSelector, parseLabelSelector } from './selectors';
import { keyOf, nameOf, now } from '../objectRefs';
import { mutateOnAdmission } from '../network/kubemacpool';
import { allocateServiceAddresses, initialServiceStatus } from '../network/serviceAllocation';
import { mergeStringData } from './secretData';

/** Options common to writes, from the query string. */
export interface WriteOptions {
  dryRun: boolean;
  fieldValidation: FieldValidation;
  /** A last look at the object about to be stored (RBAC's escalation check); throws to refuse. */
  check?: (object: KubeObject, verb: 'create' | 'update') => void;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = () =>
  Array.from(
    { length: 5 },
    () => NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)],
  ).join('');

const clone = <T>(value: T): T => structuredClone(value);

/** Fields whose change bumps `metadata.generation`: everything but metadata and status. */
const specOf = (object: KubeObject) => {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
};

interface ContinueToken {
  rv: number;
  start: string;
}

/**
 * Create, read, update, patch and delete for any registered kind, with the semantics
 * kube-apiserver gives them: resourceVersion conflicts, generateName, generation, status
 * subresource, finalizers and deletionTimestamp, owner-reference garbage collection.
 */
export class ResourceService {
  constructor(
    private readonly store: ObjectStore,
    private readonly typeOf: (apiVersion: string, kind: string) => ResourceType | undefined,
  ) {}

  private withTypeMeta(rt: ResourceType, object: KubeObject): KubeObject {
    return { ...object, apiVersion: groupVersion(rt), kind: rt.kind };
  }

  get(rt: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const object = this.store.get(storageResource(rt), namespace, name);
    if (!object) throw notFound(rt, name);
    return this.withTypeMeta(rt, object);
  }

  list(rt: ResourceType, namespace: string | undefined, options: ListOptions) {
    const matches = this.filter(rt, options);
    let items = this.store.list(storageResource(rt), namespace).filter(matches);
    let nextToken: string | undefined;
    let remaining: number | undefined;
    if (options.continue) {
      const token = this.decodeContinue(options.continue);
      items = items.filter((item) => keyOf(item) > token.start);
    }
    if (options.limit && options.limit > 0 && items.length > options.limit) {
      remaining = items.length - options.limit;
      items = items.slice(0, options.limit);
      const last = items[items.length - 1];
      if (last)
        nextToken = Buffer.from(
          JSON.stringify({ rv: this.store.lastRV, start: keyOf(last) }),
        ).toString('base64url');
    }
    return {
      kind: rt.listKind,
      apiVersion: groupVersion(rt),
      metadata: {
        resourceVersion: String(this.store.lastRV),
        ...(nextToken ? { continue: nextToken, remainingItemCount: remaining } : {}),
      },
      items: items.map((item) => this.withTypeMeta(rt, item)),
    };
  }

  private decodeContinue(token: string): ContinueToken {
    try {
      const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ContinueToken;
      if (typeof parsed.start !== 'string' || typeof parsed.rv !== 'number')
        throw new Error('shape');
      if (parsed.rv < this.store.oldestResumableRV) {
        throw gone(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
      }
      return parsed;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw badRequest('continue key is not valid: the continue token could not be decoded');
    }
  }

  filter(rt: ResourceType, options: Pick<ListOptions, 'labelSelector' | 'fieldSelector'>) {
    let labels: (l: Record<string, string> | undefined) => boolean;
    let fields: (o: KubeObject) => boolean;
    try {
      labels = options.labelSelector ? parseLabelSelector(options.labelSelector) : () => true;
      fields = options.fieldSelector ? parseFieldSelector(options.fieldSelector) : () => true;
    } catch (error) {
      throw badRequest((error as Error).message);
    }
    return (object: KubeObject) =>
      labels(object.metadata.labels) && fields(this.withTypeMeta(rt, object));
  }

  async create(
    rt: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions,
  ): Promise<{ object: KubeObject; warnings: string[] }> {
    const input = this.checkBody(rt, namespace, body);
    const metadata = { ...input.metadata };
    if (!metadata.name && metadata.generateName) {
      do metadata.name = `${metadata.generateName}${randomSuffix()}`;
      while (this.store.get(storageResource(rt), namespace, metadata.name));
    }
    if (rt.namespaced) metadata.namespace = namespace;
    // Mutating admission (KubeMacPool's MACs for VirtualMachines), then validation.
    const mutated = mutateOnAdmission(
      this.store,
      storageResource(rt),
      mergeStringData(storageResource(rt), this.withTypeMeta(rt, { ...input, metadata })),
      undefined,
    );
    // Services get their cluster IP and node ports (kube-apiserver's allocators).
    const allocated = allocateServiceAddresses(this.store, storageResource(rt), mutated, undefined);
    if (allocated.causes.length) throw invalid(rt, metadata.name ?? '', allocated.causes);
    const candidate =
      allocated.object === mutated ? mutated : initialServiceStatus(allocated.object);
    const { object, warnings } = admit(rt, candidate, undefined, options.fieldValidation);
    const name = nameOf(object);
    if (this.store.get(storageResource(rt), namespace, name)) throw alreadyExists(rt, name);
    if (rt.namespaced && namespace && !this.store.get('core/namespaces', undefined, namespace)) {
      throw new ApiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
        name: namespace,
        kind: 'namespaces',
      });
    }
    const namespaceObject =
      rt.namespaced && namespace
        ? this.store.get('core/namespaces', undefined, namespace)
        : undefined;
    if (namespaceObject?.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${rt.plural} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
    const stamped: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        uid: randomUUID(),
        creationTimestamp: now(),
        generation: 1,
        resourceVersion: undefined,
        deletionTimestamp: undefined,
      },
    };
    if (rt.subresources?.status && stamped.status === undefined) delete stamped.status;
    const refusal = resourceQuotaRefusal(this.store, storageResource(rt), stamped);
    if (refusal) throw refusal;
    options.check?.(stamped, 'create');
    if (options.dryRun)
      return {
        object: { ...stamped, metadata: { ...stamped.metadata, resourceVersion: '' } },
        warnings,
      };
    return {
      object: this.withTypeMeta(rt, await this.store.put(storageResource(rt), prune(stamped))),
      warnings,
    };
  }

  private checkBody(rt: ResourceType, namespace: string | undefined, body: unknown): KubeObject {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('the body of the request is not a JSON object');
    const object = body as KubeObject;
    if (object.kind !== undefined && object.kind !== rt.kind) {
      throw badRequest(
        `the kind in the data (${String(object.kind)}) does not match the expected kind (${rt.kind})`,
      );
    }
    if (object.apiVersion !== undefined && object.apiVersion !== groupVersion(rt)) {
      throw badRequest(
        `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${groupVersion(rt)})`,
      );
    }
    if (!object.metadata || typeof object.metadata !== 'object') return { ...object, metadata: {} };
    if (rt.namespaced && object.metadata.namespace && object.metadata.namespace !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    return object;
  }

  /** PUT: replace the object (or only its status, for the status subresource). */
  async update(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    body: unknown,
    subresource: string | undefined,
    options: WriteOptions,
  ): Promise<{ object: KubeObject; warnings: string[] }> {
    const input = this.checkBody(rt, namespace, body);
    if (input.metadata.name && input.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const existing = this.store.get(storageResource(rt), namespace, name);
    if (!existing) throw notFound(rt, name);
    const wantedRV = input.metadata.resourceVersion;
    if (wantedRV && wantedRV !== existing.metadata.resourceVersion) throw conflict(rt, name);
    return this.replace(
      rt,
      existing,
      { ...input, metadata: { ...input.metadata, name, namespace } },
      subresource,
      options,
    );
  }

  /** PATCH in any of the four content types kube-apiserver accepts. */
  async patch(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    contentType: string,
    patch: unknown,
    subresource: string | undefined,
    options: WriteOptions & { force?: boolean },
  ): Promise<{ object: KubeObject; warnings: string[]; created: boolean }> {
    const existing = this.store.get(storageResource(rt), namespace, name);
    const type = (contentType.split(';')[0] ?? '').trim();
    if (!existing) {
      // Server-side apply creates what does not exist yet.
      if (type === 'application/apply-patch+yaml') {
        const created = await this.create(
          rt,
          namespace,
          { ...(patch as object), metadata: { ...((patch as KubeObject).metadata ?? {}), name } },
          options,
        );
        return { ...created, created: true };
      }
      throw notFound(rt, name);
    }
    const current = this.withTypeMeta(rt, clone(existing));
    let patched: unknown;
    try {
      switch (type) {
        case 'application/json-patch+json':
          patched = applyJSONPatch(current, patch);
          break;
        case 'application/merge-patch+json':
        case 'application/apply-patch+yaml':
          patched = applyMergePatch(current, patch);
          break;
        case 'application/strategic-merge-patch+json':
          // Custom resources do not support strategic merge, on any cluster.
          if (servedAsCustomResource(rt)) {
            throw new ApiError(
              415,
              'UnsupportedMediaType',
              `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
            );
          }
          patched = applyStrategicMergePatch(current, patch, rt.schema ?? coreMergeHints);
          break;
        default:
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
          );
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof PatchError) {
        throw new ApiError(
          error.code,
          error.code === 422
            ? 'Invalid'
            : error.code === 413
              ? 'RequestEntityTooLarge'
              : 'BadRequest',
          error.message,
        );
      }
      throw error;
    }
    const result = patched as KubeObject;
    const wantedRV = result.metadata?.resourceVersion;
    if (wantedRV && wantedRV !== existing.metadata.resourceVersion) throw conflict(rt, name);
    const replaced = await this.replace(
      rt,
      existing,
      { ...result, metadata: { ...result.metadata, name, namespace } },
      subresource,
      options,
    );
    return { ...replaced, created: false };
  }

  private async replace(
    rt: ResourceType,
    existing: KubeObject,
    input: KubeObject,
    subresource: string | undefined,
    options: WriteOptions,
  ): Promise<{ object: KubeObject; warnings: string[] }> {
    let next: KubeObject;
    if (subresource === 'status') {
      // The status subresource changes status only; everything else stays as stored.
      next = { ...existing };
      if (input.status === undefined) delete next.status;
      else next.status = input.status;
    } else if (subresource) {
      throw notFound(rt, `${existing.metadata.name}/${subresource}`);
    } else {
      next = { ...input };
      if (rt.subresources?.status) {
        if (existing.status === undefined) delete next.status;
        else next.status = existing.status;
      }
      // System-owned metadata cannot be changed by a client.
      next.metadata = {
        ...input.metadata,
        uid: existing.metadata.uid,
        creationTimestamp: existing.metadata.creationTimestamp,
        deletionTimestamp: existing.metadata.deletionTimestamp,
        deletionGracePeriodSeconds: existing.metadata.deletionGracePeriodSeconds,
        generation: existing.metadata.generation,
      };
    }
    next = this.withTypeMeta(rt, next);
    if (!subresource) {
      next = mutateOnAdmission(
        this.store,
        storageResource(rt),
        mergeStringData(storageResource(rt), next),
        existing,
      );
      const allocated = allocateServiceAddresses(this.store, storageResource(rt), next, existing);
      if (allocated.causes.length)
        throw invalid(rt, existing.metadata.name ?? '', allocated.causes);
      next = allocated.object;
    }
    const { object, warnings } = admit(
      rt,
      next,
      this.withTypeMeta(rt, existing),
      options.fieldValidation,
    );
    // A claim's resize is charged against its namespace's quotas.
    const refusal = subresource
      ? undefined
      : resourceQuotaRefusal(this.store, storageResource(rt), object, existing);
    if (refusal) throw refusal;
    options.check?.(object, 'update');
    const changedSpec = !isDeepStrictEqual(specOf(object), specOf(existing));
    const stored: KubeObject = {
      ...object,
      metadata: {
        ...object.metadata,
        generation: (existing.metadata.generation ?? 1) + (changedSpec ? 1 : 0),
      },
    };
    if (options.dryRun) return { object: stored, warnings };
    if (isDeepStrictEqual(prune(stored), prune(this.withTypeMeta(rt, existing)))) {
      // A no-op write keeps its resourceVersion, as in Kubernetes.
      return { object: this.withTypeMeta(rt, existing), warnings };
    }
    // The last finalizer gone from an object being deleted: it is deleted now.
    if (stored.metadata.deletionTimestamp && !stored.metadata.finalizers?.length) {
      const removed = await this.store.remove(storageResource(rt), prune(stored));
      await this.collectGarbage(removed);
      return { object: this.withTypeMeta(rt, removed), warnings };
    }
    return {
      object: this.withTypeMeta(rt, await this.store.put(storageResource(rt), prune(stored))),
      warnings,
    };
  }

  /**
   * DELETE: objects with finalizers get a deletionTimestamp and stay until the finalizers are
   * removed; the others go at once. Dependents follow the propagation policy.
   */
  async delete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions,
  ): Promise<{ object: KubeObject; finished: boolean }> {
    const existing = this.store.get(storageResource(rt), namespace, name);
    if (!existing) throw notFound(rt, name);
    const { preconditions } = options;
    if (preconditions?.uid && preconditions.uid !== existing.metadata.uid) {
      throw new ApiError(
        409,
        'Conflict',
        `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${existing.metadata.uid}`,
      );
    }
    if (
      preconditions?.resourceVersion &&
      preconditions.resourceVersion !== existing.metadata.resourceVersion
    ) {
      throw conflict(rt, name);
    }
    const policy = options.propagationPolicy ?? 'Background';
    let finalizers = [...(existing.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && this.dependentsOf(existing).length)
      finalizers = [...new Set([...finalizers, 'foregroundDeletion'])];
    if (policy === 'Orphan') finalizers = [...new Set([...finalizers, 'orphan'])];
    if (options.dryRun) return { object: this.withTypeMeta(rt, existing), finished: false };
    if (finalizers.length) {
      if (existing.metadata.deletionTimestamp)
        return { object: this.withTypeMeta(rt, existing), finished: false };
      const marked = await this.store.put(storageResource(rt), {
        ...existing,
        metadata: {
          ...existing.metadata,
          finalizers,
          deletionTimestamp: now(),
          deletionGracePeriodSeconds: 0,
        },
      });
      await this.runSystemFinalizers(rt, marked);
      const after = this.store.get(storageResource(rt), namespace, name);
      return { object: this.withTypeMeta(rt, after ?? marked), finished: !after };
    }
    const removed = await this.store.remove(storageResource(rt), existing);
    await this.collectGarbage(removed);
    return { object: this.withTypeMeta(rt, removed), finished: true };
  }

  /** The garbage collector's two finalizers, done at once since dependents are in memory. */
  private async runSystemFinalizers(rt: ResourceType, owner: KubeObject) {
    const finalizers = owner.metadata.finalizers ?? [];
    if (finalizers.includes('orphan')) {
      for (const { rt: depType, object } of this.dependentsOf(owner)) {
        const ownerReferences = (object.metadata.ownerReferences ?? []).filter(
          (ref) => ref.uid !== owner.metadata.uid,
        );
        await this.store.put(storageResource(depType), {
          ...object,
          metadata: { ...object.metadata, ownerReferences },
        });
      }
    }
    if (finalizers.includes('foregroundDeletion')) {
      for (const { rt: depType, object } of this.dependentsOf(owner)) {
        await this.delete(depType, object.metadata.namespace, nameOf(object), {
          dryRun: false,
          fieldValidation: 'Ignore',
          propagationPolicy: 'Foreground',
        });
      }
    }
    const remaining = finalizers.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (remaining.length !== finalizers.length) {
      const current = this.store.get(storageResource(rt), owner.metadata.namespace, nameOf(owner));
      if (!current) return;
      if (remaining.length) {
        await this.store.put(storageResource(rt), {
          ...current,
          metadata: { ...current.metadata, finalizers: remaining },
        });
      } else {
        const removed = await this.store.remove(storageResource(rt), current);
        await this.collectGarbage(removed);
      }
    }
  }

  private dependentsOf(owner: KubeObject): { rt: ResourceType; object: KubeObject }[] {
    const uid = owner.metadata.uid;
    if (!uid) return [];
    const found: { rt: ResourceType; object: KubeObject }[] = [];
    for (const object of this.store.snapshotOwned(uid)) {
      const rt = this.typeOf(object.apiVersion, object.kind);
      if (rt) found.push({ rt, object });
    }
    return found;
  }

  /** Background deletion: dependents whose owners are all gone are deleted too. */
  private async collectGarbage(removed: KubeObject) {
    for (const { rt, object } of this.dependentsOf(removed)) {
      const others = (object.metadata.ownerReferences ?? []).filter(
        (ref) => ref.uid !== removed.metadata.uid,
      );
      const current = this.store.get(
        storageResource(rt),
        object.metadata.namespace,
        nameOf(object),
      );
      if (!current) continue;
      if (others.some((ref) => this.ownerExists(ref.uid))) {
        await this.store.put(storageResource(rt), {
          ...current,
          metadata: { ...current.metadata, ownerReferences: others },
        });
      } else {
        await this.delete(rt, object.metadata.namespace, nameOf(object), {
          dryRun: false,
          fieldValidation: 'Ignore',
        }).catch(() => undefined);
      }
    }
  }

  private ownerExists(uid: string) {
    return this.store.hasUid(uid);
  }
}

/** Drops undefined values so stored JSON and its equality checks stay clean. */
const prune = (object: KubeObject): KubeObject => JSON.parse(JSON.stringify(object)) as KubeObject;
