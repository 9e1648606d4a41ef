import {
  expect,
  type APIRequestContext,
  type Locator,
  type Page,
  type PlaywrightWorkerArgs,
} from '@playwright/test';

const BFF = '/api/proxy/plugin/virtualization-plugin/bff';
const VM_REF = 'kubevirt.io~v1~VirtualMachine';
export const VM_API = '/apis/kubevirt.io/v1';

export type VmTab =
  | 'overview'
  | 'configuration'
  | 'yaml'
  | 'events'
  | 'console'
  | 'snapshots'
  | 'metrics'
  | 'diagnostics';

export const VM_TABS: VmTab[] = [
  'overview',
  'configuration',
  'yaml',
  'events',
  'console',
  'snapshots',
  'metrics',
  'diagnostics',
];

const TAB_TITLES: Record<VmTab, string> = {
  overview: 'Overview',
  configuration: 'Configuration',
  yaml: 'YAML',
  events: 'Events',
  console: 'Console',
  snapshots: 'Snapshots',
  metrics: 'Metrics',
  diagnostics: 'Diagnostics',
};

/** A Kubernetes object as the tests read it. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/**
 * The Kubernetes API through the BFF (`bff/k8s/...`) with a session: the page's own (its
 * cookies, the `csrf-token` cookie echoed as `X-CSRFToken`) or one logged in for the test.
 */
