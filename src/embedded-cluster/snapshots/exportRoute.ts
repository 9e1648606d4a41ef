// virt-exportproxy: serves a ready VirtualMachineExport's volumes (raw, gzip) and manifests to
// whoever presents its token, in the `x-kubevirt-export-token` header or query parameter.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { stringify } from 'yaml';
import type { ClusterContext, HttpRoute } from '../modules/clusterModule';
import type { KubeObject } from '../types';
import { externalBase, tokenSecretNameOf, type ExportController } from './exportController';
import { SECRETS, VM_EXPORTS } from './objects';
import { vmSpec, volumesOf, claimNameOf } from './vmVolumes';

const TOKEN = 'x-kubevirt-export-token';
const PATH =
  /^\/api\/export\.kubevirt\.io\/[^/]+\/namespaces\/([^/]+)\/virtualmachineexports\/([^/]+)\/(.+)$/;

const send = (res: ServerResponse, code: number, message: string): void => {
  res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
};

const sameToken = (expected: string, given: string) => {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const exportRoute = (context: ClusterContext, exports: ExportController): HttpRoute => {
  const tokenOf = (vmExport: KubeObject) => {
    const secret = context.store.get(
      SECRETS,
      vmExport.metadata.namespace,
      tokenSecretNameOf(vmExport),
    );
    const data = (secret?.data ?? {}) as Record<string, string>;
    return data.token ? Buffer.from(data.token, 'base64').toString() : undefined;
  };

  /** VM, DataVolumes importing from this export, and the CA ConfigMap, as virt-exportserver. */
  const manifests = (vmExport: KubeObject, linkType: string): KubeObject[] => {
    const source = exports.source(vmExport);
    const vm = source.virtualMachine;
    if (!vm) return [];
    const base =
      linkType === 'internal'
        ? `https://virt-export-${vmExport.metadata.name}.${vmExport.metadata.namespace}.svc`
        : externalBase(context.urls().https, vmExport);
    const caName = `export-ca-cm-${vmExport.metadata.name ?? ''}`;
    const headerSecret = `header-secret-${vmExport.metadata.name ?? ''}`;
    const http = (claim: string) => ({
      http: {
        url: `${base}/volumes/${claim}/disk.img.gz`,
        certConfigMap: caName,
        secretExtraHeaders: [headerSecret],
      },
    });
    const spec = structuredClone(vmSpec(vm));
    for (const template of spec.dataVolumeTemplates ?? []) {
      const templateSpec = (template.spec ?? {}) as Record<string, unknown>;
      delete templateSpec.sourceRef;
      templateSpec.source = http(template.metadata.name ?? '');
      template.spec = templateSpec;
    }
    const templated = new Set((spec.dataVolumeTemplates ?? []).map((t) => t.metadata.name));
    const dataVolumes = volumesOf(vm)
      .map(claimNameOf)
      .filter((claim): claim is string => !!claim && !templated.has(claim))
      .map((claim) => ({
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: { name: claim, namespace: vm.metadata.namespace },
        spec: { source: http(claim), storage: {} },
      }));
    const ca: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: caName },
      data: {
        'ca.pem': String(
          (vmExport.status as { links?: { external?: { cert?: string } } })?.links?.external
            ?.cert ?? '',
        ),
      },
    };
    return [
      ...(linkType === 'external' ? [ca] : []),
      {
        apiVersion: vm.apiVersion,
        kind: 'VirtualMachine',
        metadata: {
          name: vm.metadata.name,
          namespace: vm.metadata.namespace,
          labels: vm.metadata.labels,
          annotations: vm.metadata.annotations,
        },
        spec,
      },
      ...dataVolumes,
    ];
  };

  const serveVolume = async (res: ServerResponse, file: string, gzip: boolean, head: boolean) => {
    const { size } = await stat(file);
    res.writeHead(200, {
      'content-type': gzip ? 'application/gzip' : 'application/octet-stream',
      ...(gzip ? {} : { 'content-length': String(size) }),
    });
    if (head) {
      res.end();
      return;
    }
    const input = createReadStream(file);
    await (gzip ? pipeline(input, createGzip(), res) : pipeline(input, res));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    const match = PATH.exec(url.pathname);
    if (!match) return send(res, 404, 'not found');
    const [, namespace = '', name = '', rest = ''] = match;
    const vmExport = context.store.get(VM_EXPORTS, namespace, name);
    if (!vmExport) return send(res, 404, `virtualmachineexport ${namespace}/${name} not found`);
    const expected = tokenOf(vmExport);
    const header = req.headers[TOKEN];
    const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get(TOKEN) ?? '';
    if (!expected || !given || !sameToken(expected, given)) return send(res, 401, 'Unauthorized');
    if ((vmExport.status as { phase?: string } | undefined)?.phase !== 'Ready')
      return send(res, 404, `virtualmachineexport ${namespace}/${name} is not ready`);

    const volume = /^volumes\/([^/]+)\/(disk\.img|disk\.img\.gz)$/.exec(rest);
    if (volume) {
      const exported = exports.source(vmExport).volumes.find((v) => v.name === volume[1]);
      if (!exported?.file) return send(res, 404, `volume ${volume[1]} not found`);
      return serveVolume(res, exported.file, volume[2] === 'disk.img.gz', req.method === 'HEAD');
    }
    const manifest = /^(internal|external)\/manifests\/(all|secret)$/.exec(rest);
    if (!manifest) return send(res, 404, 'not found');
    const objects: KubeObject[] =
      manifest[2] === 'secret'
        ? [
            {
              apiVersion: 'v1',
              kind: 'Secret',
              metadata: { name: `header-secret-${name}` },
              type: 'Opaque',
              stringData: { token: `${TOKEN}:${expected}` },
            },
          ]
        : manifests(vmExport, manifest[1] ?? 'external');
    const json = (req.headers.accept ?? '').includes('application/json');
    res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/yaml' });
    res.end(
      json
        ? JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects })
        : objects.map((o) => stringify(o)).join('---\n'),
    );
  };

  return { prefix: '/api/export.kubevirt.io/', handle };
};
