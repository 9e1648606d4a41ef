import { expect, test } from '@playwright/test';
import { ConsoleShell } from './pages/ConsoleShell';
import { SERVERS } from './playwright.config';

// `npm start`'s server: the embedded cluster runs inside it, and the console asks who you are.
test.describe('logging in to the embedded cluster', () => {
  test('refuses a bad token, keeps it typed, then logs in as a user and out again', async ({
    page,
  }, testInfo) => {
    const shell = new ConsoleShell(page, SERVERS.embedded, testInfo);
    await shell.open('/');
    await expect(
      page.getByRole('heading', { name: 'Log in to the Virtualization console' }),
    ).toBeVisible();
    await shell.expectAccessible();
    await shell.screenshot('login-page');

    await page.getByRole('radio', { name: 'A token' }).check();
    await page.getByRole('textbox', { name: 'Token' }).fill('not-a-real-token');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('You could not be logged in')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Token' })).toHaveValue('not-a-real-token');
    await shell.screenshot('login-refused');

    await page.getByRole('radio', { name: 'An embedded-cluster user' }).check();
    await page.getByRole('combobox', { name: 'User' }).selectOption('developer');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(shell.heading('Virtualization overview')).toBeVisible();
    // The overview asked the cluster as the developer, through the session.
    await expect(page.getByText('Connected', { exact: true })).toBeVisible();
    const user = page.getByRole('button', { name: 'User: developer' });
    await expect(user).toBeVisible();
    await shell.screenshot('logged-in-developer');

    await user.click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await expect(
      page.getByRole('heading', { name: 'Log in to the Virtualization console' }),
    ).toBeVisible();
  });
});
