import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64';

describe('base64', () => {
  it('round-trips UTF-8 text', () => {
    expect(encodeBase64('#cloud-config\nuser: fedora\n')).toBe(
      'I2Nsb3VkLWNvbmZpZwp1c2VyOiBmZWRvcmEK',
    );
    expect(decodeBase64(encodeBase64('mot de passe: été'))).toBe('mot de passe: été');
  });

  it('tolerates line breaks and refuses what is not base64', () => {
    expect(decodeBase64('I2Nsb3Vk\nLWNvbmZpZwo=')).toBe('#cloud-config\n');
    expect(decodeBase64('***')).toBeUndefined();
  });
});
