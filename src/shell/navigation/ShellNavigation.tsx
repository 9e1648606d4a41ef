import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import { Nav, NavExpandable, NavItem, NavList } from '@patternfly/react-core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, useLocation } from 'react-router';
import { RouterLink } from '../layout/RouterLink';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { useExtensionTranslation } from '../plugins/useExtensionTranslation';
import { useActiveNamespace } from '../sdk/useActiveNamespace';
import { buildNavigation, type NavLinkItem } from './buildNavigation';

const isActive = (item: NavLinkItem, pathname: string) =>
  item.activePaths.some((path) => matchPath({ path, end: false }, pathname));

/** The sidebar, built entirely from the plugins' `console.navigation/*` extensions. */
export const ShellNavigation = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const extensions = useExtensions();
  const translate = useExtensionTranslation();
  const [namespace] = useActiveNamespace();
  const { pathname } = useLocation();
  const sections = useMemo(
    () => buildNavigation(extensions, namespace, translate),
    [extensions, namespace, translate],
  );
  return (
    <Nav aria-label={t('Main navigation')}>
      <NavList>
        {sections.map((section) => {
          const activeSection = section.items.some((item) => isActive(item, pathname));
          return (
            <NavExpandable
              key={section.id}
              title={section.name}
              isExpanded
              isActive={activeSection}
              data-test-id={`nav-section-${section.id}`}
              {...section.dataAttributes}
            >
              {section.items.map((item) => {
                const active = isActive(item, pathname);
                return (
                  <NavItem
                    key={item.id}
                    isActive={active}
                    data-test-id={`nav-item-${item.id}`}
                    {...item.dataAttributes}
                    to={item.href}
                    component={RouterLink}
                  >
                    {item.name}
                  </NavItem>
                );
              })}
            </NavExpandable>
          );
        })}
      </NavList>
    </Nav>
  );
};
