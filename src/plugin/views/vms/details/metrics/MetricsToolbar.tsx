import {
  Button,
  FormSelect,
  FormSelectOption,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { PRESET_SPANS, type TimeRange } from '../../../../api/prometheus/timeRange';
import { usePluginTranslation } from '../../../../i18n';
import { CustomRangeFields } from './CustomRangeFields';
import { REFRESH_CHOICES, rangeChoice } from './metricsRange';
import { PRESET_LABELS, refreshLabel } from './rangeLabels';

/** Time range (presets, or a custom start and end), refresh interval, and Reset zoom. */
export const MetricsToolbar = ({
  range,
  onRange,
  refreshSeconds,
  onRefresh,
  zoomed,
  onResetZoom,
}: {
  range: TimeRange;
  onRange: (range: TimeRange) => void;
  refreshSeconds: number;
  onRefresh: (seconds: number) => void;
  zoomed: boolean;
  onResetZoom: () => void;
}) => {
  const { t } = usePluginTranslation();
  // "Custom" chosen in the menu opens the fields before a custom range exists.
  const [editingCustom, setEditingCustom] = useState(false);
  const choice = editingCustom ? 'custom' : rangeChoice(range);
  return (
    <Toolbar>
      <ToolbarContent>
        <ToolbarGroup>
          <ToolbarItem>
            <FormSelect
              aria-label={t('Time range')}
              value={choice}
              onChange={(_, value) => {
                const preset = PRESET_SPANS.find((span) => span.id === value);
                setEditingCustom(!preset);
                if (preset) onRange({ kind: 'last', seconds: preset.seconds });
              }}
            >
              {PRESET_SPANS.map((span) => (
                <FormSelectOption key={span.id} value={span.id} label={PRESET_LABELS[span.id](t)} />
              ))}
              <FormSelectOption value="custom" label={t('Custom')} />
            </FormSelect>
          </ToolbarItem>
          {choice === 'custom' && (
            <CustomRangeFields
              // A zoom or a new URL starts the fields afresh from the range shown.
              key={range.kind === 'custom' ? `${range.start}-${range.end}` : 'last'}
              range={range}
              onApply={(next) => {
                setEditingCustom(false);
                onRange(next);
              }}
            />
          )}
        </ToolbarGroup>
        <ToolbarGroup>
          <ToolbarItem>
            <FormSelect
              aria-label={t('Refresh interval')}
              value={String(refreshSeconds)}
              onChange={(_, value) => onRefresh(Number(value))}
              isDisabled={range.kind === 'custom'}
            >
              {REFRESH_CHOICES.map((seconds) => (
                <FormSelectOption
                  key={seconds}
                  value={String(seconds)}
                  label={t('Refresh: {{interval}}', { interval: refreshLabel(seconds, t) })}
                />
              ))}
            </FormSelect>
          </ToolbarItem>
          {zoomed && (
            <ToolbarItem>
              <Button variant="secondary" onClick={onResetZoom}>
                {t('Reset zoom')}
              </Button>
            </ToolbarItem>
          )}
        </ToolbarGroup>
      </ToolbarContent>
    </Toolbar>
  );
};
