import { describe, expect, it } from 'vitest';
import { confineMatcher, confineQuery, decodeString, PromQLError, quoteString } from './promql';

const NS = 'developer-vms';
const confine = (query: string) => confineQuery(query, NS);
const errorOf = (work: () => unknown): PromQLError => {
  try {
    work();
  } catch (error) {
    if (error instanceof PromQLError) return error;
    throw error;
  }
  throw new Error('expected a PromQLError');
};

describe('confining PromQL to a namespace', () => {
  it('adds the namespace to a bare metric name and to a selector with matchers', () => {
    expect(confine('up')).toBe('up{namespace="developer-vms"}');
    expect(confine('up{job="a"}')).toBe('up{job="a", namespace="developer-vms"}');
    expect(confine('{__name__="up"}')).toBe('{__name__="up", namespace="developer-vms"}');
    expect(confine('up{}')).toBe('up{namespace="developer-vms"}');
  });

  it('replaces any namespace matcher the caller wrote, whatever its operator', () => {
    expect(confine('up{namespace="other"}')).toBe('up{namespace="developer-vms"}');
    expect(confine('up{namespace=~".+", job!="x"}')).toBe(
      'up{job!="x", namespace="developer-vms"}',
    );
    expect(confine('up{namespace!="developer-vms"}')).toBe('up{namespace="developer-vms"}');
    expect(confine('{"namespace"="other", "a.b"="c"}')).toBe(
      '{"a.b"="c", namespace="developer-vms"}',
    );
  });

  it('keeps regex matchers, with their escapes read and written back exactly', () => {
    expect(confine('up{pod=~"virt-launcher-.*", node!~"a|b"}')).toBe(
      'up{pod=~"virt-launcher-.*", node!~"a|b", namespace="developer-vms"}',
    );
    expect(confine('up{path=~"\\\\d+\\\\.x"}')).toBe(
      'up{path=~"\\\\d+\\\\.x", namespace="developer-vms"}',
    );
    expect(confine("up{a='it\\'s'}")).toBe('up{a="it\'s", namespace="developer-vms"}');
    expect(confine('up{a=`raw\\d{2}`}')).toBe('up{a="raw\\\\d{2}", namespace="developer-vms"}');
  });

  it('reaches selectors inside functions and matrix selectors', () => {
    expect(confine('rate(kubevirt_vmi_cpu_usage_seconds_total[5m])')).toBe(
      'rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="developer-vms"}[5m])',
    );
    expect(confine('histogram_quantile(0.9, sum by (le) (rate(x_bucket{a="b"}[1m])))')).toBe(
      'histogram_quantile(0.9, sum by (le) (rate(x_bucket{a="b", namespace="developer-vms"}[1m])))',
    );
    expect(confine('label_replace(up, "dst", "$1", "namespace", "(.*)")')).toBe(
      'label_replace(up{namespace="developer-vms"}, "dst", "$1", "namespace", "(.*)")',
    );
  });

  it('reaches both sides of aggregations with by and without', () => {
    expect(confine('sum by (namespace, name) (a) / count without (pod) (b)')).toBe(
      'sum by (namespace, name) (a{namespace="developer-vms"}) / count without (pod) (b{namespace="developer-vms"})',
    );
    expect(confine('topk(5, sum(rate(a[5m])) by (name))')).toBe(
      'topk(5, sum(rate(a{namespace="developer-vms"}[5m])) by (name))',
    );
  });

  it('reaches both sides of binary operators with on, ignoring and group_left', () => {
    expect(confine('a * on(name) group_left(node) b')).toBe(
      'a{namespace="developer-vms"} * on(name) group_left(node) b{namespace="developer-vms"}',
    );
    expect(confine('a / ignoring(mode) b or c{namespace="other"} unless d')).toBe(
      'a{namespace="developer-vms"} / ignoring(mode) b{namespace="developer-vms"} or c{namespace="developer-vms"} unless d{namespace="developer-vms"}',
    );
    expect(confine('a > bool 3')).toBe('a{namespace="developer-vms"} > bool 3');
  });

  it('reaches selectors in subqueries, and keeps offsets and @', () => {
    expect(confine('max_over_time(rate(a[1m])[30m:1m])')).toBe(
      'max_over_time(rate(a{namespace="developer-vms"}[1m])[30m:1m])',
    );
    expect(confine('a offset 5m @ 1700000000')).toBe(
      'a{namespace="developer-vms"} offset 5m @ 1700000000',
    );
    expect(confine('rate(a[5m] @ end() offset -1h)')).toBe(
      'rate(a{namespace="developer-vms"}[5m] @ end() offset -1h)',
    );
    expect(confine('-a + 2 ^ -(b)')).toBe(
      '-a{namespace="developer-vms"} + 2 ^ -(b{namespace="developer-vms"})',
    );
  });

  it('reads braces and quotes inside string literals as text, not syntax', () => {
    expect(confine('up{a="}, namespace=\\"other\\""}')).toBe(
      'up{a="}, namespace=\\"other\\"", namespace="developer-vms"}',
    );
    expect(confine('label_replace(up, "x", "{", "y", "}")')).toBe(
      'label_replace(up{namespace="developer-vms"}, "x", "{", "y", "}")',
    );
  });

  it('drops comments, which could otherwise hide text from one parser', () => {
    expect(confine('up # {namespace="other"}\n or down')).toBe(
      'up{namespace="developer-vms"}  \n or down{namespace="developer-vms"}',
    );
  });

  it('writes a namespace that needs escaping as a string literal', () => {
    expect(confineQuery('up', 'a"b')).toBe('up{namespace="a\\"b"}');
  });

  it('leaves a query without selectors as it was', () => {
    expect(confine('1 + 2')).toBe('1 + 2');
    expect(confine('time()')).toBe('time()');
  });

  it('refuses what does not parse, saying where', () => {
    expect(errorOf(() => confine('sum(up')).position).toBe(6);
    expect(errorOf(() => confine('up)'))).toMatchObject({ message: 'unexpected ")"', position: 2 });
    expect(errorOf(() => confine('up{a="b')).message).toMatch(
      /unexpected end of input|unterminated/,
    );
    expect(errorOf(() => confine('')).message).toBe('no expression found in input');
    expect(errorOf(() => confine('up{a="\\q"}')).message).toMatch(/invalid escape sequence/);
    expect(errorOf(() => confine('up{a=~"x"} by')).position).toBeGreaterThan(0);
  });

  it('takes only one selector as match[]', () => {
    expect(confineMatcher('up{job="x"}', NS)).toBe('up{job="x", namespace="developer-vms"}');
    expect(confineMatcher('{namespace="other"}', NS)).toBe('{namespace="developer-vms"}');
    expect(errorOf(() => confineMatcher('sum(up)', NS)).message).toMatch(/one series selector/);
    expect(errorOf(() => confineMatcher('up or down', NS)).message).toMatch(/one series selector/);
  });
});

describe('PromQL strings', () => {
  it('decodes Go escapes and writes bytes back so Go reads the same bytes', () => {
    expect(decodeString('"a\\n\\x41\\101\\u00e9\\U0001F600"').toString('utf8')).toBe('a\nAAé😀');
    expect(quoteString('é\n"\\')).toBe('"\\xc3\\xa9\\x0a\\"\\\\"');
    expect(decodeString(quoteString('é\n"\\')).toString('utf8')).toBe('é\n"\\');
    expect(() => decodeString('"\\\'"')).toThrow(PromQLError);
    expect(decodeString("'\\''").toString()).toBe("'");
  });
});
