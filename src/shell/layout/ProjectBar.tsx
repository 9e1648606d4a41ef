import {
  Content,
  MenuToggle,
  PageSection,
  Select,
  SelectList,
  SelectOption,
  Split,
  SplitItem,
} from '@patternfly/react-core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { BFF_PATH } from '../../common/paths';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { consoleFetchJSON } from '../sdk/consoleFetchJSON';
import { ALL_NAMESPACES_KEY, namespaceFromPath } from '../sdk/namespacePath';
import { useActiveNamespace } from '../sdk/useActiveNamespace';

const useProjects = () =>
  useQuery({
    queryKey: ['bff', 'projects'],
    queryFn: async () => (await consoleFetchJSON(`${BFF_PATH}projects`)) as { items: string[] },
  });

/** The console's project bar: shown on project-scoped pages, it moves the page to another project. */
export const ProjectBar = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const { pathname } = useLocation();
  const [namespace, setNamespace] = useActiveNamespace();
  const [isOpen, setIsOpen] = useState(false);
  const projects = useProjects();
  if (namespaceFromPath(pathname) === undefined) return null;

  const label = (value: string) => (value === ALL_NAMESPACES_KEY ? t('All projects') : value);
  const names = projects.data?.items ?? [];
  return (
    <PageSection padding={{ default: 'noPadding' }} className="virtualization-shell__project-bar">
      <Split hasGutter>
        <SplitItem>
          <Select
            isOpen={isOpen}
            selected={namespace}
            onOpenChange={setIsOpen}
            onSelect={(_event, value) => {
              setIsOpen(false);
              if (typeof value === 'string') setNamespace(value);
            }}
            toggle={(ref) => (
              <MenuToggle
                ref={ref}
                variant="plainText"
                isExpanded={isOpen}
                onClick={() => setIsOpen(!isOpen)}
                aria-label={t('Project: {{project}}', { project: label(namespace) })}
              >
                {t('Project: {{project}}', { project: label(namespace) })}
              </MenuToggle>
            )}
            shouldFocusToggleOnSelect
          >
            <SelectList aria-label={t('Projects')}>
              <SelectOption value={ALL_NAMESPACES_KEY}>{t('All projects')}</SelectOption>
              {names.map((name) => (
                <SelectOption key={name} value={name}>
                  {name}
                </SelectOption>
              ))}
            </SelectList>
          </Select>
        </SplitItem>
        {projects.isError && (
          <SplitItem isFilled>
            <Content component="small">
              {t('Projects could not be listed: {{message}}', { message: projects.error.message })}
            </Content>
          </SplitItem>
        )}
      </Split>
    </PageSection>
  );
};
