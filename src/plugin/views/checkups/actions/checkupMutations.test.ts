// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { errorMessage } from '../../../api/bff';
import { fakeBFF, type FakeAnswer, type FakeCall } from '../../../api/testKit';
import { LATENCY_CHECKUP, STORAGE_CHECKUP } from '../checkupKinds';
import { latencyConfigMap } from '../model/checkupObjects';
import type { ConfigMap, Job } from '../model/types';
import { deleteCheckup, rerunCheckup, runCheckup } from './checkupMutations';

const CMS = 'k8s/api/v1/namespaces/dev/configmaps';
const JOBS = 'k8s/apis/batch/v1/namespaces/dev/jobs';

const status = (code: number, message: string): FakeAnswer => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, message },
});

let answer: (call: FakeCall) => FakeAnswer | undefined;
let bff: ReturnType<typeof fakeBFF>;
const calls = () => bff.calls.map((c) => `${c.method} ${c.path}`);

beforeEach(() => {
  bff = fakeBFF((call) => answer(call));
  vi.stubGlobal('fetch', bff.fetch);
});

const input = latencyConfigMap({ namespace: 'dev', name: 'lat-1', nadName: 'blue' });
const created = (object: unknown, extra: object) => ({
  body: { ...(object as object), metadata: { ...(object as ConfigMap).metadata, ...extra } },
});

describe('runCheckup', () => {
  it('creates the ConfigMap, then a Job owned by it', async () => {
    answer = (call) =>
      call.method === 'POST' && call.path === CMS
        ? created(call.body, { uid: 'cm-uid', resourceVersion: '1' })
        : call.method === 'POST' && call.path === JOBS
          ? created(call.body, { name: 'lat-1-x7k2p' })
          : undefined;
    const { job } = await runCheckup(LATENCY_CHECKUP, input);
    expect(calls()).toEqual([`POST ${CMS}`, `POST ${JOBS}`]);
    expect(bff.calls[0]?.body).toEqual({ ...input });
    expect(bff.calls[1]?.body).toMatchObject({
      metadata: {
        generateName: 'lat-1-',
        ownerReferences: [{ kind: 'ConfigMap', name: 'lat-1', uid: 'cm-uid' }],
      },
      spec: { backoffLimit: 0 },
    });
    expect(job.metadata?.name).toBe('lat-1-x7k2p');
  });

  it("stops at a refused ConfigMap with the server's message (name taken)", async () => {
    answer = () => status(409, 'configmaps "lat-1" already exists');
    const error = await runCheckup(LATENCY_CHECKUP, input).catch((e: unknown) => e);
    expect(errorMessage(error)).toBe('configmaps "lat-1" already exists');
    expect(calls()).toEqual([`POST ${CMS}`]);
  });

  it('removes the ConfigMap it created when the Job is refused, and reports the Job error', async () => {
    answer = (call) =>
      call.method === 'POST' && call.path === CMS
        ? created(call.body, { uid: 'cm-uid' })
        : call.method === 'POST'
          ? status(403, 'jobs.batch is forbidden: User "developer" cannot create resource "jobs"')
          : { body: {} };
    const error = await runCheckup(LATENCY_CHECKUP, input).catch((e: unknown) => e);
    expect(errorMessage(error)).toBe(
      'jobs.batch is forbidden: User "developer" cannot create resource "jobs"',
    );
    expect(calls()).toEqual([`POST ${CMS}`, `POST ${JOBS}`, `DELETE ${CMS}/lat-1`]);
  });
});

const existing: ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'st-1', namespace: 'dev', uid: 'cm-uid', resourceVersion: '7' },
  data: {
    'spec.timeout': '10m',
    'status.succeeded': 'false',
    'status.failureReason': 'no default storage class',
    'status.startTimestamp': 'a',
    'status.completionTimestamp': 'b',
    'status.result.cnvVersion': '4.16.2',
  },
};
const jobs: Job[] = [
  { metadata: { name: 'st-1-bbbbb', namespace: 'dev' } },
  { metadata: { name: 'st-1-aaaaa', namespace: 'dev' } },
];

describe('rerunCheckup', () => {
  it('deletes the old Jobs in the background, clears status.*, and starts a new Job', async () => {
    answer = (call) => {
      if (call.method === 'GET') return { body: existing };
      if (call.method === 'PUT') return { body: call.body };
      if (call.method === 'POST') return created(call.body, { name: 'st-1-ccccc' });
      if (call.path.endsWith('st-1-aaaaa')) return status(404, 'jobs.batch "st-1-aaaaa" not found');
      return { body: {} };
    };
    await rerunCheckup(STORAGE_CHECKUP, existing, jobs);
    expect(calls()).toEqual([
      `DELETE ${JOBS}/st-1-bbbbb`,
      `DELETE ${JOBS}/st-1-aaaaa`,
      `GET ${CMS}/st-1`,
      `PUT ${CMS}/st-1`,
      `POST ${JOBS}`,
    ]);
    expect(bff.calls[0]?.body).toEqual({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Background',
    });
    expect(bff.calls[3]?.body).toEqual({
      ...existing,
      data: { 'spec.timeout': '10m' },
    });
    expect(bff.calls[4]?.body).toMatchObject({
      metadata: { generateName: 'st-1-', labels: { 'kiagnose/checkup-type': 'kubevirt-storage' } },
    });
  });

  it('reads again and retries when the ConfigMap changed under it', async () => {
    let puts = 0;
    answer = (call) => {
      if (call.method === 'GET') return { body: existing };
      if (call.method === 'PUT')
        return ++puts === 1 ? status(409, 'the object has been modified') : { body: call.body };
      return created(call.body, {});
    };
    await rerunCheckup(STORAGE_CHECKUP, existing, []);
    expect(calls()).toEqual([
      `GET ${CMS}/st-1`,
      `PUT ${CMS}/st-1`,
      `GET ${CMS}/st-1`,
      `PUT ${CMS}/st-1`,
      `POST ${JOBS}`,
    ]);
  });
});

describe('deleteCheckup', () => {
  it('deletes the Jobs with their pods, then the ConfigMap', async () => {
    answer = () => ({ body: {} });
    await deleteCheckup(existing, jobs);
    expect(calls()).toEqual([
      `DELETE ${JOBS}/st-1-bbbbb`,
      `DELETE ${JOBS}/st-1-aaaaa`,
      `DELETE ${CMS}/st-1`,
    ]);
  });

  it("stops with the server's message when a delete is refused", async () => {
    answer = (call) =>
      call.path.startsWith(CMS) ? status(403, 'configmaps "st-1" is forbidden') : { body: {} };
    const error = await deleteCheckup(existing, []).catch((e: unknown) => e);
    expect(errorMessage(error)).toBe('configmaps "st-1" is forbidden');
  });
});
