// Parameter references inside template objects, as openshift/library-go's templateprocessing
// resolves them. `${NAME}` is replaced inside any string; `${{NAME}}` must be the whole string
// and yields the value parsed as JSON, so a template can produce numbers and booleans
// (`replicas: "${{REPLICAS}}"`). References to unknown parameters are left as written.

const STRING_REFERENCE = /\$\{([a-zA-Z0-9_]+?)\}/g;
const WHOLE_VALUE_REFERENCE = /^\$\{\{([a-zA-Z0-9_]+)\}\}$/;

/** True when text mentions a parameter: such a namespace is kept, any other is stripped. */
export const hasReference = (text: string): boolean =>
  new RegExp(STRING_REFERENCE.source).test(text);

export function substituteString(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(STRING_REFERENCE, (match, name: string) => values.get(name) ?? match);
}

/** Substitutes in a string found as a value, where `${{NAME}}` may change its type. */
export function substituteValue(text: string, values: ReadonlyMap<string, string>): unknown {
  const name = WHOLE_VALUE_REFERENCE.exec(text)?.[1];
  const value = name === undefined ? undefined : values.get(name);
  if (value === undefined) return substituteString(text, values);
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Not JSON (an unquoted word): upstream keeps it as a string rather than failing.
    return value;
  }
}

/** A copy of value with every string, object keys included, substituted. */
export function substituteDeep(value: unknown, values: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return substituteValue(value, values);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, values));
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own properties, so a "__proto__" key stays plain data.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        substituteString(k, values),
        substituteDeep(v, values),
      ]),
    );
  }
  return value;
}
