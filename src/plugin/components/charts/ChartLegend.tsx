import { Button } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n';
import type { ColoredSeries } from './ChartPlot';
import { Swatch } from './ChartTooltip';

/** The series' names and colours; a click hides or shows one (`aria-pressed`: shown). */
export const ChartLegend = ({
  series,
  hidden,
  onToggle,
}: {
  series: ColoredSeries[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) => {
  const { t } = usePluginTranslation();
  return (
    <div
      role="group"
      aria-label={t('Legend')}
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        columnGap: 'var(--pf-t--global--spacer--md)',
        marginBlockStart: 'var(--pf-t--global--spacer--xs)',
      }}
    >
      {series.map(({ series: s, color }) => {
        const shown = !hidden.has(s.id);
        return (
          <Button
            key={s.id}
            variant="plain"
            size="sm"
            aria-pressed={shown}
            title={
              shown
                ? t('Hide {{series}}', { series: s.label })
                : t('Show {{series}}', { series: s.label })
            }
            onClick={() => onToggle(s.id)}
            style={{
              paddingInline: 0,
              textDecoration: shown ? undefined : 'line-through',
              opacity: shown ? 1 : 0.6,
            }}
          >
            <Swatch color={color} />
            {s.label}
          </Button>
        );
      })}
    </div>
  );
};
