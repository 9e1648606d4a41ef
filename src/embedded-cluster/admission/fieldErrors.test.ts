import {
  childPath,
  formatBadValue,
  goFloat,
  goQuote,
  goSyntax,
  indexPath,
  notSupported,
  required,
  tooLong,
} from './fieldErrors';

describe('Go value formatting', () => {
  it('quotes strings like %q, including control characters', () => {
    expect(goQuote('a"b')).toBe('"a\\"b"');
    expect(goQuote('\u0001\u0007\n')).toBe('"\\x01\\a\\n"');
  });

  it('prints floats like %v: exponent form from 1e6 and below 1e-4', () => {
    expect(goFloat(1.5)).toBe('1.5');
    expect(goFloat(1234567.5)).toBe('1.2345675e+06');
    expect(goFloat(0.00001)).toBe('1e-05');
    expect(formatBadValue(3)).toBe('3');
  });

  it('prints decoded JSON like %#v with sorted map keys', () => {
    expect(goSyntax({ b: 1, a: ['x', true, null] })).toBe(
      'map[string]interface {}{"a":[]interface {}{"x", true, interface {}(nil)}, "b":1}',
    );
    expect(formatBadValue(null)).toBe('null');
  });
});

describe('causes', () => {
  it('words causes like field.Error.ErrorBody', () => {
    expect(required('spec.x')).toEqual({
      type: 'FieldValueRequired',
      field: 'spec.x',
      message: 'Required value',
    });
    expect(notSupported('spec.x', 1, ['a'])).toEqual({
      type: 'FieldValueNotSupported',
      field: 'spec.x',
      message: 'Unsupported value: 1: supported values: "a"',
    });
    expect(tooLong('spec.x', 1).message).toBe('Too long: may not be more than 1 byte');
  });

  it('builds Kubernetes field paths', () => {
    expect(childPath('', 'spec')).toBe('spec');
    expect(indexPath(childPath('spec', 'disks'), 2)).toBe('spec.disks[2]');
  });
});
