// The OpenShift kinds the console and the plugin use: projects (namespaces as OpenShift shows
// them), templates (the VM catalog's common templates), the console's quick starts and plugin
// registrations, and the console operator's configuration (which plugins are enabled).
import type { JSONSchemaProps, ResourceType } from '../types';
import { AGE, defineType } from './define';
import {
  arr,
  bool,
  conditions,
  enumOf,
  int,
  int32,
  int64,
  objectSchema,
  openObj,
  preserve,
  status,
  str,
  stringMap,
  strArr,
} from './schema';

const templateFields: Record<string, JSONSchemaProps> = {
  message: str('Shown to the user after the template is instantiated; may use parameters.'),
  objects: arr(
    preserve('An object to create, with ${PARAMETER} references still in place.'),
    'The objects the template creates.',
  ),
  parameters: arr(
    openObj(
      {
        name: str('Name used as ${NAME} in the objects.'),
        displayName: str(),
        description: str(),
        value: str('Default value.'),
        generate: str('Generator, "expression" to generate from the `from` pattern.'),
        from: str('Pattern the generator expands, e.g. "[a-z0-9]{16}".'),
        required: bool('Whether a value must be given when processing.'),
      },
      undefined,
      { required: ['name'] },
    ),
    'Parameters substituted into the objects when the template is processed.',
  ),
  labels: stringMap('Labels applied to every object the template creates.'),
};

const LOG_LEVEL = enumOf(['', 'Normal', 'Debug', 'Trace', 'TraceAll']);

/** `OperatorSpec` and `OperatorStatus`, which every `operator.openshift.io` config inlines. */
const operatorSpecFields: Record<string, JSONSchemaProps> = {
  managementState: str('Whether and how the operator manages the component.', {
    pattern: '^(Managed|Unmanaged|Force|Removed)$',
  }),
  logLevel: LOG_LEVEL,
  operatorLogLevel: LOG_LEVEL,
  unsupportedConfigOverrides: preserve('Overrides the operator does not support.', {
    nullable: true,
  }),
  observedConfig: preserve('Configuration the operator observed from the cluster.', {
    nullable: true,
  }),
};
const operatorStatusFields: Record<string, JSONSchemaProps> = {
  observedGeneration: int64('The generation last acted on.'),
  conditions: conditions(),
  version: str('Level of the operand.'),
  readyReplicas: int32('Ready replicas of the operand.'),
  latestAvailableRevision: int32('Newest revision of the operand.'),
  generations: arr(preserve(), 'Generations of the workloads the operator manages.'),
};

export const openshiftTypes: ResourceType[] = [
  defineType({
    group: 'project.openshift.io',
    version: 'v1',
    kind: 'Project',
    plural: 'projects',
    namespaced: false,
    // The answers are namespaces seen through the caller's permissions; the API server
    // derives them rather than storing projects of their own.
    printerColumns: [
      {
        name: 'Display Name',
        type: 'string',
        jsonPath: ".metadata.annotations['openshift.io/display-name']",
      },
      { name: 'Status', type: 'string', jsonPath: '.status.phase' },
    ],
    schema: objectSchema('Project is a namespace with OpenShift metadata.', {
      spec: openObj({ finalizers: strArr() }),
      status: status({ phase: enumOf(['Active', 'Terminating']), conditions: conditions() }),
    }),
  }),
  defineType({
    group: 'project.openshift.io',
    version: 'v1',
    kind: 'ProjectRequest',
    plural: 'projectrequests',
    namespaced: false,
    // OpenShift answers `list` with a Status saying whether the caller may request projects.
    verbs: ['create', 'list'],
    schema: objectSchema('ProjectRequest asks for a new project owned by the caller.', {
      displayName: str('Display name of the new project.'),
      description: str('Description of the new project.'),
    }),
  }),
  defineType({
    group: 'template.openshift.io',
    version: 'v1',
    kind: 'Template',
    plural: 'templates',
    namespaced: true,
    printerColumns: [
      { name: 'Description', type: 'string', jsonPath: '.metadata.annotations.description' },
      AGE,
    ],
    schema: objectSchema('Template is a parameterised set of objects.', templateFields, [
      'objects',
    ]),
  }),
  defineType({
    group: 'template.openshift.io',
    version: 'v1',
    kind: 'Template',
    listKind: 'TemplateList',
    plural: 'processedtemplates',
    singular: 'processedtemplate',
    namespaced: true,
    // POSTing a Template here returns it processed (parameters substituted); nothing is stored.
    verbs: ['create'],
    schema: objectSchema('A Template to process.', templateFields, ['objects']),
  }),
  defineType({
    group: 'console.openshift.io',
    version: 'v1',
    kind: 'ConsoleQuickStart',
    plural: 'consolequickstarts',
    namespaced: false,
    schema: objectSchema(
      'ConsoleQuickStart is a guided tour shown in the console Help menu.',
      {
        spec: openObj(
          {
            displayName: str('Title of the quick start.'),
            description: str('Short description shown on the tile.'),
            durationMinutes: int('Estimated minutes to finish.', { minimum: 1 }),
            introduction: str('Markdown introduction.'),
            icon: str(),
            tags: strArr(),
            prerequisites: strArr(),
            tasks: arr(preserve(), 'The steps of the tour.', { minItems: 1 }),
            conclusion: str(),
            nextQuickStart: strArr(),
            accessReviewResources: arr(preserve()),
          },
          undefined,
          { required: ['displayName', 'description', 'durationMinutes', 'introduction', 'tasks'] },
        ),
      },
      ['spec'],
    ),
  }),
  defineType({
    group: 'console.openshift.io',
    version: 'v1',
    kind: 'ConsolePlugin',
    plural: 'consoleplugins',
    namespaced: false,
    schema: objectSchema(
      'ConsolePlugin registers a dynamic plugin with the console.',
      {
        spec: openObj(
          {
            displayName: str('Name shown in the console.'),
            backend: preserve('Where the plugin assets are served from.'),
            i18n: openObj({ loadType: enumOf(['Preload', 'Lazy', '']) }),
            proxy: arr(preserve()),
            contentSecurityPolicy: arr(preserve()),
          },
          undefined,
          { required: ['backend'] },
        ),
      },
      ['spec'],
    ),
  }),
  // The console operator's configuration: one object, `cluster`, whose spec.plugins lists the
  // ConsolePlugins the console loads (the chart's hook adds ours there).
  defineType({
    group: 'operator.openshift.io',
    version: 'v1',
    kind: 'Console',
    plural: 'consoles',
    namespaced: false,
    subresources: { status: true },
    printerColumns: [AGE],
    schema: objectSchema(
      'Console provides a means to configure an operator to manage the console.',
      {
        spec: openObj({
          ...operatorSpecFields,
          plugins: strArr('The names of the enabled ConsolePlugins.'),
          customization: preserve('Customisation of the web console (branding, logos, …).'),
          providers: preserve('Service providers of the console (statuspage).'),
          route: preserve('Deprecated custom route of the console.'),
          ingress: preserve('Alternative ingress for clusters without routes.'),
        }),
        status: status(operatorStatusFields),
      },
      ['spec'],
    ),
  }),
];
