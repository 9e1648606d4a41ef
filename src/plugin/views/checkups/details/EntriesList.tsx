import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
} from '@patternfly/react-core';
import type { DisplayEntry } from '../model/checkupResults';
import { ResultValue } from './ResultValue';

/**
 * Parameters or results as terms and values. `termWidth` keeps long terms (the storage
 * checkup's "Storage profiles with empty claim property sets") on one or two lines.
 */
export const EntriesList = ({
  entries,
  label,
  termWidth = '14rem',
}: {
  entries: DisplayEntry[];
  label: string;
  termWidth?: string;
}) => (
  <DescriptionList isHorizontal isCompact termWidth={termWidth} aria-label={label}>
    {entries.map((entry) => (
      <DescriptionListGroup key={entry.key}>
        <DescriptionListTerm>{entry.label}</DescriptionListTerm>
        <DescriptionListDescription>
          <ResultValue value={entry.value} label={entry.label} />
        </DescriptionListDescription>
      </DescriptionListGroup>
    ))}
  </DescriptionList>
);
