import {
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  PageToggleButton,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { RouterLink } from '../layout/RouterLink';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { UserMenu } from '../login/UserMenu';
import { HelpMenu } from './HelpMenu';
import { LanguageMenu } from './LanguageMenu';
import { ThemeToggle } from './ThemeToggle';

export const ShellMasthead = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  return (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton isHamburgerButton aria-label={t('Main navigation')} />
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo href="/" component={RouterLink}>
            <span className="virtualization-shell__brand">{t('Virtualization console')}</span>
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <Toolbar isFullHeight isStatic>
          <ToolbarContent>
            <ToolbarGroup align={{ default: 'alignEnd' }} gap={{ default: 'gapMd' }}>
              <ToolbarItem>
                <HelpMenu />
              </ToolbarItem>
              <ToolbarItem>
                <LanguageMenu />
              </ToolbarItem>
              <ToolbarItem>
                <ThemeToggle />
              </ToolbarItem>
              <ToolbarItem>
                <UserMenu />
              </ToolbarItem>
            </ToolbarGroup>
          </ToolbarContent>
        </Toolbar>
      </MastheadContent>
    </Masthead>
  );
};
