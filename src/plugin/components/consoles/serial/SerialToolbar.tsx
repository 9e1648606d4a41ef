import { Button, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem } from '@patternfly/react-core';
import {
  CopyIcon,
  DisconnectedIcon,
  DownloadIcon,
  PasteIcon,
  PlugIcon,
  RulerIcon,
  SearchIcon,
} from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { SerialStatusLabel } from './SerialStatus';
import type { SerialConnectionState } from './useSerialSocket';

export interface SerialToolbarProps {
  state: SerialConnectionState;
  /** "Reconnect" once a connection has opened, else "Connect". */
  reconnect: boolean;
  /** The terminal is loaded (copy, search and size need it). */
  ready: boolean;
  searchOpen: boolean;
  /** Shown in a polite live region (e.g. "Copied"). */
  notice?: string;
  /** The search box, in the toolbar when open. */
  search?: ReactNode;
  onConnect: () => void;
  onDisconnect: () => void;
  onCopy: () => void;
  onPaste: () => void;
  onToggleSearch: () => void;
  onDownload: () => void;
  onSetSize: () => void;
}

/** Status and actions of the serial console. */
export const SerialToolbar = (props: SerialToolbarProps) => {
  const { t } = usePluginTranslation();
  const { state, ready } = props;
  const connected = state.phase === 'connected';
  const active =
    state.phase === 'connecting' ||
    connected ||
    (state.phase === 'disconnected' && state.retryAt !== undefined);
  return (
    <Toolbar className="virtualization-plugin-serial-toolbar" aria-label={t('Serial console')}>
      <ToolbarContent>
        <ToolbarGroup>
          <ToolbarItem>
            <SerialStatusLabel state={state} />
          </ToolbarItem>
          <ToolbarItem>
            {active ? (
              <Button variant="secondary" icon={<DisconnectedIcon />} onClick={props.onDisconnect}>
                {t('Disconnect')}
              </Button>
            ) : (
              <Button
                variant="secondary"
                icon={<PlugIcon />}
                onClick={props.onConnect}
                isDisabled={!ready}
              >
                {props.reconnect ? t('Reconnect') : t('Connect')}
              </Button>
            )}
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarGroup>
          <ToolbarItem>
            <Button variant="link" icon={<CopyIcon />} onClick={props.onCopy} isDisabled={!ready}>
              {t('Copy')}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="link"
              icon={<PasteIcon />}
              onClick={props.onPaste}
              isDisabled={!connected}
            >
              {t('Paste')}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="link"
              icon={<SearchIcon />}
              onClick={props.onToggleSearch}
              isDisabled={!ready}
              aria-expanded={props.searchOpen}
            >
              {t('Search')}
            </Button>
          </ToolbarItem>
          {props.search && <ToolbarItem>{props.search}</ToolbarItem>}
          <ToolbarItem>
            <Button variant="link" icon={<DownloadIcon />} onClick={props.onDownload}>
              {t('Download transcript')}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="link"
              icon={<RulerIcon />}
              onClick={props.onSetSize}
              isDisabled={!connected || !ready}
            >
              {t('Set terminal size')}
            </Button>
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarItem>
          <span aria-live="polite" className="virtualization-plugin-serial-notice">
            {props.notice}
          </span>
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
};
