import { expect, test } from '@playwright/test';
import { ConsoleShell } from './pages/ConsoleShell';
import { failOnPageProblems } from './pages/pageProblems';
import { SERVERS, UNREACHABLE_API } from './playwright.config';

const OVERVIEW_ALL = '/k8s/all-namespaces/virtualization-overview';

failOnPageProblems(test);

test.describe('the standalone console hosting the plugin', () => {
  test('opens the Overview from the plugin navigation, in Korean and in dark theme', async ({
    page,
  }, testInfo) => {
    const shell = new ConsoleShell(page, SERVERS.connected, testInfo);
    const manifest = page.waitForResponse(
      '**/api/plugins/virtualization-plugin/plugin-manifest.json',
    );
    await shell.open('/');
    expect((await manifest).status()).toBe(200);

    // `/` lands on the first link the plugin contributes.
    await expect(page).toHaveURL(`${SERVERS.connected}${OVERVIEW_ALL}`);
    await expect(shell.navigationSection('Virtualization')).toBeVisible();
    await expect(shell.navigationLink('Overview')).toHaveAttribute('aria-current', 'page');

    await expect(shell.heading('Virtualization overview')).toBeVisible();
    await expect(page.getByText('Connected', { exact: true })).toBeVisible();
    await expect(page.getByText('v1.33.4')).toBeVisible();
    await expect(page).toHaveTitle('Virtualization overview · Virtualization console');
    await shell.expectAccessible();
    await shell.screenshot('overview-connected-light-en');

    await shell.chooseLanguage('한국어');
    await expect(shell.navigationSection('가상화')).toBeVisible();
    await expect(shell.navigationLink('개요')).toBeVisible();
    await expect(shell.heading('가상화 개요')).toBeVisible();
    await expect(page.getByText('연결됨', { exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await shell.screenshot('overview-connected-light-ko');

    await shell.chooseDarkTheme();
    await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
    await shell.expectAccessible();
    await shell.screenshot('overview-connected-dark-ko');

    // Both choices survive a reload.
    await page.reload();
    await expect(shell.heading('가상화 개요')).toBeVisible();
    await expect(page.locator('html')).toHaveClass(/pf-v6-theme-dark/);
  });

  test('builds the navigation from the extensions the plugin manifest declares', async ({
    page,
  }, testInfo) => {
    // Serve the real manifest with one more section and link: the shell must show what the
    // manifest says, not a menu of its own.
    await page.route('**/api/plugins/virtualization-plugin/plugin-manifest.json', async (route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as {
        extensions: { type: string; properties: Record<string, unknown> }[];
      };
      manifest.extensions.push(
        { type: 'console.navigation/section', properties: { id: 'extra', name: 'Extra section' } },
        {
          type: 'console.navigation/href',
          properties: {
            id: 'extra-link',
            section: 'extra',
            name: 'Extra link',
            href: '/extra-page',
          },
        },
      );
      await route.fulfill({ response, json: manifest });
    });
    const shell = new ConsoleShell(page, SERVERS.connected, testInfo);
    await shell.open(OVERVIEW_ALL);
    await expect(shell.navigationSection('Extra section')).toBeVisible();
    await expect(shell.navigationLink('Extra link')).toHaveAttribute('href', '/extra-page');

    // A link without a route extension leads to the shell's not-found page, not a blank one.
    await shell.navigationLink('Extra link').click();
    await expect(shell.heading('Page not found')).toBeVisible();
  });

  test('moves the page between projects with the project selector', async ({ page }, testInfo) => {
    const shell = new ConsoleShell(page, SERVERS.connected, testInfo);
    await shell.open(OVERVIEW_ALL);
    await shell.chooseProject('team-a');
    await expect(page).toHaveURL(`${SERVERS.connected}/k8s/ns/team-a/virtualization-overview`);
    await expect(shell.navigationLink('Overview')).toHaveAttribute(
      'href',
      '/k8s/ns/team-a/virtualization-overview',
    );
    await expect(page.getByRole('button', { name: 'Project: team-a' })).toBeVisible();
    await expect(shell.heading('Virtualization overview')).toBeVisible();
  });

  test('says so when no cluster is connected', async ({ page }, testInfo) => {
    const shell = new ConsoleShell(page, SERVERS.disconnected, testInfo);
    await shell.open(OVERVIEW_ALL);
    await expect(page.getByRole('heading', { name: 'No cluster connected' })).toBeVisible();
    await shell.expectAccessible();
    await shell.screenshot('overview-disconnected-light-en');
  });

  test('shows why the cluster cannot be reached, and retries', async ({ page }, testInfo) => {
    const shell = new ConsoleShell(page, SERVERS.unreachable, testInfo);
    await shell.open(OVERVIEW_ALL);
    await expect(page.getByRole('heading', { name: 'Cluster status unavailable' })).toBeVisible({
      timeout: 20_000,
    });
    await expect(
      page.getByText(`Cannot reach the cluster at ${UNREACHABLE_API}: ECONNREFUSED.`),
    ).toBeVisible();
    await shell.screenshot('overview-unreachable-light-en');

    const retried = page.waitForRequest('**/bff/version');
    await page.getByRole('button', { name: 'Try again' }).click();
    await retried;
    await expect(page.getByRole('heading', { name: 'Cluster status unavailable' })).toBeVisible();
  });

  test('shows a loading state while the cluster answers', async ({ page }, testInfo) => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/bff/version', async (route) => {
      await held;
      await route.continue();
    });
    const shell = new ConsoleShell(page, SERVERS.connected, testInfo);
    await shell.open(OVERVIEW_ALL);
    await expect(page.getByLabel('Loading cluster status').first()).toBeVisible();
    await shell.screenshot('overview-loading-light-en');
    release();
    await expect(page.getByText('v1.33.4')).toBeVisible();
  });
});
