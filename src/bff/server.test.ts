import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BFF_PATH, PLUGIN_ASSETS_PATH } from '../common/paths';
import { createServer } from './server';

let dir: string;
let app: FastifyInstance | undefined;

const build = async (options: { upstreamURL?: URL; built?: boolean } = {}) => {
  const pluginDir = path.join(dir, options.built === false ? 'missing' : 'plugin');
  app = await createServer(
    {
      host: '127.0.0.1',
      port: 0,
      pluginDir,
      shellDir: path.join(dir, 'shell'),
      logLevel: 'silent',
      upstreamURL: options.upstreamURL,
      inCluster: false,
    },
    false,
  );
  return app;
};

/** A local HTTP server standing where the Kubernetes API server would, answering as it does. */
const listen = async (handler: Parameters<typeof createHttpServer>[1]) => {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
};
const servers: Server[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bff-test-'));
  await mkdir(path.join(dir, 'plugin/locales/ko'), { recursive: true });
  await mkdir(path.join(dir, 'shell/assets'), { recursive: true });
  await writeFile(
    path.join(dir, 'plugin/plugin-manifest.json'),
    '{"name":"virtualization-plugin"}',
  );
  await writeFile(path.join(dir, 'plugin/plugin-entry.js'), 'window.x=1');
  await writeFile(path.join(dir, 'plugin/main-chunk-0123456789abcdef.min.js'), 'x');
  await writeFile(
    path.join(dir, 'plugin/locales/ko/plugin__virtualization-plugin.json'),
    '{"Overview":"개요"}',
  );
  await writeFile(path.join(dir, 'shell/index.html'), '<!doctype html><title>shell</title>');
  await writeFile(path.join(dir, 'shell/assets/app-abcdef12.js'), 'console.log(1)');
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const server of servers.splice(0)) server.close();
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('health routes', () => {
  it('answers healthz and readyz when the plugin is built', async () => {
    const server = await build();
    expect((await server.inject(`${BFF_PATH}healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await server.inject(`${BFF_PATH}readyz`);
    expect(ready.statusCode).toBe(200);
  });

  it('is not ready, and says why, when the plugin is not built', async () => {
    const server = await build({ built: false });
    const ready = await server.inject(`${BFF_PATH}readyz`);
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      kind: 'Status',
      code: 503,
      message: expect.stringMatching(/npm run build/),
    });
  });

  it('answers unknown BFF routes with a Kubernetes Status', async () => {
    const server = await build();
    const response = await server.inject(`${BFF_PATH}nope`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ kind: 'Status', reason: 'NotFound' });
  });
});

describe('version route', () => {
  it('says no cluster is connected when none is configured', async () => {
    const server = await build();
    const response = await server.inject(`${BFF_PATH}version`);
    expect(response.json()).toEqual({ connected: false });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('asks the cluster as the caller and returns its version', async () => {
    let seenAuthorization: string | undefined;
    const { server, url } = await listen((req, res) => {
      seenAuthorization = req.headers.authorization;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({ major: '1', minor: '33', gitVersion: 'v1.33.2', platform: 'linux/amd64' }),
      );
    });
    servers.push(server);
    const bff = await build({ upstreamURL: url });
    const response = await bff.inject({
      url: `${BFF_PATH}version`,
      headers: { authorization: 'Bearer user-token' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      connected: true,
      server: url.origin,
      version: { major: '1', minor: '33', gitVersion: 'v1.33.2', platform: 'linux/amd64' },
    });
    expect(seenAuthorization).toBe('Bearer user-token');
  });

  it("passes the cluster's own Status through when it refuses the caller", async () => {
    const { server, url } = await listen((_req, res) => {
      res.statusCode = 401;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        }),
      );
    });
    servers.push(server);
    const response = await (await build({ upstreamURL: url })).inject(`${BFF_PATH}version`);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('wraps an answer that is not JSON in a Status', async () => {
    const { server, url } = await listen((_req, res) => res.end('<html>proxy login</html>'));
    servers.push(server);
    const response = await (await build({ upstreamURL: url })).inject(`${BFF_PATH}version`);
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({
      kind: 'Status',
      message: expect.stringMatching(/not JSON/),
    });
  });

  it('answers 503 with the reason when the cluster cannot be reached', async () => {
    const { server, url } = await listen(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const response = await (await build({ upstreamURL: url })).inject(`${BFF_PATH}version`);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      message: expect.stringMatching(/Cannot reach the cluster at .*ECONNREFUSED/),
    });
  });
});

describe('projects route', () => {
  it('lists nothing when no cluster is connected', async () => {
    expect((await (await build()).inject(`${BFF_PATH}projects`)).json()).toEqual({ items: [] });
  });

  it('lists OpenShift projects as the caller, sorted', async () => {
    const seen: string[] = [];
    const { server, url } = await listen((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization}`);
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          items: [{ metadata: { name: 'zeta' } }, { metadata: { name: 'alpha' } }],
        }),
      );
    });
    servers.push(server);
    const response = await (
      await build({ upstreamURL: url })
    ).inject({
      url: `${BFF_PATH}projects`,
      headers: { authorization: 'Bearer dev' },
    });
    expect(response.json()).toEqual({ items: ['alpha', 'zeta'] });
    expect(seen).toEqual(['/apis/project.openshift.io/v1/projects Bearer dev']);
  });

  it('falls back to namespaces on a cluster without the projects API', async () => {
    const { server, url } = await listen((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/apis/project.openshift.io')) {
        res.statusCode = 404;
        res.end(
          JSON.stringify({
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            message: 'the server could not find the requested resource',
            reason: 'NotFound',
            code: 404,
          }),
        );
        return;
      }
      res.end(JSON.stringify({ items: [{ metadata: { name: 'default' } }] }));
    });
    servers.push(server);
    const response = await (await build({ upstreamURL: url })).inject(`${BFF_PATH}projects`);
    expect(response.json()).toEqual({ items: ['default'] });
  });
});

describe('static assets', () => {
  it('serves the plugin manifest uncached and hashed chunks immutable', async () => {
    const server = await build();
    const manifest = await server.inject(`${PLUGIN_ASSETS_PATH}plugin-manifest.json`);
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    const chunk = await server.inject(`${PLUGIN_ASSETS_PATH}main-chunk-0123456789abcdef.min.js`);
    expect(chunk.headers['cache-control']).toContain('immutable');
    expect(chunk.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the locales beside the plugin', async () => {
    const server = await build();
    const ko = await server.inject(
      `${PLUGIN_ASSETS_PATH}locales/ko/plugin__virtualization-plugin.json`,
    );
    expect(ko.json()).toEqual({ Overview: '개요' });
  });

  it('answers any page path with the shell, and missing files with 404', async () => {
    const server = await build();
    for (const page of ['/', '/k8s/all-namespaces/virtualization-overview']) {
      const response = await server.inject(page);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<title>shell</title>');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
    expect((await server.inject('/missing.js')).statusCode).toBe(404);
    expect((await server.inject(`${PLUGIN_ASSETS_PATH}nope.js`)).statusCode).toBe(404);
    expect((await server.inject('/api/other')).statusCode).toBe(404);
  });
});
