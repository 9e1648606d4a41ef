// Defaults shared by every kind declaration, so each area file states only what is particular
// to its kinds.
import type { PrinterColumn, ResourceType } from '../types';

/** What discovery offers for an ordinary stored kind (and what every CRD-served kind gets). */
export const STANDARD_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** Virtual kinds that answer a POST and store nothing (access reviews, token requests). */
export const CREATE_ONLY = ['create'];

export const AGE: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

type KindDeclaration = Omit<ResourceType, 'listKind' | 'singular' | 'verbs'> &
  Partial<Pick<ResourceType, 'listKind' | 'singular' | 'verbs'>>;

/** A kind with Kubernetes' naming defaults: `<Kind>List`, lower-case singular, standard verbs. */
export const defineType = (declaration: KindDeclaration): ResourceType => ({
  ...declaration,
  listKind: declaration.listKind ?? `${declaration.kind}List`,
  singular: declaration.singular ?? declaration.kind.toLowerCase(),
  verbs: declaration.verbs ?? STANDARD_VERBS,
});
