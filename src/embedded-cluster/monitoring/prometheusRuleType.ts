// The Prometheus operator's PrometheusRule kind (monitoring.coreos.com/v1), served as the CRD
// an OpenShift cluster has: rule groups the cluster's Prometheus loads as rule files.
import { AGE, defineType } from '../registry/define';
import { arr, int, intOrString, obj, objectSchema, str, stringMap } from '../registry/schema';
import type { ResourceType } from '../types';

const rule = obj(
  {
    alert: str(
      'Name of the alert. Must be a valid label value. Only one of `record` and `alert` must be set.',
    ),
    record: str(
      'Name of the time series to output to. Must be a valid metric name. Only one of `record` and `alert` must be set.',
    ),
    expr: intOrString('PromQL expression to evaluate.'),
    for: str('Alerts are considered firing once they have been returned for this long.', {
      pattern:
        '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$',
    }),
    keep_firing_for: str(
      'How long an alert will continue firing after the condition that triggered it has cleared.',
    ),
    labels: stringMap('Labels to add or overwrite.'),
    annotations: stringMap('Annotations to add to each alert. Only valid for alerting rules.'),
  },
  'Rule describes an alerting or recording rule.',
  { required: ['expr'] },
);

const group = obj(
  {
    name: str('Name of the rule group.', { minLength: 1 }),
    interval: str('Interval determines how often rules in the group are evaluated.'),
    query_offset: str(
      'Defines the offset the rule evaluation timestamp of this particular group by the specified duration into the past.',
    ),
    limit: int(
      'Limit the number of alerts an alerting rule and series a recording rule can produce.',
    ),
    partial_response_strategy: str('PartialResponseStrategy is only used by ThanosRuler.'),
    labels: stringMap('Labels to add or overwrite before storing the result for its rules.'),
    rules: arr(rule, 'List of alerting and recording rules.'),
  },
  'RuleGroup is a list of sequentially evaluated recording and alerting rules.',
  { required: ['name'] },
);

export const monitoringTypes: ResourceType[] = [
  defineType({
    group: 'monitoring.coreos.com',
    version: 'v1',
    kind: 'PrometheusRule',
    plural: 'prometheusrules',
    namespaced: true,
    shortNames: ['promrule'],
    printerColumns: [AGE],
    schema: objectSchema(
      'PrometheusRule defines recording and alerting rules for a Prometheus instance.',
      {
        spec: obj(
          { groups: arr(group, 'Content of Prometheus rule file.') },
          'Specification of desired alerting rule definitions for Prometheus.',
        ),
      },
      ['spec'],
    ),
  }),
];
