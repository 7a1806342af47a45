import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers.js';
import {
    launchBrowser,
    logInToConsole,
    openFirstHandover,
    seriousViolations,
    sendCounsellorMessage,
} from './browser.js';

/** The Web Chat send box, found by its role as a resident's screen reader would. */
async function say(page: Page, text: string): Promise<void> {
    const box = page.getByRole('textbox').last();
    await box.click();
    await box.fill(text);
    await box.press('Enter');
}

/** The text of the focused button (empty when focus is not on a button), looking into the embed's shadow root. */
function focusedName(page: Page): Promise<string> {
    return page.evaluate(`(() => {
        let element = document.activeElement;
        while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
        return element && element.tagName === 'BUTTON' ? element.getAttribute('aria-label') || element.textContent || '' : '';
    })()`);
}

async function sees(page: Page, text: string | RegExp): Promise<void> {
    await page.getByText(text).last().waitFor({ timeout: 20_000 });
}

describe('resident chat in Chromium', function () {
    this.timeout(120_000);
    let server: TestServer;
    let browser: Browser;

    before(async () => {
        server = await startTestServer({
            prefix: 'luotsi-resident-',
            users: { anna: 'counsellor' },
            counsellorsOnDuty: true,
        });
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await server?.close();
    });

    it('should find a dentist, switch to Swedish, and meet axe with no serious findings', async () => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${server.url}/?lang=fi`);
        await sees(page, /Kerrot asiasi vain kerran/);
        expect(await seriousViolations(page)).to.deep.equal([]);
        await say(page, 'tarvitsen hammaslääkärin');
        await page
            .locator('.ac-adaptiveCard')
            .filter({ hasText: /hammashoitola/i })
            .first()
            .waitFor({ timeout: 20_000 });
        await say(page, 'på svenska');
        await sees(page, /vi fortsätter på svenska/);
        await say(page, 'jag behöver hjälp med hyran');
        await sees(page, /De här tjänsterna kunde passa dig/);
        expect(await seriousViolations(page)).to.deep.equal([]);
    });

    it('should answer a crisis message first with 112', async () => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${server.url}/?lang=fi`);
        await sees(page, /Kerrot asiasi vain kerran/);
        await say(page, 'en jaksa enää elää, haluan kuolla');
        await sees(page, /soita heti hätänumeroon 112/);
        await sees(page, /09 2525 0111/);
    });

    it('should carry the resident to a counsellor in another browser and relay both ways', async () => {
        const resident = await (await browser.newContext()).newPage();
        await resident.goto(`${server.url}/?lang=fi`);
        await sees(resident, /Kerrot asiasi vain kerran/);
        await say(resident, 'Äiti ei enää pärjää kotona');
        await sees(resident, /Nämä palvelut voisivat sopia sinulle/);
        await say(resident, 'ihminen');
        await sees(resident, /Voinko välittää tämän keskustelun/);
        await say(resident, 'Kyllä, välitä');
        await sees(resident, /Miten haluat/);
        await say(resident, 'Keskustele nyt');
        await sees(resident, /Olet jonossa sijalla/);

        const counsellor = await (await browser.newContext()).newPage();
        await counsellor.goto(`${server.url}/counsellor?lang=fi`);
        await logInToConsole(counsellor, 'anna');
        await openFirstHandover(counsellor);
        await counsellor.getByRole('button', { name: 'Ota hoitoon' }).click();
        await sees(resident, /liittyi keskusteluun/);
        await sendCounsellorMessage(counsellor, 'Hei, olen Anna. Miten voin auttaa?');
        await sees(resident, /Neuvoja: Hei, olen Anna/);
        await say(resident, 'Äiti kaatui eilen');
        await counsellor.getByText('Äiti kaatui eilen').first().waitFor({ timeout: 20_000 });
    });

    it('should let a keyboard user open, use and close the embedded chat, and keep the info pages axe clean', async () => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${server.url}/embed-demo`);
        const opener = page.getByRole('button', { name: /keskustele|chat/i }).first();
        await opener.waitFor();
        for (let i = 0; i < 40 && !/keskustele|chat/i.test(await focusedName(page)); i++)
            await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        const frame = page.frameLocator('iframe').first();
        // The demo host page follows the browser's language, and the chat greets in it.
        const greeting = /Kerrot asiasi vain kerran|Du berättar ditt ärende bara en gång|You tell your story only once/;
        await frame.getByText(greeting).first().waitFor({ timeout: 20_000 });
        await page.keyboard.type('hammaslääkäri');
        await page.keyboard.press('Enter');
        const dentalCard = frame.locator('.ac-adaptiveCard').filter({ hasText: /hammashoitola|tandklinik|dental/i });
        await dentalCard.first().waitFor({ timeout: 20_000 });
        await page.keyboard.press('Escape');
        await page.locator('iframe').first().waitFor({ state: 'hidden', timeout: 5_000 });
        expect(await focusedName(page)).to.match(/keskustele|chat/i);
        for (const url of ['/accessibility?lang=fi', '/accessibility?lang=sv', '/privacy?lang=en']) {
            await page.goto(`${server.url}${url}`);
            expect(await seriousViolations(page), url).to.deep.equal([]);
        }
    });
});
