import { expect, type Locator, type Page } from '@playwright/test';

const VM_REF = 'kubevirt.io~v1~VirtualMachine';

export type ConfigSubTab =
  | 'details'
  | 'disks'
  | 'network'
  | 'scheduling'
  | 'ssh'
  | 'initial-run'
  | 'environment'
  | 'metadata';

export const CONFIG_SUB_TABS: Record<ConfigSubTab, string> = {
  details: 'Details',
  disks: 'Disks',
  network: 'Network interfaces',
  scheduling: 'Scheduling',
  ssh: 'SSH',
  'initial-run': 'Initial run',
  environment: 'Environment',
  metadata: 'Metadata',
};

/** The VM details page's Configuration tab: its sub-tabs, their rows, tables and dialogs. */
export class ConfigurationPage {
  constructor(
    private readonly page: Page,
    private readonly baseURL: string,
  ) {}

  path(namespace: string, name: string, sub: ConfigSubTab = 'details') {
    return `/k8s/ns/${namespace}/${VM_REF}/${name}/configuration${sub === 'details' ? '' : `/${sub}`}`;
  }

  async open(namespace: string, name: string, sub: ConfigSubTab = 'details') {
    await this.page.goto(`${this.baseURL}${this.path(namespace, name, sub)}`);
    await this.waitFor(sub);
  }

  subTab(sub: ConfigSubTab) {
    return this.page
      .getByRole('tabpanel', { name: 'Configuration', exact: true })
      .getByRole('tab', { name: CONFIG_SUB_TABS[sub], exact: true });
  }

  panel(sub: ConfigSubTab) {
    return this.page.getByRole('tabpanel', { name: CONFIG_SUB_TABS[sub], exact: true });
  }

  /** Switches sub-tabs as a user does; the URL follows. */
  async openSubTab(sub: ConfigSubTab) {
    await this.subTab(sub).click();
    await this.waitFor(sub);
  }

  async waitFor(sub: ConfigSubTab) {
    await expect(this.subTab(sub)).toHaveAttribute('aria-selected', 'true');
    await expect(this.page).toHaveURL(
      new RegExp(`/configuration${sub === 'details' ? '' : `/${sub}`}$`),
    );
    await expect(this.panel(sub)).toBeVisible();
    await expect(this.panel(sub).locator('.pf-v6-c-skeleton')).toHaveCount(0, { timeout: 20_000 });
  }

  /** The pencil of a row (`Boot order`, `Node selector` …). */
  editButton(label: string) {
    return this.page.getByRole('button', { name: `Edit ${label}`, exact: true });
  }

  /** The value next to a row's label. */
  rowValue(label: string) {
    return this.page
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${label}`) })
      .locator('xpath=following-sibling::*[1]');
  }

  dialog(name?: string | RegExp) {
    return this.page.getByRole('dialog', name ? { name } : undefined);
  }

  /**
   * A table row by the name its first cell starts with (labels such as "Hot-plugged" may follow;
   * `scratch` does not match `scratch2`).
   */
  row(table: Locator, name: string) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return table.locator('tbody tr').filter({
      has: this.page.locator('td:first-child', {
        hasText: new RegExp(`^\\s*${escaped}(?![a-z0-9.-])`),
      }),
    });
  }

  async rowAction(table: Locator, name: string, action: string) {
    await this.row(table, name)
      .getByRole('button', { name: new RegExp(`^Actions`) })
      .click();
    await this.page.getByRole('menuitem', { name: action, exact: true }).click();
  }

  /** The page header's pending-changes alert (RestartRequired). */
  pendingChanges() {
    return this.page.locator('.virtualization-plugin__vm-pending-changes');
  }

  /**
   * Counts the requests matching `filter` from now on: the forms must send nothing while what
   * was typed is invalid.
   */
  countRequests(filter: (method: string, url: string) => boolean) {
    const seen: string[] = [];
    this.page.on('request', (request) => {
      if (filter(request.method(), request.url()))
        seen.push(`${request.method()} ${request.url()}`);
    });
    return seen;
  }
}
