import { DescriptionList } from '@patternfly/react-core';
import type { ConfigSubTabProps } from '../subTabs';
import { BootOrderRow } from './bootOrder/BootOrderRow';
import { refOf } from './instancetypes';
import { BootModeRow } from './rows/BootModeRow';
import { CpuMemoryRow } from './rows/CpuMemoryRow';
import { DescriptionRow } from './rows/DescriptionRow';
import { HostnameRow } from './rows/HostnameRow';
import { InstancetypeRow, PreferenceRow } from './rows/InstancetypeRow';
import { RunStrategyRow } from './rows/RunStrategyRow';
import { SwitchRow } from './rows/SwitchRow';
import { DELETE_PROTECTION, GUEST_LOG, HEADLESS, START_PAUSED } from './switchSettings';

/**
 * The VM's general settings, one row each: the pencil opens a small form; the switches apply at
 * once. Restart-bound rows say so while the running instance still has the old value.
 */
export const DetailsSubTab = ({ editor }: ConfigSubTabProps) => {
  const sizedByInstancetype = !!refOf(editor.vm, 'instancetype');
  return (
    <DescriptionList columnModifier={{ default: '1Col', lg: '2Col' }}>
      <DescriptionRow editor={editor} />
      <HostnameRow editor={editor} />
      {sizedByInstancetype ? <InstancetypeRow editor={editor} /> : <CpuMemoryRow editor={editor} />}
      {!sizedByInstancetype && refOf(editor.vm, 'preference') && <PreferenceRow editor={editor} />}
      <BootModeRow editor={editor} />
      <BootOrderRow editor={editor} />
      <SwitchRow editor={editor} setting={START_PAUSED} />
      <SwitchRow editor={editor} setting={HEADLESS} />
      <RunStrategyRow editor={editor} />
      <SwitchRow editor={editor} setting={GUEST_LOG} />
      <SwitchRow editor={editor} setting={DELETE_PROTECTION} />
    </DescriptionList>
  );
};
