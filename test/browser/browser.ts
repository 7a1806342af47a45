import { AxeBuilder } from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CONSOLE_PASSWORD } from '../helpers.js';

export const CHROMIUM = '/usr/bin/chromium';
/** Flags for Debian's Chromium in a sandboxed CI without network beyond loopback. */
const FLAGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does)`);
    return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** axe-core's WCAG 2.1 A and AA rules; returns the serious and critical findings only. */
export async function seriousViolations(page: Page): Promise<string[]> {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
            (violation) =>
                `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
        );
}

/** Logs in on the console's login form (the page must show it) as `username`, in Finnish, as a counsellor would. */
export async function logInToConsole(page: Page, username: string): Promise<void> {
    await page.getByLabel(/käyttäjätunnus/i).fill(username);
    await page.getByLabel(/salasana/i).fill(CONSOLE_PASSWORD);
    await page.keyboard.press('Enter');
}

/** Waits for the first handover in the console's queue and opens it. */
export async function openFirstHandover(page: Page): Promise<void> {
    const row = page.locator('tbody tr').first();
    await row.waitFor();
    await row.getByRole('button').first().click();
}

/** Writes `text` in the console's chat box and sends it. */
export async function sendCounsellorMessage(page: Page, text: string): Promise<void> {
    await page.getByRole('textbox', { name: /viesti/i }).fill(text);
    await page.getByRole('button', { name: 'Lähetä', exact: true }).click();
}
