// RFC 6901 JSON pointers: the addressing JSON patch uses for `path` and `from`.

/** Splits a pointer into unescaped reference tokens; throws an Error saying what is wrong. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error('a JSON pointer must be empty or start with "/"');
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      // "~" only ever starts "~0" or "~1"; anything else is a typo we should not guess at.
      if (/~(?![01])/.test(token)) throw new Error(`"${token}" has a "~" that is not "~0" or "~1"`);
      // ~1 first: RFC 6901 section 4, so "~01" becomes "~1" and not "/".
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** The pointer for tokens, escaped again: used to name a location in an error message. */
export const formatPointer = (tokens: readonly string[]): string =>
  tokens.map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
