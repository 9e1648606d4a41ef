import { Timestamp } from '@patternfly/react-core';

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
