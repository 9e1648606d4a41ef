import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import {
  labelSelectorFromObject,
  parseFieldSelector,
  parseLabelRequirements,
  parseLabelSelector,
  SelectorError,
} from './selectors';

const web = { app: 'web', tier: 'front', env: 'prod' };
const db = { app: 'db', env: 'dev' };

describe('parseLabelSelector', () => {
  it.each([
    ['app=web', true, false],
    ['app==web', true, false],
    ['app!=web', false, true],
    ['app in (web, api)', true, false],
    ['app notin (web)', false, true],
    ['tier', true, false],
    ['!tier', false, true],
    ['app=web,env=prod', true, false],
    ['env in (prod,dev),!missing', true, true],
    ['', true, true],
    ['  app = web ,  tier  ', true, false],
  ])('%j matches web: %s, db: %s', (selector, matchesWeb, matchesDb) => {
    const match = parseLabelSelector(selector);
    expect(match(web)).toBe(matchesWeb);
    expect(match(db)).toBe(matchesDb);
  });

  it('treats a missing label as not equal, not in, and absent', () => {
    expect(parseLabelSelector('tier!=front')(undefined)).toBe(true);
    expect(parseLabelSelector('tier notin (front)')({})).toBe(true);
    expect(parseLabelSelector('tier in (front)')(undefined)).toBe(false);
    expect(parseLabelSelector('tier=front')(undefined)).toBe(false);
    expect(parseLabelSelector('!tier')(undefined)).toBe(true);
  });

  it('reads "in" and "notin" as plain values inside a value list', () => {
    expect(parseLabelSelector('mode in (in, notin)')({ mode: 'notin' })).toBe(true);
  });

  it('selects an empty value with "a=" and "a in ()"', () => {
    expect(parseLabelSelector('a=')({ a: '' })).toBe(true);
    expect(parseLabelSelector('a=')({ a: 'x' })).toBe(false);
    expect(parseLabelRequirements('a in ()')).toEqual([{ key: 'a', operator: 'in', values: [''] }]);
  });

  it('compares integers with > and <', () => {
    expect(parseLabelSelector('gen>5')({ gen: '10' })).toBe(true);
    expect(parseLabelSelector('gen<5')({ gen: '10' })).toBe(false);
    expect(parseLabelSelector('gen>5')({ gen: 'ten' })).toBe(false);
  });

  it('accepts prefixed keys', () => {
    expect(
      parseLabelSelector('app.kubernetes.io/name=web')({ 'app.kubernetes.io/name': 'web' }),
    ).toBe(true);
  });

  it.each([
    ['app in', "unable to parse requirement: found '', expected: '('"],
    ['app in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app=a=b', "found '=', expected: ',' or 'end of string'"],
    ['app=web,', "found '', expected: identifier after ','"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['app (x)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['gen>x', "for 'Gt', 'Lt' operators, the value must be an integer"],
  ])('rejects %j with %j', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });

  it('validates keys and values like the API server', () => {
    expect(() => parseLabelSelector('-bad=x')).toThrow(
      /^unable to parse requirement: key: Invalid value: "-bad": name part must consist of alphanumeric characters/,
    );
    expect(() => parseLabelSelector('Example.com/a=x')).toThrow(
      /prefix part a lowercase RFC 1123 subdomain/,
    );
    expect(() => parseLabelSelector(`a=${'v'.repeat(64)}`)).toThrow(
      /values\[0\]: Invalid value: "v+": must be no more than 63 characters/,
    );
    expect(() => parseLabelSelector('a=b c')).toThrow(SelectorError);
  });
});

describe('labelSelectorFromObject', () => {
  it('ANDs matchLabels and matchExpressions with In, NotIn, Exists, DoesNotExist', () => {
    const match = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'stage'] },
        { key: 'tier', operator: 'NotIn', values: ['back'] },
        { key: 'tier', operator: 'Exists' },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    });
    expect(match(web)).toBe(true);
    expect(match({ ...web, canary: 'yes' })).toBe(false);
    expect(match({ ...web, env: 'dev' })).toBe(false);
    expect(match(db)).toBe(false);
  });

  it('matches everything when empty and nothing when absent', () => {
    expect(labelSelectorFromObject({})(undefined)).toBe(true);
    expect(labelSelectorFromObject(null)(web)).toBe(false);
    expect(labelSelectorFromObject(undefined)(web)).toBe(false);
  });

  it('rejects unknown operators and values that do not fit the operator', () => {
    expect(() =>
      labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }),
    ).toThrow('"Gt" is not a valid label selector operator');
    expect(() =>
      labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }),
    ).toThrow("for 'in', 'notin' operators, values set can't be empty");
    expect(() =>
      labelSelectorFromObject({
        matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }],
      }),
    ).toThrow('values set must be empty for exists and does not exist');
  });
});

describe('parseFieldSelector', () => {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { nodeName: 'node-a', hostNetwork: false },
    status: { phase: 'Running' },
  };
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e1', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web-1' },
  };

  it.each([
    ['metadata.name=web-1', true],
    ['metadata.name==web-1', true],
    ['metadata.name!=web-1', false],
    ['metadata.namespace=default,status.phase=Running', true],
    ['metadata.namespace=default,status.phase!=Running', false],
    ['spec.nodeName=node-a', true],
    ['spec.hostNetwork=false', true],
    ['', true],
  ])('%j on a pod: %s', (selector, expected) => {
    expect(parseFieldSelector(selector)(pod)).toBe(expected);
  });

  it('reads nested fields such as involvedObject.name', () => {
    expect(parseFieldSelector('involvedObject.name=web-1,involvedObject.kind=Pod')(event)).toBe(
      true,
    );
  });

  it('compares a missing field as the empty string', () => {
    expect(parseFieldSelector('spec.nodeName=')(event)).toBe(true);
    expect(parseFieldSelector('spec.nodeName!=')(event)).toBe(false);
    expect(parseFieldSelector('spec.nodeName!=node-a')(event)).toBe(true);
  });

  it('unescapes \\, \\= and \\\\ in values', () => {
    const obj: KubeObject = { ...pod, metadata: { name: 'a,b=c\\d' } };
    expect(parseFieldSelector('metadata.name=a\\,b\\=c\\\\d')(obj)).toBe(true);
  });

  it.each([
    ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
    ['=x', "invalid selector: '=x'; can't understand '=x'"],
    ['metadata.name=a=b', 'invalid field selector: unescaped character in value: ='],
    ['metadata.name=a\\x', 'invalid field selector: invalid escape sequence: \\x'],
  ])('rejects %j with %j', (selector, message) => {
    expect(() => parseFieldSelector(selector)).toThrow(SelectorError);
    expect(() => parseFieldSelector(selector)).toThrow(message);
  });

  it('refuses fields the kind does not support, when told which it does', () => {
    const supported = ['metadata.name', 'metadata.namespace', 'status.phase'];
    expect(parseFieldSelector('status.phase=Running', supported)(pod)).toBe(true);
    expect(() => parseFieldSelector('spec.foo=x', supported)).toThrow(
      'field label not supported: spec.foo',
    );
  });
});
