import { describe, expect, it } from 'vitest';
import {
  clearedFilters,
  hasFilters,
  indexQueryOf,
  parseListState,
  writeListState,
} from './listQuery';

describe('the list state in the URL', () => {
  it('reads every filter, the order and the page', () => {
    const state = parseListState(
      new URLSearchParams(
        'text=web&status=Running,Paused&os=fedora&node=n1&namespace=a,b&label=app%3Dx&sort=created&order=desc&page=3',
      ),
    );
    expect(state).toEqual({
      text: 'web',
      status: ['Running', 'Paused'],
      os: 'fedora',
      node: ['n1'],
      namespace: ['a', 'b'],
      label: 'app=x',
      sort: 'created',
      order: 'desc',
      page: 3,
    });
  });

  it('falls back to defaults for missing or wrong values', () => {
    expect(parseListState(new URLSearchParams('sort=cpu&order=up&page=-2'))).toMatchObject({
      sort: 'name',
      order: 'asc',
      page: 1,
      status: [],
    });
  });

  it('writes back only what differs from the defaults, and keeps other parameters', () => {
    const params = writeListState(new URLSearchParams('tab=x&text=old'), {
      ...parseListState(new URLSearchParams()),
      status: ['Stopped'],
      sort: 'node',
      page: 2,
    });
    expect(params.toString()).toBe('tab=x&status=Stopped&sort=node&page=2');
  });

  it('asks the index for the route project, or the Project filter in all projects', () => {
    const state = parseListState(new URLSearchParams('namespace=a&status=Running'));
    expect(indexQueryOf(state, 'dev')).toMatchObject({
      namespace: ['dev'],
      status: ['Running'],
      sort: 'name',
      order: 'asc',
    });
    expect(indexQueryOf(state, undefined)).toMatchObject({ namespace: ['a'] });
    expect(hasFilters(state)).toBe(true);
    expect(hasFilters(clearedFilters(state))).toBe(false);
  });
});
