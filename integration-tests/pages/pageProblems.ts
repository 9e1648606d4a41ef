import { expect, type test as playwrightTest } from '@playwright/test';

/**
 * Every page must run without uncaught errors or React warnings. Refused requests are the point
 * of some steps, so the browser's own "Failed to load resource" lines are not counted.
 */
export const failOnPageProblems = (test: typeof playwrightTest) => {
  let problems: string[] = [];
  test.beforeEach(({ page }) => {
    problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(`console error: ${message.text()}`);
    });
  });
  test.afterEach(() => expect(problems).toEqual([]));
};
