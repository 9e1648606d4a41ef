import type { TFunction } from 'i18next';
import type { ConsoleCloseKind } from '../../../../common/consoleSocket';

export interface CloseMessage {
  title: string;
  /** The button the message offers besides the toolbar's Connect. */
  action?: 'take-over' | 'reconnect';
  variant: 'info' | 'warning' | 'danger';
}

/** What to tell the user when the console socket closed with `kind`. */
export const closeMessage = (kind: ConsoleCloseKind, t: TFunction): CloseMessage => {
  switch (kind) {
    case 'not-running':
      return { title: t('The virtual machine is not running.'), variant: 'info' };
    case 'session-in-use':
      return {
        title: t('Someone else is using this serial console.'),
        action: 'take-over',
        variant: 'warning',
      };
    case 'session-taken':
      return {
        title: t('Another viewer took over this serial console.'),
        action: 'reconnect',
        variant: 'warning',
      };
    case 'forbidden':
      return { title: t('You are not allowed to open this serial console.'), variant: 'danger' };
    case 'not-found':
      return { title: t('The virtual machine instance was not found.'), variant: 'danger' };
    case 'unauthorized':
      return {
        title: t('You are not logged in. Log in again, then reconnect.'),
        variant: 'danger',
      };
    case 'no-display':
      return { title: t('This virtual machine has no serial console here.'), variant: 'danger' };
    case 'upstream-closed':
      return { title: t('The cluster closed the serial console.'), variant: 'warning' };
    case 'unavailable':
      return { title: t('The serial console cannot be reached.'), variant: 'warning' };
  }
};
