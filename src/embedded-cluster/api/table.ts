import type { KubeObject, PrinterColumn, ResourceType } from '../types';
import { evaluateJSONPath } from './jsonPath';

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

/** `5s`, `3m`, `2h5m`, `4d` — the human durations `kubectl get` shows. */
export const humanDuration = (ms: number): string => {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return `${d}d${h % 24 ? `${h % 24}h` : ''}`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
};

const cell = (object: KubeObject, column: PrinterColumn, now: number): unknown => {
  const values = evaluateJSONPath(object, column.jsonPath);
  if (values.length === 0) return column.type === 'date' ? '<unknown>' : null;
  const value = values.length === 1 ? values[0] : values.map(String).join(',');
  if (column.type === 'date' && typeof value === 'string') {
    const time = Date.parse(value);
    return Number.isNaN(time) ? value : humanDuration(now - time);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
};

const columnsOf = (rt: ResourceType): PrinterColumn[] => {
  const columns = rt.printerColumns ?? [];
  return columns.length ? columns : [AGE];
};

/**
 * The `Table` (meta.k8s.io/v1) answer `kubectl get` asks for: Name plus the kind's printer
 * columns (Age alone when it declares none), one row per object.
 */
export const toTable = (
  rt: ResourceType,
  objects: KubeObject[],
  listMeta: Record<string, unknown>,
  includeObject: 'None' | 'Metadata' | 'Object' = 'Metadata',
) => {
  const now = Date.now();
  const columns = columnsOf(rt);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: [
      {
        name: 'Name',
        type: 'string',
        format: 'name',
        description: 'Name must be unique within a namespace.',
        priority: 0,
      },
      ...columns.map((c) => ({
        name: c.name,
        type: c.type === 'date' ? 'string' : c.type,
        format: c.format ?? '',
        description: c.description ?? '',
        priority: c.priority ?? 0,
      })),
    ],
    rows: objects.map((object) => ({
      cells: [object.metadata.name, ...columns.map((c) => cell(object, c, now))],
      object:
        includeObject === 'None'
          ? undefined
          : includeObject === 'Object'
            ? object
            : {
                kind: 'PartialObjectMetadata',
                apiVersion: 'meta.k8s.io/v1',
                metadata: object.metadata,
              },
    })),
  };
};

/** Whether the client asked for a Table (kubectl: `application/json;as=Table;v=v1;g=meta.k8s.io`). */
export const wantsTable = (accept: string | undefined): boolean =>
  !!accept &&
  accept.split(',').some((part) => /;\s*as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
