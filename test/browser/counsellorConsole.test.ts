import { expect } from 'chai';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import {
    copyOfContent,
    editJson,
    removeDir,
    runScript,
    startChannelListener,
    startServer,
    tempDir,
    type ChannelListener,
    type RunningServer,
} from '../helpers.js';
import { launchBrowser, seriousViolations } from './browser.js';

const PASSWORD = 'correct horse battery staple';

async function residentSays(
    server: RunningServer,
    channel: ChannelListener,
    conversation: string,
    text: string,
): Promise<void> {
    await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
            type: 'message',
            channelId: 'webchat',
            serviceUrl: channel.serviceUrl,
            locale: 'fi-FI',
            text,
            from: { id: 'resident', role: 'user' },
            recipient: { id: 'luotsi', role: 'bot' },
            conversation: { id: conversation },
        }),
    });
}

describe('counsellor console in Chromium', function () {
    this.timeout(60_000);
    let dataDir: string;
    let content: string;
    let server: RunningServer;
    let channel: ChannelListener;
    let browser: Browser;

    before(async () => {
        dataDir = await tempDir('luotsi-browser-');
        content = await copyOfContent();
        await editJson<Record<string, unknown>>(path.join(content, 'region.json'), (region) => {
            region.counsellorHours = { alwaysOpen: true };
        });
        const added = await runScript('src/cli/userAdd.ts', ['--username', 'anna', '--role', 'counsellor'], {
            env: { DATA_DIR: dataDir, LUOTSI_PASSWORD: PASSWORD },
        });
        expect(added.code, added.stderr).to.equal(0);
        server = await startServer({ DATA_DIR: dataDir, CONTENT_DIR: content });
        channel = await startChannelListener();
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
        await channel?.close();
        await removeDir(dataDir);
        await removeDir(content);
    });

    it('should log in, show the live queue, open, accept and answer a handover, with no serious axe findings', async () => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${server.url}/counsellor?lang=fi`);
        expect(await page.getAttribute('html', 'lang')).to.equal('fi');
        expect(await seriousViolations(page)).to.deep.equal([]);

        await page.getByLabel(/käyttäjätunnus/i).fill('anna');
        await page.getByLabel(/salasana/i).fill(PASSWORD);
        await page.keyboard.press('Enter');
        await page.locator('table').waitFor();
        expect(await seriousViolations(page)).to.deep.equal([]);

        const conversation = `browser-${Date.now()}`;
        for (const text of ['Isäni ei enää muista ottaa lääkkeitään', 'ihminen', 'Kyllä, välitä', 'Keskustele nyt']) {
            await residentSays(server, channel, conversation, text);
        }
        const row = page.locator('tbody tr').first();
        await row.waitFor();
        await row.getByRole('button').first().click();
        await page.getByText('Isäni ei enää muista ottaa lääkkeitään').first().waitFor();
        expect(await seriousViolations(page)).to.deep.equal([]);

        await page.getByRole('button', { name: 'Ota hoitoon' }).click();
        await channel.waitFor((activity) => String(activity.text).includes('liittyi keskusteluun'));
        await page.getByRole('textbox', { name: /viesti/i }).fill('Hei, olen Anna. Kerro lisää isästäsi.');
        await page.getByRole('button', { name: 'Lähetä', exact: true }).click();
        await channel.waitFor((activity) => String(activity.text).includes('Hei, olen Anna'));
        expect(await seriousViolations(page)).to.deep.equal([]);
        await page.close();
    });
});
