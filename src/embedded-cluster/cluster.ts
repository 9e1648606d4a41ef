import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ApiServer, type RequestContext, type SpecialResource } from './api/apiServer';
import { Discovery } from './api/discovery';
import { ResourceRegistry, storageResource } from './api/resourceRegistry';
import { ResourceService } from './api/resources';
import { NamespaceHandler } from './api/special/namespaces';
import { ProcessedTemplateHandler } from './api/special/processedTemplates';
import { ProjectHandler } from './api/special/projects';
import { ReviewHandler } from './api/special/reviews';
import { SelfSubjectReviewHandler } from './api/special/selfSubjectReview';
import { watchCustomResourceDefinitions } from './api/special/customResourceDefinitions';
import { aggregateClusterRoles } from './auth/aggregation';
import { defaultRbacObjects } from './auth/defaultRoles';
import { checkRbacWrite } from './auth/escalation';
import { RbacAuthorizer } from './auth/rbac';
import { ApiError } from './api/errors';
import { authenticate, loadOrCreateUsers, type ConfiguredUser } from './auth/users';
import { writeKubeconfig } from './kubeconfig';
import { loadOrCreatePki } from './pki';
import { customResourceDefinitionsFor } from './registry/crd';
import { allResourceTypes } from './registry/index';
import { OpenAPIDocuments } from './api/openapiDocuments';
import { ObjectStore } from './store/objectStore';
import { Journal } from './store/journal';
import type { KubeObject } from './types';
import { KUBEVIRT_SUBRESOURCE_DISCOVERY } from './api/special/kubevirtSubresources';
import { KubevirtActions } from './api/special/kubevirtActions';
import { openConsoleSocket } from './api/consoles';
import { Hotplug } from './api/special/hotplug';
import { MigrationController } from './controllers/migrationController';
import { KubevirtMetrics, type StatsSource } from './metrics';
import { VmController } from './controllers/vmController';
import { VmiController } from './controllers/vmiController';
import { SimulatedRuntime, type VmRuntime } from './controllers/vmRuntime';
import { QemuVmRuntime } from './controllers/qemuVmRuntime';
import { SEED_NODES } from './controllers/nodes';
import { clusterInstancetypes, clusterPreferences } from './seed/instancetypes';
import { commonTemplates } from './seed/templates';
import { operatorResources, sampleVirtualMachines } from './seed/virtualization';
import { consoleOperatorConfig } from './seed/console';
import { consoleQuickStarts } from './seed/consoleQuickStarts';
import { must, nameOf } from './objectRefs';
import type { ClusterContext, ClusterModule, HttpRoute } from './modules/clusterModule';
import { storageModule } from './storage/index';
import { cdiModule } from './cdi/index';
import { bootSourcesModule } from './bootsources/index';
import { snapshotsModule } from './snapshots/index';
import { checkupsModule } from './checkups/index';
import { monitoringModule } from './monitoring/index';
import { quotaModule } from './quota/index';
import { now } from './objectRefs';

export const KUBERNETES_VERSION = { major: '1', minor: '33', gitVersion: 'v1.33.0-embedded' };

export interface EmbeddedClusterOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  httpPort?: number;
  httpsPort?: number;
  /** How often watches get bookmarks (tests shorten it). */
  bookmarkMs?: number;
  /** Seed the sample VMs on first start (tests that measure or count guests turn it off). */
  sampleVMs?: boolean;
  /** What runs the guests: QEMU when it and the guest image are available (`auto`), or not. */
  runtime?: VmRuntime | 'auto' | 'qemu' | 'simulated';
}

export interface EmbeddedCluster {
  httpURL: string;
  httpsURL: string;
  kubeconfigPath: string;
  users: ConfiguredUser[];
  caCert: string;
  store: ObjectStore;
  runtime: VmRuntime;
  /** Resolves when the controllers have nothing left to do (tests wait on it, not on sleeps). */
  controllersIdle(): Promise<void>;
  stop(): Promise<void>;
}

