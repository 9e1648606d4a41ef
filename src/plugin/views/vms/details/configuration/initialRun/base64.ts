/** UTF-8 text to base64 (Secret and ConfigMap `data`, cloud-init `*Base64` fields). */
export const encodeBase64 = (text: string): string => {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/** Base64 to UTF-8 text; undefined when it is not base64. */
export const decodeBase64 = (encoded: string): string | undefined => {
  try {
    const binary = atob(encoded.replace(/\s+/g, ''));
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(binary, (char) => char.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
};
