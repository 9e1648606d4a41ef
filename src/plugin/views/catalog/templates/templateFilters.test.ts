import { describe, expect, it } from 'vitest';
import {
  CLEARED_FILTERS,
  DEFAULT_FILTERS,
  filterOptions,
  filterTemplates,
  parseFilters,
  toggleOption,
  writeFilters,
  type TemplateFilters,
} from './templateFilters';
import { makeEntry, OS_IMAGES, PROJECT } from './testSupport';

const MISSING = {
  availability: 'missing' as const,
  problem: {
    kind: 'not-found' as const,
    sourceKind: 'DataSource',
    name: 'win2k22',
    namespace: OS_IMAGES,
  },
};

const rhel = makeEntry();
const fedora = makeEntry({
  name: 'fedora-desktop-small',
  displayName: 'Fedora VM',
  os: 'fedora',
  dataSource: 'fedora',
  workload: 'desktop',
});
const windows = makeEntry(
  {
    name: 'windows2k22-server-small',
    displayName: 'Microsoft Windows Server 2022 VM',
    os: 'win2k22',
    dataSource: 'win2k22',
  },
  MISSING,
);
const old = makeEntry({
  name: 'windows2k12r2-server-small',
  displayName: 'Microsoft Windows Server 2012 R2 VM',
  os: 'win2k12r2',
  deprecated: true,
});
const mine = makeEntry({
  name: 'my-centos',
  namespace: PROJECT,
  displayName: 'My CentOS',
  os: 'centos.stream9',
  provider: '',
});
const all = [windows, old, mine, fedora, rhel];
const names = (filters: TemplateFilters) => filterTemplates(all, filters).map((e) => e.name);

describe('filterTemplates', () => {
  it('shows by default only templates with a boot source, not deprecated, by display name', () => {
    expect(names(DEFAULT_FILTERS)).toEqual([
      'fedora-desktop-small',
      'my-centos',
      'rhel9-server-small',
    ]);
  });

  it('shows every template with "All items" and deprecated ones shown', () => {
    expect(names({ ...DEFAULT_FILTERS, availableOnly: false })).toContain(
      'windows2k22-server-small',
    );
    expect(names(CLEARED_FILTERS)).toHaveLength(5);
  });

  it('keeps the templates matching any checked value of a group, and every group', () => {
    const byOs = toggleOption(CLEARED_FILTERS, 'os', 'windows', true);
    expect(names(byOs)).toEqual(['windows2k12r2-server-small', 'windows2k22-server-small']);
    expect(names(toggleOption(byOs, 'os', 'fedora', true))).toHaveLength(3);
    expect(names(toggleOption(byOs, 'provider', 'user', true))).toEqual([]);
    expect(names(toggleOption(CLEARED_FILTERS, 'project', PROJECT, true))).toEqual(['my-centos']);
    expect(names(toggleOption(CLEARED_FILTERS, 'workload', 'desktop', true))).toEqual([
      'fedora-desktop-small',
    ]);
    expect(names(toggleOption(byOs, 'os', 'windows', false))).toHaveLength(5);
  });

  it('searches names, descriptions and OS names, every word', () => {
    expect(names({ ...CLEARED_FILTERS, search: 'windows 2022' })).toEqual([
      'windows2k22-server-small',
    ]);
    expect(names({ ...CLEARED_FILTERS, search: 'ENTERPRISE linux' })).toEqual([
      'rhel9-server-small',
    ]);
    expect(names({ ...CLEARED_FILTERS, search: 'server 2012' })).toEqual([
      'windows2k12r2-server-small',
    ]);
    expect(names({ ...CLEARED_FILTERS, search: 'nothing-like-this' })).toEqual([]);
  });
});

describe('filterOptions', () => {
  it("counts each option given the other filters, not the group's own", () => {
    const filters = toggleOption(DEFAULT_FILTERS, 'os', 'rhel', true);
    expect(filterOptions(all, filters, 'os')).toEqual([
      { value: 'centos', count: 1 },
      { value: 'fedora', count: 1 },
      { value: 'rhel', count: 1 },
      // Present, though hidden by "Boot source available" and "Hide deprecated".
      { value: 'windows', count: 0 },
    ]);
    expect(filterOptions(all, filters, 'provider')).toEqual([
      { value: 'redhat', count: 1 },
      { value: 'user', count: 0 },
    ]);
  });
});

describe('filters in the URL', () => {
  it('writes only what differs from the defaults and reads it back', () => {
    expect(writeFilters(new URLSearchParams(), DEFAULT_FILTERS).toString()).toBe('');
    const filters = toggleOption(
      { ...DEFAULT_FILTERS, availableOnly: false, hideDeprecated: false, search: 'rhel 9' },
      'os',
      'rhel',
      true,
    );
    const params = writeFilters(new URLSearchParams('tab=x'), filters);
    expect(params.get('tab')).toBe('x');
    expect(params.get('source')).toBe('all');
    expect(parseFilters(params)).toEqual(filters);
  });
});
