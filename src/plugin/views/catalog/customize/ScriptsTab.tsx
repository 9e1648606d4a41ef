import { Stack, StackItem } from '@patternfly/react-core';
import { InitialRunSubTab } from '../../vms/details/configuration/initialRun/InitialRunSubTab';
import { SshSubTab } from '../../vms/details/configuration/ssh/SshSubTab';
import type { CustomizeTabProps } from './customizeTabs';

/** Scripts: cloud-init and sysprep (Initial run), then the authorized SSH key. */
export const ScriptsTab = ({ editor }: CustomizeTabProps) => (
  <Stack hasGutter>
    <StackItem>
      <InitialRunSubTab editor={editor} />
    </StackItem>
    <StackItem>
      <SshSubTab editor={editor} />
    </StackItem>
  </Stack>
);
