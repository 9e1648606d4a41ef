// Kept apart from selectors.ts so the label and field parsers can share it without an import
// cycle through the module that re-exports them.

/** A selector that does not parse or validate; kube-apiserver answers these with 400. */
export class SelectorError extends Error {
  readonly code = 400;

  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}
