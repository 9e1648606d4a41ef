import { Content } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { stringify } from 'yaml';
import { usePluginTranslation } from '../../../i18n';
import { isClusterScoped, type PermissionObject } from '../model/permissionObjects';
import type { ClusterRoleBinding, PolicyRule, RoleBinding } from '../model/types';

/** The objects as one YAML stream, in the order they are created (what `oc apply -f` takes). */
export const permissionsYaml = (entries: readonly PermissionObject[]): string =>
  entries.map((entry) => stringify(entry.object, { lineWidth: 0 })).join('---\n');

const RulesTable = ({ name, rules }: { name: string; rules: PolicyRule[] }) => {
  const { t } = usePluginTranslation();
  return (
    <Table variant="compact" borders={false} aria-label={t('Rules of Role {{name}}', { name })}>
      <Thead>
        <Tr>
          <Th>{t('API groups')}</Th>
          <Th>{t('Resources')}</Th>
          <Th>{t('Verbs')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {rules.map((rule, index) => (
          <Tr key={index}>
            <Td dataLabel={t('API groups')}>
              {(rule.apiGroups ?? []).map((g) => g || t('core')).join(', ')}
            </Td>
            <Td dataLabel={t('Resources')}>{(rule.resources ?? []).join(', ')}</Td>
            <Td dataLabel={t('Verbs')}>{rule.verbs.join(', ')}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};

const Grants = ({ entry, namespace }: { entry: PermissionObject; namespace: string }) => {
  const { t } = usePluginTranslation();
  const name = entry.object.metadata?.name ?? '';
  switch (entry.model.kind) {
    case 'Role':
      return (
        <RulesTable name={name} rules={(entry.object as { rules?: PolicyRule[] }).rules ?? []} />
      );
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const binding = entry.object as RoleBinding | ClusterRoleBinding;
      const subjects = (binding.subjects ?? []).map((s) => `${s.namespace}/${s.name}`).join(', ');
      return isClusterScoped(entry) ? (
        <>
          {t('Gives ServiceAccount {{subjects}} the ClusterRole {{role}} in every project.', {
            subjects,
            role: binding.roleRef.name,
          })}
        </>
      ) : (
        <>
          {t('Gives ServiceAccount {{subjects}} the Role {{role}}.', {
            subjects,
            role: binding.roleRef.name,
          })}
        </>
      );
    }
    default:
      return (
        <>
          {t('The account the checkup\u2019s Job runs as in project {{namespace}}.', { namespace })}
        </>
      );
  }
};

/** What Install permissions creates: kind, name and what each grants, rules as a table. */
export const PermissionObjectsTable = ({
  entries,
  namespace,
  skipped,
}: {
  entries: readonly PermissionObject[];
  namespace: string;
  /** Objects that will not be created (the user may not). */
  skipped?: (entry: PermissionObject) => boolean;
}) => {
  const { t } = usePluginTranslation();
  return (
    <Table variant="compact" aria-label={t('Objects to create')}>
      <Thead>
        <Tr>
          <Th width={15}>{t('Kind')}</Th>
          <Th width={20}>{t('Name')}</Th>
          <Th>{t('What it grants')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {entries.map((entry) => (
          <Tr key={`${entry.model.kind}/${entry.object.metadata?.name}`}>
            <Td dataLabel={t('Kind')}>{entry.model.kind}</Td>
            <Td dataLabel={t('Name')}>
              {entry.object.metadata?.name}
              {skipped?.(entry) && (
                <Content component="small">
                  {' '}
                  {t('(needs a cluster administrator: not created)')}
                </Content>
              )}
            </Td>
            <Td dataLabel={t('What it grants')}>
              <Grants entry={entry} namespace={namespace} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