/** Namespaces every cluster starts with. */
const SEED_NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'openshift',
  'openshift-cnv',
  'openshift-virtualization-os-images',
  'developer-vms',
];

/**
 * Starts the embedded cluster: state from DATA_DIR (journal), the API over HTTP and HTTPS, a
 * kubeconfig for the `admin` and `developer` users. Resolves once both listeners are up.
 */
export const startEmbeddedCluster = async (
  options: EmbeddedClusterOptions,
): Promise<EmbeddedCluster> => {
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { journal, state } = await Journal.open(path.join(dataDir, 'journal'));
  const store = new ObjectStore(journal, state);
  const registry = new ResourceRegistry(allResourceTypes());
  const resources = new ResourceService(store, (apiVersion, kind) =>
    registry.byKind(apiVersion, kind),
  );
  const users = await loadOrCreateUsers(dataDir);

  const rbacObjects = () => ({
    roles: store.list('rbac.authorization.k8s.io/roles'),
    clusterRoles: aggregateClusterRoles(store.list('rbac.authorization.k8s.io/clusterroles')),
    roleBindings: store.list('rbac.authorization.k8s.io/rolebindings'),
    clusterRoleBindings: store.list('rbac.authorization.k8s.io/clusterrolebindings'),
  });
  const authorizer = new RbacAuthorizer(rbacObjects);
  store.subscribe('*', (event) => {
    if (event.resource.startsWith('rbac.authorization.k8s.io/')) authorizer.invalidate();
  });

  await seed(store, registry, options.sampleVMs ?? true);
  const stopCRDs = watchCustomResourceDefinitions(store, registry);

  const openapi = new OpenAPIDocuments(registry);
  const discovery = new Discovery(registry, [KUBEVIRT_SUBRESOURCE_DISCOVERY]);
  const special = new Map<string, SpecialResource>();
  let routes: HttpRoute[] = [];
  const server: ApiServer = new ApiServer({
    store,
    registry,
    resources,
    discovery,
    authenticate: (header) => authenticate(header, users),
    authorizer,
    special,
    documents: (p, query) =>
      p === '/version'
        ? { ...KUBERNETES_VERSION, platform: `${process.platform}/${process.arch}` }
        : openapi.document(p, query),
    bookmarkMs: options.bookmarkMs,
    routes: () => routes,
    metrics: () => metrics.render(),
    openConsole: (target, req, socket, head, wss) =>
      openConsoleSocket(store, runtime, wss, target, req, socket, head),
    rbacWriteCheck: (user) => (object, verb) => {
      const decision = checkRbacWrite(user, object, authorizer, verb);
      if (!decision.allowed) throw new ApiError(403, 'Forbidden', decision.message);
    },
  });
  const rest = (context: RequestContext) => server.rest(must(context.rt, 'kind'), context);
  special.set('core/namespaces', new NamespaceHandler(store, registry, resources, rest));
  special.set('authorization.k8s.io/selfsubjectaccessreviews', new ReviewHandler(authorizer));
  special.set('authorization.k8s.io/selfsubjectrulesreviews', new ReviewHandler(authorizer));
  special.set('authorization.k8s.io/subjectaccessreviews', new ReviewHandler(authorizer));
  special.set('authorization.k8s.io/localsubjectaccessreviews', new ReviewHandler(authorizer));
  special.set('authentication.k8s.io/selfsubjectreviews', new SelfSubjectReviewHandler());
  const projects = new ProjectHandler(store, resources, authorizer, registry);
  special.set('project.openshift.io/projects', projects);
  special.set('project.openshift.io/projectrequests', projects);
  special.set('template.openshift.io/processedtemplates', new ProcessedTemplateHandler(store));

  const runtime = chooseRuntime(options.runtime ?? 'auto');
  const vmiController = new VmiController(store, runtime, {
    scratchDir: path.join(dataDir, 'vmi-disks'),
  });
  const vmController = new VmController(store);
  const migrationController = new MigrationController(store, runtime);
  const metrics = new KubevirtMetrics(store, runtime as StatsSource);
  const hotplug = new Hotplug(store, runtime);
  const actions = new KubevirtActions(store, vmiController, runtime, hotplug);
  special.set('subresources.kubevirt.io/virtualmachines', actions);
  special.set('subresources.kubevirt.io/virtualmachineinstances', actions);

  let urls = { http: '', https: '' };
  const context: ClusterContext = {
    store,
    registry,
    resources,
    runtime,
    hotplug,
    migrations: migrationController,
    dataDir,
    authenticate: (header) => authenticate(header, users),
    authorizer,
    urls: () => urls,
  };
  const modules: ClusterModule[] = [
    storageModule(context),
    cdiModule(context),
    bootSourcesModule(context),
    snapshotsModule(context),
    checkupsModule(context),
    quotaModule(context),
    monitoringModule(context),
  ];
  for (const module of modules)
    for (const object of module.seed?.() ?? []) await ensure(store, registry, object);
  routes = modules.flatMap((module) => module.routes ?? []);
  for (const module of modules) {
    for (const [key, handler] of Object.entries(module.special ?? {})) {
      if (special.has(key)) throw new Error(`${module.name}: ${key} is already handled`);
      special.set(key, handler);
    }
  }

  const pki = loadOrCreatePki(dataDir);
  const host = options.host ?? '127.0.0.1';
  const http = createHttpServer(server.handle);
  const https = createHttpsServer({ cert: pki.serverCert, key: pki.serverKey }, server.handle);
  for (const listener of [http, https]) listener.on('upgrade', server.handleUpgrade);
  await Promise.all([
    listen(http, host, options.httpPort ?? 0),
    listen(https, host, options.httpsPort ?? 0),
  ]);
  const urlOf = (s: Server, scheme: string) =>
    `${scheme}://${host}:${(s.address() as AddressInfo).port}`;
  const httpsURL = urlOf(https, 'https');
  urls = { http: urlOf(http, 'http'), https: httpsURL };
  for (const module of modules) await module.start?.();
  const kubeconfigPath = path.join(dataDir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, httpsURL, pki.caCert, users);

  let compacting = false;
  const compactTimer = setInterval(() => {
    if (compacting || journal.recordsSinceCompaction < journal.compactEvery) return;
    compacting = true;
    void store
      .settled()
      .then(() => journal.compact(store.snapshot()))
      .finally(() => (compacting = false));
  }, 5_000);

  return {
    httpURL: urlOf(http, 'http'),
    httpsURL,
    kubeconfigPath,
    users,
    caCert: pki.caCert,
    store,
    runtime,
    controllersIdle: async () => {
      // One controller's write wakes the other: settle until a round changes nothing.
      let before: number;
      do {
        before = store.lastRV;
        await store.settled();
        await Promise.all([
          vmController.queue.idle(),
          vmiController.queue.idle(),
          migrationController.queue.idle(),
          ...modules.flatMap((module) => module.queues.map((queue) => queue.idle())),
        ]);
        await store.settled();
      } while (store.lastRV !== before);
    },
    async stop() {
      clearInterval(compactTimer);
      for (const module of modules) await module.stop();
      vmController.stop();
      migrationController.stop();
      metrics.stop();
      vmiController.stop();
      await runtime.stopAll();
      stopCRDs();
      server.closeSockets();
      await Promise.all([close(http), close(https)]);
      // A reconcile already running finishes its writes before the journal closes.
      await Promise.all(
        [vmController, vmiController, migrationController, ...modules].flatMap((part) =>
          'queues' in part ? part.queues.map((queue) => queue.idle()) : [part.queue.idle()],
        ),
      );
      await store.settled();
      await journal.close();
    },
  };
};

