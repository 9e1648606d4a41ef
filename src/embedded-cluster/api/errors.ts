import type { ResourceType, StatusCause } from '../types';

/** A Kubernetes `Status` failure, thrown anywhere in request handling and sent as-is. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] },
  ) {
    super(message);
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** `virtualmachines.kubevirt.io`, or `pods` for the core group: how errors name a resource. */
export const qualifiedResource = (rt: ResourceType) =>
  rt.group ? `${rt.plural}.${rt.group}` : rt.plural;

export const notFound = (rt: ResourceType, name: string) =>
  new ApiError(404, 'NotFound', `${qualifiedResource(rt)} "${name}" not found`, {
    name,
    group: rt.group,
    kind: rt.plural,
  });

export const alreadyExists = (rt: ResourceType, name: string) =>
  new ApiError(409, 'AlreadyExists', `${qualifiedResource(rt)} "${name}" already exists`, {
    name,
    group: rt.group,
    kind: rt.plural,
  });

export const conflict = (rt: ResourceType, name: string) =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(rt)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: rt.group, kind: rt.plural },
  );

/** 422, as kube-apiserver words it: `Kind.group "name" is invalid: [field: message, …]`. */
export const invalid = (rt: ResourceType, name: string, causes: StatusCause[]) => {
  const kind = rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
  const list = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${summary}`, {
    name,
    group: rt.group,
    kind: rt.kind,
    causes,
  });
};

export const badRequest = (message: string) => new ApiError(400, 'BadRequest', message);

export const methodNotAllowed = (message: string) => new ApiError(405, 'MethodNotAllowed', message);

export const gone = (message: string) => new ApiError(410, 'Expired', message);
