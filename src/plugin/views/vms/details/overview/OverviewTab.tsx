import {
  Card,
  CardBody,
  CardFooter,
  CardTitle,
  Content,
  Grid,
  GridItem,
  Skeleton,
} from '@patternfly/react-core';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { DataVolumeModel, PersistentVolumeClaimModel } from '../../../../api/models';
import type { DataVolume, PersistentVolumeClaim } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { vmTabPath } from '../detailsPaths';
import type { VmTabProps } from '../tabs';
import { AlertsCard } from './AlertsCard';
import { DetailsCard } from './DetailsCard';
import { DisksCard } from './DisksCard';
import { NetworkInterfacesCard } from './NetworkInterfacesCard';
import { ServicesCard } from './ServicesCard';
import { SnapshotsSummaryCard } from './SnapshotsSummaryCard';
import { UtilizationCard } from './UtilizationCard';

// noVNC comes with the preview: loaded only when a running VM's overview shows it.
const VncPreview = lazy(() => import('../../../../components/consoles/vnc/VncPreview'));

/** A small live, view-only VNC picture of a running VM, leading to the Console tab. */
const ConsolePreviewCard = ({
  namespace,
  name,
  running,
}: {
  namespace: string;
  name: string;
  running: boolean;
}) => {
  const { t } = usePluginTranslation();
  return (
    <Card className="virtualization-plugin__vm-console-preview">
      <CardTitle component="h2">{t('Console')}</CardTitle>
      <CardBody>
        {running ? (
          <Suspense
            fallback={<Skeleton height="10rem" screenreaderText={t('Loading the console')} />}
          >
            <VncPreview namespace={namespace} name={name} />
          </Suspense>
        ) : (
          <Content component="p">{t('The console is available while the VM is running.')}</Content>
        )}
      </CardBody>
      <CardFooter>
        <Link to={vmTabPath(namespace, name, 'console')}>{t('Open the console')}</Link>
      </CardFooter>
    </Card>
  );
};

/** The VM at a glance: details, alerts, utilization, NICs, disks, snapshots and services. */
export const OverviewTab = ({ namespace, name, vm, vmi, pod, migration }: VmTabProps) => {
  const claims = useK8sWatchList<PersistentVolumeClaim>(PersistentVolumeClaimModel, { namespace });
  const dataVolumes = useK8sWatchList<DataVolume>(DataVolumeModel, { namespace });
  const running = vmi?.status?.phase === 'Running';
  return (
    <Grid hasGutter>
      <GridItem lg={8}>
        <DetailsCard vm={vm} vmi={vmi} pod={pod} migration={migration} />
      </GridItem>
      <GridItem lg={4}>
        <Grid hasGutter>
          <GridItem>
            <AlertsCard namespace={namespace} name={name} />
          </GridItem>
          <GridItem>
            <ConsolePreviewCard namespace={namespace} name={name} running={running} />
          </GridItem>
        </Grid>
      </GridItem>
      <GridItem lg={6}>
        <UtilizationCard namespace={namespace} name={name} vm={vm} running={running} />
      </GridItem>
      <GridItem lg={3}>
        <SnapshotsSummaryCard namespace={namespace} name={name} />
      </GridItem>
      <GridItem lg={3}>
        <ServicesCard namespace={namespace} vm={vm} />
      </GridItem>
      {/* Side by side only where each half is wide enough for the tables to fit unscrolled. */}
      <GridItem lg={12} xl2={6}>
        <NetworkInterfacesCard vm={vm} vmi={vmi} />
      </GridItem>
      <GridItem lg={12} xl2={6}>
        <DisksCard vm={vm} claims={claims.data} dataVolumes={dataVolumes.data} />
      </GridItem>
    </Grid>
  );
};
