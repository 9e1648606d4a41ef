// Label and field selectors, as list, watch and deletecollection take them (?labelSelector=,
// ?fieldSelector=) and as specs carry them (LabelSelector objects). Syntax, semantics and
// error wording follow k8s.io/apimachinery so kubectl behaves as against a real cluster.
export { SelectorError } from './selectorsError';
export {
  labelSelectorFromObject,
  type LabelMatcher,
  type LabelOperator,
  type LabelRequirement,
  type LabelSelector,
} from './selectorsLabel';
export { parseLabelRequirements, parseLabelSelector } from './selectorsLabelParser';
export {
  fieldValue,
  parseFieldRequirements,
  parseFieldSelector,
  type FieldMatcher,
  type FieldRequirement,
} from './selectorsField';