export class BffApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseURL: string,
    private readonly csrf: () => Promise<string>,
  ) {}

  /** A session of its own, logged in as an embedded-cluster user (the test's "other user"). */
  static async logIn(
    playwright: PlaywrightWorkerArgs['playwright'],
    baseURL: string,
    username: string,
  ): Promise<BffApi & { dispose: () => Promise<void> }> {
    const request = await playwright.request.newContext({ baseURL });
    const response = await request.post(`${BFF}/session/login`, { data: { username } });
    expect(response.ok(), await response.text()).toBe(true);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    const api = new BffApi(request, baseURL, () => Promise.resolve(csrfToken));
    return Object.assign(api, { dispose: () => request.dispose() });
  }

  /** The raw answer (tests that expect a refusal read its status). */
  async fetch(method: string, path: string, body?: unknown, contentType = 'application/json') {
    return this.request.fetch(`${this.baseURL}${BFF}/k8s${path}`, {
      method,
      headers: {
        'X-CSRFToken': await this.csrf(),
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async call<T = KubeObject>(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<T> {
    const response = await this.fetch(method, path, body, contentType);
    const text = await response.text();
    if (!response.ok()) throw new Error(`${method} ${path}: HTTP ${response.status()} ${text}`);
    return JSON.parse(text) as T;
  }

  get<T = KubeObject>(path: string) {
    return this.call<T>('GET', path);
  }

  /** The object, or undefined when it does not exist. */
  async find<T = KubeObject>(path: string): Promise<T | undefined> {
    const response = await this.fetch('GET', path);
    if (response.status() === 404) return undefined;
    if (!response.ok()) throw new Error(`GET ${path}: HTTP ${response.status()}`);
    return (await response.json()) as T;
  }

  create<T = KubeObject>(path: string, object: unknown) {
    return this.call<T>('POST', path, object);
  }

  mergePatch<T = KubeObject>(path: string, patch: unknown) {
    return this.call<T>('PATCH', path, patch, 'application/merge-patch+json');
  }

  /** A Prometheus instant query through the BFF, as this user: the vector's samples. */
  async prometheusVector(query: string, params: Record<string, string> = {}) {
    const search = new URLSearchParams({ query, ...params });
    const response = await this.request.get(
      `${this.baseURL}${BFF}/prometheus/api/v1/query?${search}`,
    );
    const text = await response.text();
    if (!response.ok()) throw new Error(`query ${query}: HTTP ${response.status()} ${text}`);
    return (
      JSON.parse(text) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      }
    ).data.result;
  }

  vmPath(namespace: string, name = '') {
    return `${VM_API}/namespaces/${namespace}/virtualmachines${name ? `/${name}` : ''}`;
  }

  vmiPath(namespace: string, name = '') {
    return `${VM_API}/namespaces/${namespace}/virtualmachineinstances${name ? `/${name}` : ''}`;
  }

  /** A VM that never boots (Halted), to give a project something to list. */
  createHaltedVm(namespace: string, name: string) {
    return this.create(this.vmPath(namespace), {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name, namespace, labels: { app: name } },
      spec: {
        runStrategy: 'Halted',
        template: {
          spec: {
            domain: { devices: {}, resources: { requests: { memory: '128Mi' } } },
          },
        },
      },
    });
  }
}

/** The VirtualMachines list, its row menus and dialogs, and the VM details page. */
export class VirtualMachinesPage {
  constructor(
    private readonly page: Page,
    private readonly baseURL: string,
  ) {}

  // ---- navigation -------------------------------------------------------------------------------

  listPath(namespace?: string, query = '') {
    const scope = namespace ? `/k8s/ns/${namespace}` : '/k8s/all-namespaces';
    return `${scope}/${VM_REF}${query ? `?${query}` : ''}`;
  }

  detailsPath(namespace: string, name: string, tab: VmTab = 'overview') {
    return `/k8s/ns/${namespace}/${VM_REF}/${name}/${tab}`;
  }

  async openList(namespace?: string, query = '') {
    await this.page.goto(`${this.baseURL}${this.listPath(namespace, query)}`);
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'VirtualMachines' }),
    ).toBeVisible();
  }

  async openDetails(namespace: string, name: string, tab: VmTab = 'overview') {
    await this.page.goto(`${this.baseURL}${this.detailsPath(namespace, name, tab)}`);
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  /** Marks the document; `expectNoReload` fails if the page was loaded again since. */
  async markDocument() {
    await this.page.evaluate(() => {
      (window as unknown as { __vmTestMark?: boolean }).__vmTestMark = true;
    });
  }

  async expectNoReload() {
    expect(
      await this.page.evaluate(
        () => (window as unknown as { __vmTestMark?: boolean }).__vmTestMark === true,
      ),
    ).toBe(true);
  }

  // ---- the list ---------------------------------------------------------------------------------

  table() {
    return this.page.getByRole('grid', { name: 'VirtualMachines' });
  }

  /** The body rows of the list. */
  rows() {
    return this.table().getByRole('rowgroup').nth(1).getByRole('row');
  }

  row(name: string) {
    return this.rows().filter({
      has: this.page.getByRole('link', { name, exact: true }),
    });
  }

  /** Every row's name link, in order (for toHaveText on the whole list). */
  nameLinks() {
    return this.table().locator('tbody tr td:nth-child(2) a');
  }

  status(name: string) {
    return this.row(name).getByRole('button', { name: `Status of ${name}:`, exact: false });
  }

  textFilter() {
    return this.page.getByRole('textbox', { name: 'Filter by name or label' });
  }

  /** A filter's checkbox menu (Status, Node), not the column's sort button of the same name. */
  /** Below the toolbar's breakpoint the filters fold behind one toggle: open it if so. */
  async showFilters() {
    const toggle = this.page.getByRole('button', { name: /^show filters$/i });
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true')
      await toggle.click();
  }

  filterMenuToggle(name: string) {
    // The name carries the count of chosen options once there are some ("Status 1").
    return this.page.getByRole('button', {
      name: new RegExp(`^${name}( \\d+)?$`),
      expanded: false,
    });
  }

  async toggleFilterOption(filter: string, option: string) {
    await this.showFilters();
    await this.filterMenuToggle(filter).click();
    await this.page.getByRole('menuitem', { name: option, exact: true }).click();
    await this.page.keyboard.press('Escape');
  }

  /** A row's cell under a column header (columns can be chosen and moved). */
  async cell(name: string, column: string) {
    const headers = await this.table().getByRole('columnheader').allTextContents();
    const index = headers.findIndex((header) => header.trim() === column);
    expect(index, `column ${column} in ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
    return this.row(name).getByRole('gridcell').nth(index);
  }

  sortButton(column: string) {
    return this.table()
      .getByRole('columnheader', { name: column, exact: true })
      .getByRole('button');
  }

  // ---- actions ----------------------------------------------------------------------------------

  /** The row menu (⋮), opened, with its actions loaded. */
  async openRowActions(name: string) {
    await this.page.getByRole('button', { name: `Actions for ${name}`, exact: true }).click();
    const menu = this.page.getByRole('menu');
    await expect(menu.getByRole('menuitem').first()).not.toHaveText(/Loading/);
    return menu;
  }

  /** "Actions" in the details header, opened. */
  async openDetailsActions() {
    await this.page.getByRole('button', { name: 'Actions', exact: true }).click();
    const menu = this.page.getByRole('menu');
    await expect(menu.getByRole('menuitem').first()).not.toHaveText(/Loading/);
    return menu;
  }

  menuItem(menu: Locator, label: string) {
    // An item's accessible name carries its description: match the label at the start.
    return menu.getByRole('menuitem', { name: new RegExp(`^${label}(\\s|$)`) });
  }

  /** The labels of the offered actions (descriptions left out). */
  async offeredActions(menu: Locator): Promise<string[]> {
    const items = menu.getByRole('menuitem');
    const labels: string[] = [];
    for (let i = 0; i < (await items.count()); i += 1)
      labels.push(
        (await items.nth(i).locator('.pf-v6-c-menu__item-text').first().innerText()).trim(),
      );
    return labels;
  }

  /** Runs a row action; `confirm` names the dialog's button when one asks first. */
  async rowAction(name: string, action: string, confirm?: string) {
    const menu = await this.openRowActions(name);
    const item = this.menuItem(menu, action);
    await expect(item).toBeEnabled();
    await expect(item).not.toHaveAttribute('aria-disabled', 'true');
    await item.click();
    if (confirm) {
      const dialog = this.dialog();
      await dialog.getByRole('button', { name: confirm, exact: true }).click();
      await expect(dialog).toBeHidden();
    }
  }

  /** An inline alert by its title (PatternFly prefixes it with "Success alert:" and the like). */
  alert(title: string) {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.page.getByRole('heading', { name: new RegExp(`^\\w+ alert: ${escaped}$`) });
  }

  dialog(name?: string | RegExp) {
    return this.page.getByRole('dialog', name ? { name } : undefined);
  }

  // ---- details ----------------------------------------------------------------------------------

  tab(name: string) {
    return this.page.getByRole('tab', { name, exact: true });
  }

  tabPanel(name: string) {
    return this.page.getByRole('tabpanel', { name });
  }

  /** The value next to a term of a details card (`Status`, `Node` …). */
  detailsValue(term: string) {
    return this.page
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::*[1]');
  }

  /** Switches tabs as a user does (no page load), and waits for the tab. */
  async openTab(tab: VmTab) {
    await this.tab(TAB_TITLES[tab]).click();
    // The Overview is the details page's bare path.
    if (tab !== 'overview') await expect(this.page).toHaveURL(new RegExp(`/${tab}$`));
    await this.waitForTab(tab);
  }

  /** The tab is shown and done loading (no skeletons left). */
  async waitForTab(tab: VmTab) {
    const title = TAB_TITLES[tab];
    await expect(this.tab(title)).toHaveAttribute('aria-selected', 'true');
    const panel = this.tabPanel(title);
    await expect(panel).toBeVisible();
    if (tab === 'yaml') await expect(this.yamlEditor()).toBeVisible();
    await expect(panel.locator('.pf-v6-c-skeleton')).toHaveCount(0, { timeout: 20_000 });
  }

  yamlEditor() {
    return this.page.getByRole('textbox', { name: 'VirtualMachine YAML' });
  }

  /** Puts the cursor at the end of the editor's one line matching `line` and types `text`. */
  async appendToLine(line: RegExp, text: string) {
    const target = this.yamlEditor().locator('.cm-line').filter({ hasText: line });
    await expect(target).toHaveCount(1);
    await target.click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.insertText(text);
  }

  // ---- the guest ----------------------------------------------------------------------------------

  /**
   * Waits until the guest's shell answers on its serial console (through the BFF's console
   * socket, as the page's user): the guest has booted, so it also shuts down cleanly on Stop.
   * Sends a carriage return and waits for the image's prompt `[NAME]# `; retries while the VMI
   * is not running yet.
   */
  async waitForGuestShell(namespace: string, name: string, timeoutMs = 90_000) {
    const answered = await this.page.evaluate(
      async ({ namespace, name, timeoutMs }) => {
        const deadline = Date.now() + timeoutMs;
        const url = `${location.origin.replace(/^http/, 'ws')}/api/proxy/plugin/virtualization-plugin/bff/console/serial/${namespace}/${name}`;
        const attempt = () =>
          new Promise<boolean>((resolve) => {
            const socket = new WebSocket(url, 'plain.kubevirt.io');
            socket.binaryType = 'arraybuffer';
            let text = '';
            const done = (ok: boolean) => {
              clearTimeout(timer);
              socket.onclose = null;
              socket.close();
              resolve(ok);
            };
            const timer = setTimeout(() => done(false), Math.max(0, deadline - Date.now()));
            socket.onopen = () => socket.send(new TextEncoder().encode('\r'));
            socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
              text +=
                typeof event.data === 'string' ? event.data : new TextDecoder().decode(event.data);
              if (text.includes(`[${name}]# `)) done(true);
            };
            socket.onclose = () => done(false);
          });
        while (Date.now() < deadline) {
          if (await attempt()) return true;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        return false;
      },
      { namespace, name, timeoutMs },
    );
    expect(answered, `the shell of ${namespace}/${name} answers on its serial console`).toBe(true);
  }

  // ---- the page's own session -------------------------------------------------------------------

  /** The Kubernetes API with the page's session (the logged-in user). */
  api(): BffApi {
    return new BffApi(this.page.request, this.baseURL, async () => {
      const cookies = await this.page.context().cookies(this.baseURL);
      return cookies.find((cookie) => cookie.name === 'csrf-token')?.value ?? '';
    });
  }
}
