// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  checkupConfigMap,
  checkupJob,
  CMS,
  installAll,
  JOBS,
  latencyData,
  PODS,
  renderAt,
  setUpFakeCluster,
} from '../testSupport';
import CheckupDetailsPage from './CheckupDetailsPage';

vi.setConfig({ testTimeout: 30_000 });

const cluster = setUpFakeCluster();

const pod = (job: string, uid: string) => ({
  metadata: {
    name: `${job}-pod`,
    labels: { 'batch.kubernetes.io/controller-uid': uid, 'job-name': job },
  },
});

const addLatencyRun = (data: Record<string, string>, jobStatus: object) => {
  cluster.current.add(CMS, checkupConfigMap('lat-1', 'kubevirt-vm-latency', data));
  cluster.current.add(JOBS, checkupJob('lat-1', 'aaaaa', 'kubevirt-vm-latency', jobStatus));
  cluster.current.add(PODS, pod('lat-1-aaaaa', 'job-lat-1-aaaaa'));
};

const definition = (name: string) => {
  const term = screen.getAllByText(name).find((el) => el.closest('dt'));
  return term?.closest('div')?.querySelector('dd');
};

describe('CheckupDetailsPage', () => {
  it('shows a succeeded latency checkup: parameters, results in ms, and the log with a download', async () => {
    addLatencyRun(
      {
        ...latencyData,
        'spec.param.sampleDurationSeconds': '5',
        'status.succeeded': 'true',
        'status.failureReason': '',
        'status.startTimestamp': '2026-01-01T10:00:00Z',
        'status.completionTimestamp': '2026-01-01T10:00:40Z',
        'status.result.avgLatencyNanoSec': '177000',
        'status.result.maxLatencyNanoSec': '244000',
        'status.result.minLatencyNanoSec': '135000',
        'status.result.measurementDurationSec': '5',
        'status.result.sourceNode': 'node-a',
        'status.result.targetNode': 'node-b',
      },
      { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
    );
    cluster.current.setLog(
      'dev',
      'lat-1-aaaaa-pod',
      '2026/01/01 10:00:01 Starting the kubevirt-vm-latency checkup\n2026/01/01 10:00:40 Kubevirt VM latency checkup completed successfully\n',
    );
    renderAt(<CheckupDetailsPage />, '/k8s/ns/dev/checkups/network/lat-1');
    expect(await screen.findByRole('heading', { level: 1, name: 'lat-1' })).toBeVisible();
    expect(screen.getByText('Succeeded')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Network latency checkups' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/checkups/network',
    );
    const results = screen.getByLabelText('Results');
    expect(within(results).getByText('0.177 ms')).toBeVisible();
    expect(within(results).getByText('0.244 ms')).toBeVisible();
    expect(within(results).getByText('0.135 ms')).toBeVisible();
    expect(within(results).getByText('5 s')).toBeVisible();
    const parameters = screen.getByLabelText('Parameters');
    expect(within(parameters).getByText('blue')).toBeVisible();
    expect(within(parameters).getByText('5 s')).toBeVisible();
    const log = await screen.findByRole('region', { name: 'Log of pod lat-1-aaaaa-pod' });
    expect(log).toHaveTextContent('checkup completed successfully');
    expect(screen.getByRole('button', { name: 'Download' })).toBeEnabled();
    expect(
      cluster.current.calls.some(
        (c) => c.path === 'k8s/api/v1/namespaces/dev/pods/lat-1-aaaaa-pod/log',
      ),
    ).toBe(true);
  });

  it('puts the failure reason in a danger alert', async () => {
    addLatencyRun(
      {
        ...latencyData,
        'spec.param.maxDesiredLatencyMilliseconds': '0',
        'status.succeeded': 'false',
        'status.failureReason': 'run : actual max latency "577µs" is greater than desired "0s"',
        'status.startTimestamp': '2026-01-01T10:00:00Z',
        'status.completionTimestamp': '2026-01-01T10:00:40Z',
        'status.result.maxLatencyNanoSec': '577000',
      },
      {
        failed: 1,
        conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }],
      },
    );
    renderAt(<CheckupDetailsPage />, '/k8s/ns/dev/checkups/network/lat-1');
    const alert = await screen.findByText('The checkup failed');
    expect(alert.closest('.pf-v6-c-alert')).toHaveTextContent(
      'run : actual max latency "577µs" is greater than desired "0s"',
    );
    expect(within(screen.getByLabelText('Parameters')).getByText('0 ms')).toBeVisible();
    expect(within(screen.getByLabelText('Results')).getByText('0.577 ms')).toBeVisible();
  });

  it('presents storage findings as lists, None when empty, and unknown keys by name', async () => {
    cluster.current.add(
      CMS,
      checkupConfigMap('st-1', 'kubevirt-storage', {
        'spec.timeout': '10m',
        'status.succeeded': 'true',
        'status.result.cnvVersion': '4.16.2',
        'status.result.storageWithRWX': 'ocs-storagecluster-ceph-rbd\nnfs-csi',
        'status.result.goldenImagesNoDataSource': '',
        'status.result.vmLiveMigration': 'migration completed',
        'status.result.newFinding': 'something',
      }),
    );
    renderAt(<CheckupDetailsPage />, '/k8s/ns/dev/checkups/storage/st-1');
    const results = await screen.findByLabelText('Results');
    const rwx = within(results).getByRole('list', { name: 'Storage classes with ReadWriteMany' });
    expect(
      within(rwx)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['ocs-storagecluster-ceph-rbd', 'nfs-csi']);
    expect(definition('Golden images without a ready DataSource')).toHaveTextContent('None');
    expect(definition('Live migration')).toHaveTextContent('migration completed');
    expect(definition('New finding')).toHaveTextContent('something');
    expect(screen.getByText('No logs yet.')).toBeVisible();
  });

  it('tells to install permissions when the Job waits for its service account', async () => {
    addLatencyRun(latencyData, {});
    renderAt(<CheckupDetailsPage />, '/k8s/ns/dev/checkups/network/lat-1');
    expect(await screen.findByText('Pending')).toBeVisible();
    expect(
      await screen.findByText(
        /service account vm-latency-checkup-sa does not exist in this project. Install permissions/,
      ),
    ).toBeVisible();
  });

  it('reruns: the old Job goes, status.* is cleared, a new Job starts', async () => {
    installAll(cluster.current, 'network');
    addLatencyRun(
      {
        ...latencyData,
        'status.succeeded': 'true',
        'status.startTimestamp': 'a',
        'status.result.avgLatencyNanoSec': '1',
      },
      { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
    );
    renderAt(<CheckupDetailsPage />, '/k8s/ns/dev/checkups/network/lat-1');
    const rerun = await screen.findByRole('button', { name: 'Rerun' });
    await waitFor(() => expect(rerun).not.toHaveAttribute('aria-disabled', 'true'));
    const writesBefore = cluster.current.writes().length;
    await userEvent.click(rerun);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('lat-1-aaaaa');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Rerun' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(cluster.current.writes().slice(writesBefore)).toEqual([
      `DELETE k8s${JOBS}/lat-1-aaaaa`,
      `PUT k8s${CMS}/lat-1`,
      `POST k8s${JOBS}`,
    ]);
    expect(cluster.current.get(`${CMS}/lat-1`)?.data).toEqual(latencyData);
    expect(await screen.findByText('Results appear when the checkup ends.')).toBeVisible();
  });

  it('refuses Rerun while the checkup runs, saying why', async () => {
    addLatencyRun(latencyData, { active: 1, startTime: '2026-01-01T10:00:00Z' });
    renderAt(<CheckupDetailsPage />, '/k8s/ns/dev/checkups/network/lat-1');
    const rerun = await screen.findByRole('button', { name: 'Rerun' });
    await waitFor(() =>
      expect(rerun).toHaveAccessibleDescription(
        'The checkup is running: rerun it once it has ended.',
      ),
    );
    expect(rerun).toHaveAttribute('aria-disabled', 'true');
  });

  it('deletes after naming what goes, then returns to the tab', async () => {
    addLatencyRun({ ...latencyData, 'status.succeeded': 'true' }, { succeeded: 1 });
    renderAt(<CheckupDetailsPage />, '/k8s/ns/dev/checkups/network/lat-1');
    const remove = await screen.findByRole('button', { name: 'Delete' });
    await waitFor(() => expect(remove).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(remove);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('its ConfigMap lat-1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('/k8s/ns/dev/checkups/network'),
    );
    expect(cluster.current.list(CMS)).toEqual([]);
    expect(cluster.current.list(JOBS)).toEqual([]);
  });

  it('says when there is no such checkup', async () => {
    renderAt(<CheckupDetailsPage />, '/k8s/ns/dev/checkups/storage/nope');
    expect(await screen.findByRole('heading', { name: 'Checkup not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Back to Storage checkups' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/checkups/storage',
    );
  });
});
