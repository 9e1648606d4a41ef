import { describe, expect, it } from 'vitest';
import { t } from './fixtures';
import {
  mapOf,
  validateLabelValue,
  validateMetadataKey,
  validateMetadataRows,
} from './metadataValidation';

describe('label and annotation validation', () => {
  it.each([
    ['app', undefined],
    ['app.kubernetes.io/name', undefined],
    ['kubevirt.io/vm-delete-protection', undefined],
    ['', 'Enter a key.'],
    [
      'Example.com/x',
      'The prefix before "/" must be a DNS subdomain of at most 253 characters, such as example.com.',
    ],
    ['example.com/', 'Enter a name after the "/".'],
    [
      '-app',
      'The name part must begin and end with a letter or digit and contain only letters, digits, "-", "_" and ".".',
    ],
    ['a'.repeat(64), 'The name part must be at most 63 characters.'],
    [
      'has space',
      'The name part must begin and end with a letter or digit and contain only letters, digits, "-", "_" and ".".',
    ],
  ])('key %j → %j', (key, message) => {
    expect(validateMetadataKey(key, t)).toBe(message);
  });

  it('label values may be empty, at most 63 characters, alphanumeric at both ends', () => {
    expect(validateLabelValue('', t)).toBeUndefined();
    expect(validateLabelValue('v1.2_3-x', t)).toBeUndefined();
    expect(validateLabelValue('x'.repeat(64), t)).toBe(
      'A label value must be at most 63 characters.',
    );
    expect(validateLabelValue('a b', t)).toMatch(/must begin and end/);
  });

  it('annotation values may be any text', () => {
    expect(
      validateMetadataRows(
        [{ key: 'description', value: 'Any text: with spaces!' }],
        'annotations',
        t,
      ),
    ).toEqual([{ key: undefined, value: undefined }]);
  });

  it('flags a duplicate key on the later row, and ignores blank rows', () => {
    expect(
      validateMetadataRows(
        [
          { key: 'app', value: 'a' },
          { key: '', value: '' },
          { key: 'app', value: 'b' },
        ],
        'labels',
        t,
      ),
    ).toEqual([
      { key: undefined, value: undefined },
      {},
      { key: 'This key is already used above.', value: undefined },
    ]);
    expect(
      mapOf([
        { key: 'app', value: 'a' },
        { key: '', value: '' },
      ]),
    ).toEqual({ app: 'a' });
  });
});
