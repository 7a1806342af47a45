import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { CONSOLE_PASSWORD, startTestServer, type TestServer } from '../helpers.js';
import { launchBrowser, seriousViolations } from './browser.js';

describe('supervisor dashboard in Chromium', function () {
    this.timeout(60_000);
    let server: TestServer;
    let browser: Browser;

    before(async () => {
        server = await startTestServer({ prefix: 'luotsi-dashboard-', users: { sari: 'supervisor' } });
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await server?.close();
    });

    for (const language of ['fi', 'sv', 'en'] as const) {
        it(`should render charts with tables and no serious axe findings (${language})`, async () => {
            const context = await browser.newContext();
            const page = await context.newPage();
            const login = await page.request.post(`${server.url}/api/counsellor/login`, {
                data: { username: 'sari', password: CONSOLE_PASSWORD },
            });
            expect(login.status()).to.equal(200);
            const response = await page.goto(`${server.url}/counsellor/stats?lang=${language}`);
            expect(response?.status()).to.equal(200);
            expect(await page.getAttribute('html', 'lang')).to.equal(language);
            expect(await page.locator('svg[role="img"]').count()).to.be.greaterThan(3);
            expect(await page.locator('table caption').count()).to.be.greaterThan(3);
            expect(await seriousViolations(page)).to.deep.equal([]);
            await context.close();
        });
    }
});
