import { appendFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HandlerResult, RequestContext, SpecialResource } from '../api/apiServer';
import { ApiError, badRequest } from '../api/errors';
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';

/** Where a pod's container output is kept: `DATA/pod-logs/NS/POD.log`. */
export const podLogPath = (dataDir: string, namespace: string, pod: string) =>
  path.join(dataDir, 'pod-logs', namespace, `${pod}.log`);

const pad = (n: number) => String(n).padStart(2, '0');

/** Go's `log` prefix (`2006/01/02 15:04:05`), which the checkups print before every line. */
const goLogTime = (date: Date) =>
  `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())} ` +
  `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;

/** A container's output: lines appended as the program prints them. */
export class PodLog {
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    appendFileSync(file, '');
  }

  /** One `log.Print` line. */
  print(message: string) {
    const lines = message.split('\n').map((line) => `${goLogTime(new Date())} ${line}\n`);
    appendFileSync(this.file, lines.join(''));
  }
}

type PodSpec = { containers?: { name: string }[] };

/**
 * `GET …/pods/NAME/log` (what `kubectl logs` reads): the pod's kept output as text/plain, with
 * `container`, `tailLines` and `limitBytes`. Every other pods request falls through to the
 * generic handling; the API has already authorized `get pods/log`.
 */
export const podLogHandler = (
  store: ObjectStore,
  dataDir: string,
  /** Containers whose log comes from elsewhere than the pod's file, by container name. */
  containerLogs: Record<string, (pod: KubeObject) => string | undefined> = {},
): SpecialResource => ({
  async handle(context: RequestContext): Promise<HandlerResult | undefined> {
    const { info, query } = context;
    if (info.subresource !== 'log' || !info.name) return undefined;
    if (info.verb !== 'get')
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    const namespace = info.namespace ?? '';
    const pod = store.get('core/pods', namespace, info.name);
    if (!pod)
      throw new ApiError(404, 'NotFound', `pods "${info.name}" not found`, {
        name: info.name,
        kind: 'pods',
      });
    const containers = ((pod.spec as PodSpec | undefined)?.containers ?? []).map((c) => c.name);
    const container = query.get('container');
    if (container && !containers.includes(container))
      throw badRequest(`container ${container} is not valid for pod ${info.name}`);
    if (!container && containers.length > 1)
      throw badRequest(
        `a container name must be specified for pod ${info.name}, choose one of: [${containers.join(' ')}]`,
      );
    const fromElsewhere = container ? containerLogs[container] : undefined;
    let text = fromElsewhere
      ? (fromElsewhere(pod) ?? '')
      : await readFile(podLogPath(dataDir, namespace, info.name), 'utf8').catch(() => '');
    const tail = query.get('tailLines');
    if (tail !== null && Number(tail) >= 0) {
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const kept = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
      text = kept.length ? `${kept.join('\n')}\n` : '';
    }
    let data = Buffer.from(text, 'utf8');
    const limit = query.get('limitBytes');
    if (limit !== null && Number(limit) > 0) data = data.subarray(0, Number(limit));
    return { status: 200, body: undefined, raw: { contentType: 'text/plain', data } };
  },
});
