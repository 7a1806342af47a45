import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { removeDir, runScript, startServer, tempDir, type RunningServer } from '../helpers.js';
import { launchBrowser, seriousViolations } from './browser.js';

const PASSWORD = 'correct horse battery staple';

describe('supervisor dashboard in Chromium', function () {
    this.timeout(60_000);
    let dataDir: string;
    let server: RunningServer;
    let browser: Browser;

    before(async () => {
        dataDir = await tempDir('luotsi-dashboard-');
        const added = await runScript('src/cli/userAdd.ts', ['--username', 'sari', '--role', 'supervisor'], {
            env: { DATA_DIR: dataDir, LUOTSI_PASSWORD: PASSWORD },
        });
        expect(added.code, added.stderr).to.equal(0);
        server = await startServer({ DATA_DIR: dataDir });
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
        await removeDir(dataDir);
    });

    for (const language of ['fi', 'sv', 'en'] as const) {
        it(`should render charts with tables and no serious axe findings (${language})`, async () => {
            const context = await browser.newContext();
            const page = await context.newPage();
            const login = await page.request.post(`${server.url}/api/counsellor/login`, {
                data: { username: 'sari', password: PASSWORD },
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
