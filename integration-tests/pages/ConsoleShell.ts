import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The standalone console as a user sees it: masthead, navigation, project bar, page. */
export class ConsoleShell {
  constructor(
    private readonly page: Page,
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

  async chooseProject(name: string) {
    await this.page.getByRole('button', { name: /^(Project|프로젝트):/ }).click();
    await this.page.getByRole('option', { name }).click();
  }

  /** Saves a screenshot under test-results/screenshots and attaches it to the report. */
  async screenshot(name: string) {
    const dir = path.join(this.testInfo.project.outputDir, 'screenshots');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    await this.testInfo.attach(name, { path: file, contentType: 'image/png' });
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
