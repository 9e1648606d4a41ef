import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authorizer, SpecialResource } from '../api/apiServer';
import type { ResourceRegistry } from '../api/resourceRegistry';
import type { ResourceService } from '../api/resources';
import type { Hotplug } from '../api/special/hotplug';
import type { MigrationController } from '../controllers/migrationController';
import type { VmRuntime } from '../controllers/vmRuntime';
import type { WorkQueue } from '../controllers/workQueue';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject, UserInfo } from '../types';

/**
 * A plain HTTP endpoint beside the API (CDI's upload proxy, the image server, export
 * downloads). Routes are matched by path prefix before the API authenticates, so each one
 * checks its own credentials (an upload token, an export token, a bearer token).
 */
export interface HttpRoute {
  /** Path prefix, e.g. `/cdi/upload/`. */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

/** What the cluster gives each of its parts (storage, CDI, snapshots, checkups). */
export interface ClusterContext {
  store: ObjectStore;
  registry: ResourceRegistry;
  resources: ResourceService;
  runtime: VmRuntime;
  hotplug: Hotplug;
  migrations: MigrationController;
  /** The cluster's data directory (volumes, snapshots, uploads live below it). */
  dataDir: string;
  /** The user a bearer `Authorization` header stands for, or undefined. */
  authenticate(authorization: string | undefined): UserInfo | undefined;
  authorizer: Authorizer;
  /** The API's base URLs once the listeners are up (for links such as upload or export URLs). */
  urls(): { http: string; https: string };
}

/**
 * One part of the cluster: the objects it seeds (created when missing, on every start), its
 * controllers' queues (the cluster waits on them in `controllersIdle`), its HTTP routes.
 */
export interface ClusterModule {
  name: string;
  seed?(): KubeObject[];
  queues: WorkQueue[];
  routes?: HttpRoute[];
  /**
   * API resources answered by code, keyed `group/plural` (`core/pods` for the core group), e.g.
   * `upload.cdi.kubevirt.io/uploadtokenrequests`. A key another part already claims is an error.
   */
  special?: Record<string, SpecialResource>;
  /** Called once the API listens and the seed objects exist. */
  start?(): void | Promise<void>;
  stop(): void | Promise<void>;
}
