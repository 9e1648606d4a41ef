// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notFoundError } from '../../../api/k8s';
import { HyperConvergedModel } from '../../../api/models';
import type { HyperConverged } from '../../../api/types';
import { overviewBFF, renderAt, watchState } from '../testSupport';
import { HealthCard } from './HealthCard';

vi.mock('../../../api/watch', async () => (await import('../testSupport')).fakeWatch);

const hco = (degraded: 'True' | 'False'): HyperConverged => ({
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  status: {
    conditions: [
      {
        type: 'Available',
        status: 'True',
        reason: 'ReconcileCompleted',
        message: 'Reconcile completed successfully',
      },
      { type: 'Progressing', status: 'False' },
      {
        type: 'Degraded',
        status: degraded,
        message: degraded === 'True' ? 'CDI is degraded' : undefined,
      },
      { type: 'Upgradeable', status: 'True' },
    ],
    versions: [{ name: 'operator', version: '4.16.0' }],
  },
});

beforeEach(() => watchState.reset());

describe('HealthCard', () => {
  it('shows the HyperConverged conditions, their messages and the version', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    watchState.lists.set('HyperConverged', { data: [hco('False')], loaded: true });
    renderAt(<HealthCard />);
    expect(await screen.findByText('Healthy')).toBeVisible();
    expect(screen.getByText(/4\.16\.0/)).toBeVisible();
    expect(screen.getByText('Reconcile completed successfully')).toBeVisible();
    for (const type of ['Available', 'Progressing', 'Degraded', 'ReconcileComplete', 'Upgradeable'])
      expect(screen.getByText(type)).toBeVisible();
    // ReconcileComplete is not reported by this HyperConverged.
    expect(screen.getByText('Not reported')).toBeVisible();
    expect(watchState.asked).toContain('HyperConverged@openshift-cnv');
  });

  it('says degraded, with the condition’s message', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    watchState.lists.set('HyperConverged', { data: [hco('True')], loaded: true });
    renderAt(<HealthCard />);
    expect(await screen.findByText('Degraded', { selector: 'strong' })).toBeVisible();
    expect(screen.getByText('CDI is degraded')).toBeVisible();
  });

  it('tells a user without cluster rights that it needs an administrator, and asks nothing', async () => {
    const bff = overviewBFF({ access: { hyperconvergeds: false } });
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(<HealthCard />);
    expect(
      await screen.findByText(
        'Only an administrator can see the health of the virtualization components.',
      ),
    ).toBeVisible();
    expect(watchState.asked.size).toBe(0);
    const review = bff.calls[0]?.body as { spec: { resourceAttributes: object } };
    expect(review.spec.resourceAttributes).toMatchObject({
      verb: 'list',
      group: 'hco.kubevirt.io',
      resource: 'hyperconvergeds',
      namespace: 'openshift-cnv',
    });
  });

  it('says when OpenShift Virtualization is not installed', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    watchState.lists.set('HyperConverged', {
      data: [],
      loaded: true,
      error: notFoundError(HyperConvergedModel, 'kubevirt-hyperconverged'),
    });
    renderAt(<HealthCard />);
    expect(
      await screen.findByText(
        'OpenShift Virtualization is not installed: there is no HyperConverged kubevirt-hyperconverged in openshift-cnv.',
      ),
    ).toBeVisible();
  });
});
