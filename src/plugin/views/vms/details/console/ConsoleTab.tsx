import {
  Button,
  Stack,
  StackItem,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { ExternalLinkAltIcon } from '@patternfly/react-icons';
import type { MouseEvent } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import type { VmTabProps } from '../tabs';
import { useConsoleChoice } from './consoleChoice';
import { consoleWindowPath, openConsoleWindow } from './consolePaths';
import { ConsoleSwitcher } from './ConsoleSwitcher';
import { ConsoleView } from './ConsoleView';

/** The details page's Console tab: the switcher, a link to the console alone, the console. */
export const ConsoleTab = ({ namespace, name, vm, vmi }: VmTabProps) => {
  const { t } = usePluginTranslation();
  const [kind, choose] = useConsoleChoice(vm);
  const openWindow = (event: MouseEvent) => {
    // A real link (middle click, copy address still work); a plain click opens a new window.
    event.preventDefault();
    openConsoleWindow(namespace, name);
  };
  return (
    <Stack hasGutter className="virtualization-plugin-console-tab">
      <StackItem>
        <Toolbar aria-label={t('Console')}>
          <ToolbarContent>
            <ToolbarItem>
              <ConsoleSwitcher value={kind} onChange={choose} />
            </ToolbarItem>
            <ToolbarItem align={{ default: 'alignEnd' }}>
              <Button
                component="a"
                variant="link"
                href={consoleWindowPath(namespace, name)}
                target="_blank"
                rel="noopener"
                icon={<ExternalLinkAltIcon />}
                iconPosition="end"
                onClick={openWindow}
              >
                {t('Open in new window')}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
      </StackItem>
      <StackItem isFilled>
        <ConsoleView kind={kind} namespace={namespace} name={name} vm={vm} vmi={vmi} />
      </StackItem>
    </Stack>
  );
};

export default ConsoleTab;
