import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startChannelListener, startTestServer, type ChannelListener, type TestServer } from '../helpers.js';
import { Resident } from '../httpClients.js';
import {
    launchBrowser,
    logInToConsole,
    openFirstHandover,
    seriousViolations,
    sendCounsellorMessage,
} from './browser.js';

describe('counsellor console in Chromium', function () {
    this.timeout(60_000);
    let server: TestServer;
    let channel: ChannelListener;
    let browser: Browser;

    before(async () => {
        server = await startTestServer({
            prefix: 'luotsi-browser-',
            users: { anna: 'counsellor' },
            counsellorsOnDuty: true,
        });
        channel = await startChannelListener();
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await server?.close();
        await channel?.close();
    });

    it('should log in, show the live queue, open, accept and answer a handover, with no serious axe findings', async () => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${server.url}/counsellor?lang=fi`);
        expect(await page.getAttribute('html', 'lang')).to.equal('fi');
        expect(await seriousViolations(page)).to.deep.equal([]);

        await logInToConsole(page, 'anna');
        await page.locator('table').waitFor();
        expect(await seriousViolations(page)).to.deep.equal([]);

        const resident = new Resident(server.url, channel, `browser-${Date.now()}`);
        for (const text of ['Isäni ei enää muista ottaa lääkkeitään', 'ihminen', 'Kyllä, välitä', 'Keskustele nyt']) {
            await resident.say(text);
        }
        await openFirstHandover(page);
        await page.getByText('Isäni ei enää muista ottaa lääkkeitään').first().waitFor();
        expect(await seriousViolations(page)).to.deep.equal([]);

        await page.getByRole('button', { name: 'Ota hoitoon' }).click();
        await channel.waitFor((activity) => String(activity.text).includes('liittyi keskusteluun'));
        await sendCounsellorMessage(page, 'Hei, olen Anna. Kerro lisää isästäsi.');
        await channel.waitFor((activity) => String(activity.text).includes('Hei, olen Anna'));
        expect(await seriousViolations(page)).to.deep.equal([]);
        await page.close();
    });
});
