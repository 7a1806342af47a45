import { expect } from 'chai';
import { startChannelListener, startTestServer, type ChannelListener, type TestServer } from '../helpers.js';
import { loggedIn, Resident } from '../httpClients.js';

describe('statistics over HTTP', () => {
    let server: TestServer;
    let channel: ChannelListener;

    before(async () => {
        server = await startTestServer({ prefix: 'luotsi-stats-', users: { sari: 'supervisor', anna: 'counsellor' } });
        channel = await startChannelListener();
        // A little traffic so the figures are not all zero.
        for (const text of ['hammaslääkäri', 'junan aikataulu']) {
            await new Resident(server.url, channel, `stats-${text}`).say(text);
        }
    });

    after(async () => {
        await server?.close();
        await channel?.close();
    });

    it('should refuse anonymous visitors (401) and counsellors (403)', async () => {
        expect((await fetch(`${server.url}/api/stats`)).status).to.equal(401);
        const anna = await loggedIn(server.url, 'anna');
        expect((await anna.request('GET', '/api/stats')).status).to.equal(403);
        expect((await anna.request('GET', '/counsellor/stats')).status).to.equal(403);
    });

    it('should give the supervisor the same daily figures as JSON and CSV, and validate dates', async () => {
        const sari = await loggedIn(server.url, 'sari');
        const today = new Date().toISOString().slice(0, 10);
        const json = (await (await sari.request('GET', `/api/stats?from=${today}&to=${today}`)).json()) as {
            totals: { conversations: number };
            daily: Record<string, unknown>[];
        };
        expect(json.totals.conversations).to.be.at.least(2);
        const csv = await (await sari.request('GET', `/api/stats.csv?from=${today}&to=${today}`)).text();
        const [header, ...rows] = csv.trim().split(/\r?\n/);
        expect(rows).to.have.lengthOf(json.daily.length);
        const columns = header!.split(',');
        const first = rows[0]!.split(',');
        for (const [index, column] of columns.entries()) {
            const value = json.daily[0]![column];
            expect(first[index], column).to.equal(value === null || value === undefined ? '' : String(value));
        }
        expect((await sari.request('GET', `/api/stats?from=2026-13-01&to=${today}`)).status).to.equal(422);
        const page = await sari.request('GET', `/counsellor/stats?from=${today}&to=${today}`);
        expect(page.status).to.equal(200);
        expect(await page.text()).to.include('<table');
    });
});
