import { describe, expect, it } from 'vitest';
import { MetricsUnavailable, type VectorSample } from '../../../api/prometheus/client';
import type { VmSummary } from '../../../api/vmIndex';
import { joinAnswers, liveRequests, liveValue, NAMES_BUDGET, type LiveAnswer } from './liveMetrics';

const row = (namespace: string, name: string, status = 'Running'): VmSummary => ({
  namespace,
  name,
  status,
  standalone: false,
  ips: [],
  labels: {},
  conditions: [],
});

const sample = (namespace: string, name: string, value: string): VectorSample => ({
  metric: { namespace, name },
  value: [1700000000, value],
});

const CPU = (selector: string) =>
  `sum by (namespace, name) (rate(kubevirt_vmi_cpu_usage_seconds_total${selector}[5m]))`;

describe('liveRequests', () => {
  const page = [row('dev', 'web'), row('dev', 'db'), row('dev', 'old', 'Stopped')];

  it('asks once for a project page, naming its running VMs and the project', () => {
    expect(liveRequests('cpu', page, { kind: 'project', namespace: 'dev' })).toEqual([
      {
        query: CPU('{namespace="dev",name=~"db|web"}'),
        namespace: 'dev',
        rows: ['dev/db', 'dev/web'],
      },
    ]);
  });

  it('asks nothing when no VM on the page runs', () => {
    expect(liveRequests('cpu', [row('dev', 'old', 'Stopped')], { kind: 'cluster' })).toEqual([]);
  });

  it("asks once across projects for a cluster viewer, with the page's projects", () => {
    const mixed = [row('dev', 'web'), row('prod', 'web'), row('prod', 'api', 'Paused')];
    expect(liveRequests('cpu', mixed, { kind: 'cluster' })).toEqual([
      {
        query: CPU('{namespace=~"dev|prod",name=~"api|web"}'),
        rows: ['dev/web', 'prod/api', 'prod/web'],
      },
    ]);
    expect(liveRequests('cpu', page, { kind: 'cluster' })[0]?.query).toBe(
      CPU('{namespace="dev",name=~"db|web"}'),
    );
  });

  it('asks once per project on the page for a confined user, each naming its project', () => {
    const mixed = [row('dev', 'web'), row('team', 'api'), row('dev', 'db')];
    expect(liveRequests('memory', mixed, { kind: 'confined' })).toEqual([
      {
        query:
          'sum by (namespace, name) (kubevirt_vmi_memory_used_bytes{namespace="dev",name=~"db|web"})',
        namespace: 'dev',
        rows: ['dev/db', 'dev/web'],
      },
      {
        query:
          'sum by (namespace, name) (kubevirt_vmi_memory_used_bytes{namespace="team",name=~"api"})',
        namespace: 'team',
        rows: ['team/api'],
      },
    ]);
  });

  it('names the projects only when the names would not fit in a URL', () => {
    const long = Array.from({ length: 200 }, (_, at) => row('dev', `vm-${'x'.repeat(40)}-${at}`));
    expect(long.map((r) => r.name).join('|').length).toBeGreaterThan(NAMES_BUDGET);
    const [request] = liveRequests('cpu', long, { kind: 'project', namespace: 'dev' });
    expect(request?.query).toBe(CPU('{namespace="dev"}'));
    expect(request?.rows).toHaveLength(200);
  });
});

describe('joinAnswers', () => {
  const requests = [
    { query: 'q1', namespace: 'dev', rows: ['dev/web', 'dev/db'] },
    { query: 'q2', namespace: 'team', rows: ['team/api'] },
    { query: 'q3', namespace: 'ops', rows: ['ops/x'] },
  ];

  it('keeps the samples of the rows asked, and which rows were answered', () => {
    const answer = joinAnswers(requests.slice(0, 1), [
      {
        status: 'fulfilled',
        value: [sample('dev', 'web', '0.25'), sample('dev', 'elsewhere', '9')],
      },
    ]);
    expect(answer).toEqual({
      values: { 'dev/web': 0.25 },
      answered: ['dev/web', 'dev/db'],
      problems: [],
    });
  });

  it('says each reason once, however many questions failed for it', () => {
    const absent = new MetricsUnavailable('absent', 'No Prometheus is configured.');
    const answer = joinAnswers(requests, [
      { status: 'fulfilled', value: [] },
      { status: 'rejected', reason: absent },
      {
        status: 'rejected',
        reason: new MetricsUnavailable('absent', 'No Prometheus is configured.'),
      },
    ]);
    expect(answer.answered).toEqual(['dev/web', 'dev/db']);
    expect(answer.problems).toEqual([
      { reason: 'absent', message: 'No Prometheus is configured.' },
    ]);
  });
});

describe('liveValue', () => {
  const answer: LiveAnswer = {
    values: { 'dev/web': 0.5 },
    answered: ['dev/web', 'dev/new'],
    problems: [],
  };

  it('is a value, "no data yet", off for a VM without a guest, or unavailable', () => {
    expect(liveValue(row('dev', 'web'), answer, false)).toBe(0.5);
    expect(liveValue(row('dev', 'new'), answer, false)).toBe('none');
    expect(liveValue(row('dev', 'web', 'Stopped'), answer, false)).toBe('off');
    expect(liveValue(row('team', 'api'), answer, false)).toBe('unavailable');
  });

  it('is loading before the first answer, and for rows the previous page did not have', () => {
    expect(liveValue(row('dev', 'web'), undefined, false)).toBe('loading');
    expect(liveValue(row('team', 'api'), answer, true)).toBe('loading');
    expect(liveValue(row('dev', 'web'), answer, true)).toBe(0.5);
  });
});
