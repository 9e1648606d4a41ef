import { Grid, GridItem } from '@patternfly/react-core';
import { ClusterStatusCard } from '../ClusterStatusCard';
import type { OverviewScope } from '../useOverviewScope';
import { HealthCard } from './HealthCard';
import { InventoryCard } from './InventoryCard';
import { RunningVmsCard } from './RunningVmsCard';
import { VirtualizationAlertsCard } from './VirtualizationAlertsCard';

/** The Overview tab: health, alerts, inventory, running VMs, the cluster. */
export const OverviewTab = ({ scope }: { scope: OverviewScope }) => (
  <Grid hasGutter>
    <GridItem lg={6}>
      <HealthCard />
    </GridItem>
    <GridItem lg={6}>
      <VirtualizationAlertsCard scope={scope} />
    </GridItem>
    <GridItem lg={6}>
      <InventoryCard scope={scope} />
    </GridItem>
    <GridItem lg={6}>
      <RunningVmsCard namespace={scope.namespace} />
    </GridItem>
    <GridItem lg={6}>
      <ClusterStatusCard />
    </GridItem>
  </Grid>
);
