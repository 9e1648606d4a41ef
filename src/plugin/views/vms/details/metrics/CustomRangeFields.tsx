import {
  Button,
  FormHelperText,
  HelperText,
  HelperTextItem,
  TextInput,
  ToolbarItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { customRange, queryWindow, type TimeRange } from '../../../../api/prometheus/timeRange';
import { usePluginTranslation } from '../../../../i18n';
import { fromLocalInput, toLocalInput } from './metricsRange';
import { customRangeError } from './rangeLabels';

/** Start and end of a custom range as local date-times; applied once they make sense. */
export const CustomRangeFields = ({
  range,
  onApply,
}: {
  /** The range shown: the fields start from its window. */
  range: TimeRange;
  onApply: (range: TimeRange) => void;
}) => {
  const { t } = usePluginTranslation();
  const [initial] = useState(() => queryWindow(range, Math.floor(Date.now() / 1000)));
  const [start, setStart] = useState(() => toLocalInput(initial.start));
  const [end, setEnd] = useState(() => toLocalInput(initial.end));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = () => {
    const checked = customRange(
      fromLocalInput(start),
      fromLocalInput(end),
      Math.floor(Date.now() / 1000),
    );
    if (typeof checked === 'string') setProblem(customRangeError(checked, t));
    else {
      setProblem(null);
      onApply(checked);
    }
  };
  const validated = problem ? 'error' : 'default';
  return (
    <>
      <ToolbarItem>
        <TextInput
          type="datetime-local"
          aria-label={t('Start')}
          value={start}
          validated={validated}
          onChange={(_, value) => setStart(value)}
        />
      </ToolbarItem>
      <ToolbarItem>
        <TextInput
          type="datetime-local"
          aria-label={t('End')}
          value={end}
          validated={validated}
          onChange={(_, value) => setEnd(value)}
        />
      </ToolbarItem>
      <ToolbarItem>
        <Button variant="secondary" onClick={apply}>
          {t('Apply')}
        </Button>
      </ToolbarItem>
      {problem && (
        <ToolbarItem>
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant="error">{problem}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        </ToolbarItem>
      )}
    </>
  );
};
