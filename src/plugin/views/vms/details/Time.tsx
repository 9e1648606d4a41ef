import { Timestamp, TimestampTooltipVariant } from '@patternfly/react-core';
import { usePluginTranslation } from '../../../i18n';
import { exactTime, relativeTime } from '../list/relativeTime';

/** A Kubernetes timestamp in the reader's locale (the full ISO time in its tooltip), or a dash. */
export const Time = ({ value }: { value?: string | null }) => {
  if (!value) return <>{'—'}</>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  return (
    <Timestamp
      date={date}
      dateFormat="medium"
      timeFormat="short"
      tooltip={{ variant: 'custom', content: date.toISOString() }}
    />
  );
};

/**
 * A compact "5 minutes ago" for table columns, the exact time in its tooltip (reachable by
 * keyboard too), as the VM list's Created column shows it.
 */
export const RelativeTime = ({ value }: { value?: string | null }) => {
  const { i18n } = usePluginTranslation();
  const language = i18n.language || 'en';
  if (!value) return <>{'—'}</>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <>{value}</>;
  return (
    <Timestamp
      date={date}
      locale={language}
      tooltip={{ variant: TimestampTooltipVariant.custom, content: exactTime(value, language) }}
    >
      {relativeTime(value, language)}
    </Timestamp>
  );
};
