import { Content, Grid, GridItem, Stack, StackItem, Title } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import type { ChartContext } from './chartContext';
import { MetricChartCard } from './MetricChartCard';
import type { MetricsSection } from './metricsSections';

/** A heading with its explanation and tools, and the charts two by two. */
export const SectionFrame = ({
  id,
  title,
  description,
  tools,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  tools?: ReactNode;
  children: ReactNode;
}) => (
  <section aria-labelledby={`vm-metrics-${id}`}>
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h2" id={`vm-metrics-${id}`}>
          {title}
        </Title>
        {description && <Content component="p">{description}</Content>}
      </StackItem>
      {tools && <StackItem>{tools}</StackItem>}
      <StackItem>
        <Grid hasGutter>{children}</Grid>
      </StackItem>
    </Stack>
  </section>
);

/** A section whose charts all ask about the whole VM. */
export const MetricsSectionView = ({
  section,
  selector,
  context,
}: {
  section: MetricsSection;
  selector: string;
  context: ChartContext;
}) => {
  const { t } = usePluginTranslation();
  return (
    <SectionFrame id={section.id} title={section.title(t)} description={section.description?.(t)}>
      {section.charts.map((chart) => (
        <GridItem key={chart.id} lg={6}>
          <MetricChartCard chart={chart} selector={selector} context={context} />
        </GridItem>
      ))}
    </SectionFrame>
  );
};
