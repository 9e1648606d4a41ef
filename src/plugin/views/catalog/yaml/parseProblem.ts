import type { usePluginTranslation } from '../../../i18n';
import type { NewVmYaml } from './defaultVmYaml';

type Translate = ReturnType<typeof usePluginTranslation>['t'];

/** Why the YAML is not a VirtualMachine to create in `namespace`, for the user to read. */
export const parseProblem = (
  t: Translate,
  result: Exclude<NewVmYaml, { ok: true }>,
  namespace: string,
): string => {
  switch (result.kind) {
    case 'syntax':
      return result.line
        ? t('Line {{line}}, column {{column}}: {{message}}', {
            line: result.line,
            column: result.column ?? 1,
            message: result.message ?? '',
          })
        : (result.message ?? '');
    case 'not-an-object':
      return t('The YAML must be one VirtualMachine object.');
    case 'kind':
      return t('The YAML must describe a VirtualMachine (apiVersion kubevirt.io/v1).');
    case 'name':
      return t('The VirtualMachine needs a name (metadata.name).');
    case 'namespace':
      return t('The VirtualMachine must be in project {{namespace}}, where it is created.', {
        namespace,
      });
  }
};
