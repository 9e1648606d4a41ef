// Public keys for the tests: well-formed blobs (length-prefixed type, then bytes).

/** A key blob of `type` as OpenSSH writes it. */
export const keyBlob = (type: string, material = 'key-material-bytes') =>
  btoa(`${String.fromCharCode(0, 0, 0, type.length)}${type}\0\0\0\x20${material}`);

export const ED25519_KEY = `ssh-ed25519 ${keyBlob('ssh-ed25519')} user@laptop`;
export const RSA_KEY = `ssh-rsa ${keyBlob('ssh-rsa')} ops@bastion`;