const chooseRuntime = (choice: NonNullable<EmbeddedClusterOptions['runtime']>): VmRuntime => {
  if (typeof choice === 'object') return choice;
  if (choice === 'simulated') return new SimulatedRuntime();
  if (QemuVmRuntime.available()) return new QemuVmRuntime();
  if (choice === 'qemu')
    throw new Error(
      'QEMU or the guest image is missing: run `node scripts/guest-image.mjs` (it installs QEMU on Debian as root)',
    );
  console.warn(
    'QEMU or the guest image is missing: VMs run their lifecycle without a guest (node scripts/guest-image.mjs sets them up).',
  );
  return new SimulatedRuntime();
};

const listen = (server: Server, host: string, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

/** Stores the object unless one of that kind, namespace and name exists. */
const ensure = async (store: ObjectStore, registry: ResourceRegistry, object: KubeObject) => {
  const rt = registry.byKind(object.apiVersion, object.kind);
  if (!rt) throw new Error(`seed: no kind ${object.apiVersion} ${object.kind}`);
  const resource = storageResource(rt);
  if (store.get(resource, object.metadata.namespace, nameOf(object))) return;
  await store.put(resource, {
    ...object,
    metadata: {
      uid: crypto.randomUUID(),
      creationTimestamp: now(),
      generation: 1,
      ...object.metadata,
    },
  });
};

/**
 * Stores the object, or brings a stored one's labels and spec back to it: content the product
 * ships and a `helm upgrade` would replace (the quick starts), so a cluster started before the
 * files changed shows the new text.
 */
const upgrade = async (store: ObjectStore, registry: ResourceRegistry, object: KubeObject) => {
  const rt = registry.byKind(object.apiVersion, object.kind);
  if (!rt) throw new Error(`seed: no kind ${object.apiVersion} ${object.kind}`);
  const resource = storageResource(rt);
  const stored = store.get(resource, object.metadata.namespace, nameOf(object));
  if (!stored) return ensure(store, registry, object);
  if (
    isDeepStrictEqual(stored.spec, object.spec) &&
    isDeepStrictEqual(stored.metadata.labels, object.metadata.labels)
  )
    return;
  await store.put(resource, {
    ...stored,
    metadata: {
      ...stored.metadata,
      labels: object.metadata.labels,
      generation: (stored.metadata.generation ?? 1) + 1,
    },
    spec: object.spec,
  });
};

/** Every start: the seed namespaces, default roles, nodes and shipped content, where missing. */
const seed = async (store: ObjectStore, registry: ResourceRegistry, samples: boolean) => {
  const ensureObject = (object: KubeObject) => ensure(store, registry, object);
  for (const name of SEED_NAMESPACES) {
    await ensureObject({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  for (const object of defaultRbacObjects()) await ensureObject(object);
  for (const node of SEED_NODES) {
    await ensureObject(node);
    // Nodes seeded before they had an InternalIP get theirs.
    const stored = store.get('core/nodes', undefined, node.metadata.name ?? '');
    const addresses = (stored?.status as { addresses?: { type: string }[] } | undefined)?.addresses;
    if (stored && !addresses?.some((a) => a.type === 'InternalIP'))
      await store.put('core/nodes', {
        ...stored,
        status: {
          ...(stored.status ?? {}),
          addresses: (node.status as { addresses: object[] }).addresses,
        },
      });
  }
  const shared = [
    ...clusterInstancetypes(),
    ...clusterPreferences(),
    ...operatorResources(),
    ...consoleOperatorConfig(),
    ...commonTemplates(),
  ];
  for (const object of shared) await ensureObject(object);
  for (const object of consoleQuickStarts()) await upgrade(store, registry, object);
  // Sample content comes once: what a user deletes stays deleted.
  const marker = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'embedded-cluster-seeded', namespace: 'kube-system' },
    data: { version: '1' },
  };
  if (!store.get('core/configmaps', 'kube-system', marker.metadata.name)) {
    if (samples) for (const object of sampleVirtualMachines()) await ensureObject(object);
    await ensureObject(marker);
  }
  // As on a real cluster, the KubeVirt, CDI and OpenShift kinds are visible as CRDs.
  for (const crd of customResourceDefinitionsFor(registry.all())) await ensureObject(crd);
};
