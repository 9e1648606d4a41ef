import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  MenuToggle,
  Select,
  SelectList,
  SelectOption,
  type MenuToggleElement,
} from '@patternfly/react-core';
import { useState, type MouseEvent, type Ref } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import {
  OTHER_SERIES,
  seriesSymbol,
  sizeText,
  type InstanceTypeSeries,
  type InstanceTypeSize,
} from './instanceTypeSeries';

export interface SeriesCardProps {
  series: InstanceTypeSeries;
  /** The size the card offers now: the selected one, or the last one picked in its menu. */
  current: InstanceTypeSize;
  isSelected: boolean;
  onSelect(size: InstanceTypeSize): void;
}

/** Clicks on the card's own controls (radio, size menu) are theirs, not the card's. */
const isControlClick = (event: MouseEvent<HTMLElement>): boolean => {
  const target = event.target as Element;
  return (
    !event.currentTarget.contains(target) ||
    !!target.closest('button, input, label, a, [role="listbox"], [role="option"]')
  );
};

/**
 * One series (U, O, CX, GN, M, N, or Other): what it is for, and a size menu. The card is a radio
 * of the series group; clicking it, or picking a size, selects the size it shows.
 */
export const SeriesCard = ({ series, current, isSelected, onSelect }: SeriesCardProps) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  const id = `virtualization-plugin-series-${series.key}`;
  const other = series.key === OTHER_SERIES;
  const title = other ? t('Other') : t('{{series}} series', { series: seriesSymbol(series.key) });
  const name = series.info ? series.info.name(t) : t('Cluster InstanceTypes');
  const description = series.info
    ? series.info.description(t)
    : (current.description ?? t('Outside the common series'));

  return (
    <Card
      id={id}
      isSelectable
      isClickable
      isSelected={isSelected}
      isFullHeight
      isCompact
      onClick={(event) => {
        if (!isControlClick(event)) onSelect(current);
      }}
    >
      <CardHeader
        selectableActions={{
          selectableActionId: `${id}-radio`,
          selectableActionAriaLabelledby: `${id}-title ${id}-name`,
          name: 'virtualization-plugin-instancetype-series',
          variant: 'single',
          isChecked: isSelected,
          onChange: () => onSelect(current),
          hasNoOffset: true,
        }}
      >
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
      </CardHeader>
      <CardBody>
        <Content>
          <Content component="p" id={`${id}-name`}>
            <strong>{name}</strong>
          </Content>
          <Content component="small">
            {series.info
              ? t('{{description}}; vCPU to memory {{ratio}}', {
                  description,
                  ratio: series.info.ratio,
                })
              : description}
          </Content>
        </Content>
        <Select
          isOpen={open}
          selected={current.name}
          onOpenChange={setOpen}
          onSelect={(_, value) => {
            setOpen(false);
            const size = series.sizes.find((item) => item.name === value);
            if (size) onSelect(size);
          }}
          toggle={(ref: Ref<MenuToggleElement>) => (
            <MenuToggle
              ref={ref}
              isFullWidth
              isExpanded={open}
              aria-label={t('Size of {{series}}: {{size}}', {
                series: title,
                size: `${current.size}, ${sizeText(t, current.cpu, current.memory)}`,
              })}
              onClick={() => setOpen(!open)}
            >
              {t('{{size}}: {{resources}}', {
                size: current.size,
                resources: sizeText(t, current.cpu, current.memory),
              })}
            </MenuToggle>
          )}
        >
          <SelectList aria-label={t('Sizes of {{series}}', { series: title })}>
            {series.sizes.map((size) => (
              <SelectOption
                key={size.name}
                value={size.name}
                description={sizeText(t, size.cpu, size.memory)}
              >
                {size.size}
              </SelectOption>
            ))}
          </SelectList>
        </Select>
      </CardBody>
    </Card>
  );
};
