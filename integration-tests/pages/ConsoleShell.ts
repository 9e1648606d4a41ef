import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The standalone console as a user sees it: masthead, navigation, project bar, page. */
export class ConsoleShell {
  constructor(
    readonly page: Page,
    private readonly baseURL: string,
    private readonly testInfo: TestInfo,
  ) {}

  async open(pathname = '/') {
    await this.page.goto(`${this.baseURL}${pathname}`);
  }

  navigation() {
    return this.page.getByRole('navigation', { name: /Main navigation|기본 탐색/ });
  }

  navigationSection(name: string | RegExp) {
    return this.navigation().getByRole('button', { name });
  }

  navigationLink(name: string | RegExp) {
    return this.navigation().getByRole('link', { name });
  }

  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  async chooseLanguage(nativeName: string) {
    await this.page.getByRole('button', { name: /^(Language|언어|言語|Langue)/ }).click();
    await this.page.getByRole('option', { name: nativeName }).click();
  }

  async chooseDarkTheme() {
    await this.page.getByRole('button', { name: /Dark theme|어두운 테마/ }).click();
  }

  /**
   * A screenshot in the dark theme without the theme menu: the shell's own switch (the class
   * PatternFly's dark tokens hang on) applied for the shot, so it works while a modal is open.
   */
  async darkScreenshot(name: string, options: { tall?: boolean } = {}) {
    const toggle = (dark: boolean) =>
      this.page.evaluate((on) => {
        document.documentElement.classList.toggle('pf-v6-theme-dark', on);
        document.documentElement.style.colorScheme = on ? 'dark' : 'light';
      }, dark);
    await toggle(true);
    try {
      await this.screenshot(name, options);
    } finally {
      await toggle(false);
    }
  }

  async chooseLightTheme() {
    await this.page.getByRole('button', { name: /Light theme|밝은 테마/ }).click();
  }

  /** Logs in on the login page as an embedded-cluster user and waits for the console. */
  async logInAs(username: string, pathname = '/') {
    await this.open(pathname);
    await this.page.getByRole('radio', { name: 'An embedded-cluster user' }).check();
    await this.page.getByRole('combobox', { name: 'User' }).selectOption(username);
    await this.page.getByRole('button', { name: 'Log in' }).click();
    await expect(this.page.getByRole('button', { name: `User: ${username}` })).toBeVisible();
  }

  async chooseProject(name: string) {
    await this.page.getByRole('button', { name: /^(Project|프로젝트):/ }).click();
    await this.page.getByRole('option', { name }).click();
  }

  /** Saves a screenshot under test-results/screenshots and attaches it to the report. */
  async screenshot(name: string, options: { tall?: boolean } = {}) {
    const dir = path.join(this.testInfo.project.outputDir, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    // The page scrolls inside the shell's main area, which `fullPage` does not unroll: `tall`
    // makes the window as high as that content for the picture, then restores it.
    const viewport = this.page.viewportSize();
    const hidden = options.tall && viewport ? await this.hiddenScrollHeight() : 0;
    if (viewport && hidden > 0)
      await this.page.setViewportSize({
        width: viewport.width,
        height: Math.min(viewport.height + hidden, 6000),
      });
    try {
      await this.page.screenshot({ path: file, fullPage: true });
    } finally {
      if (viewport && hidden > 0) await this.page.setViewportSize(viewport);
    }
    await this.testInfo.attach(name, { path: file, contentType: 'image/png' });
  }

  /** How much of the main area the shell's scrolling container hides below the fold. */
  private hiddenScrollHeight() {
    return this.page.evaluate(() => {
      const main = document.querySelector('main');
      if (!main) return 0;
      return Math.max(
        0,
        ...Array.from(document.querySelectorAll<HTMLElement>('body *'))
          .filter((element) => element.contains(main))
          .filter((element) => /(auto|scroll)/.test(getComputedStyle(element).overflowY))
          .map((element) => element.scrollHeight - element.clientHeight),
      );
    });
  }

  /** No serious or critical accessibility violations on the page as it is now. */
  async expectAccessible() {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    const serious = results.violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }
}
