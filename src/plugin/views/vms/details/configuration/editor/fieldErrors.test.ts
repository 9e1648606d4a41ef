import { describe, expect, it } from 'vitest';
import { statusError } from '../../testSupport';
import { causesOf, fieldErrorOf, isStaleEdit } from './fieldErrors';

describe('fieldErrorOf', () => {
  const error = statusError(422, 'VirtualMachine "vm" is invalid', [
    {
      field: 'spec.template.spec.domain.devices.disks[1].name',
      message: 'must be a DNS-1123 label',
    },
    { field: 'spec.template.spec.hostname', message: 'too long' },
    { field: 'spec.template.spec.domain.devices.disks[2].name', message: 'is duplicated' },
  ]);

  it('joins the messages of the causes under a field', () => {
    expect(fieldErrorOf(error, 'spec.template.spec.domain.devices.disks')).toBe(
      'must be a DNS-1123 label; is duplicated',
    );
    expect(fieldErrorOf(error, 'spec.template.spec.hostname')).toBe('too long');
  });

  it('is undefined for fields the error does not name, and for errors without causes', () => {
    expect(fieldErrorOf(error, 'spec.runStrategy')).toBeUndefined();
    expect(fieldErrorOf(new Error('boom'), 'spec')).toBeUndefined();
    expect(causesOf(undefined)).toEqual([]);
  });
});

describe('isStaleEdit', () => {
  it('recognises a failed JSON patch test', () => {
    expect(isStaleEdit(statusError(422, 'the server rejected our request: test failed'))).toBe(
      true,
    );
    expect(isStaleEdit(statusError(422, 'spec.x: Invalid value'))).toBe(false);
  });
});
