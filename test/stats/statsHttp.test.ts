import { expect } from 'chai';
import {
    removeDir,
    runScript,
    startChannelListener,
    startServer,
    tempDir,
    type ChannelListener,
    type RunningServer,
} from '../helpers.js';

const PASSWORD = 'correct horse battery staple';

async function login(server: RunningServer, username: string): Promise<string> {
    const response = await fetch(`${server.url}/api/counsellor/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(response.status).to.equal(200);
    return response.headers.get('set-cookie')!.split(';')[0]!;
}

describe('statistics over HTTP', () => {
    let dataDir: string;
    let server: RunningServer;
    let channel: ChannelListener;

    before(async () => {
        dataDir = await tempDir('luotsi-stats-');
        for (const [username, role] of [
            ['sari', 'supervisor'],
            ['anna', 'counsellor'],
        ] as const) {
            const added = await runScript('src/cli/userAdd.ts', ['--username', username, '--role', role], {
                env: { DATA_DIR: dataDir, LUOTSI_PASSWORD: PASSWORD },
            });
            expect(added.code, added.stderr).to.equal(0);
        }
        server = await startServer({ DATA_DIR: dataDir });
        channel = await startChannelListener();
        // A little traffic so the figures are not all zero.
        for (const text of ['hammaslääkäri', 'junan aikataulu']) {
            await fetch(`${server.url}/api/messages`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({
                    type: 'message',
                    channelId: 'webchat',
                    serviceUrl: channel.serviceUrl,
                    text,
                    from: { id: 'r' },
                    recipient: { id: 'luotsi' },
                    conversation: { id: `stats-${text}` },
                }),
            });
        }
    });

    after(async () => {
        await server?.stop();
        await channel?.close();
        await removeDir(dataDir);
    });

    it('should refuse anonymous visitors (401) and counsellors (403)', async () => {
        expect((await fetch(`${server.url}/api/stats`)).status).to.equal(401);
        const cookie = await login(server, 'anna');
        expect((await fetch(`${server.url}/api/stats`, { headers: { cookie } })).status).to.equal(403);
        expect((await fetch(`${server.url}/counsellor/stats`, { headers: { cookie } })).status).to.equal(403);
    });

    it('should give the supervisor the same daily figures as JSON and CSV, and validate dates', async () => {
        const cookie = await login(server, 'sari');
        const today = new Date().toISOString().slice(0, 10);
        const json = (await (
            await fetch(`${server.url}/api/stats?from=${today}&to=${today}`, { headers: { cookie } })
        ).json()) as {
            totals: { conversations: number };
            daily: Record<string, unknown>[];
        };
        expect(json.totals.conversations).to.be.at.least(2);
        const csv = await (
            await fetch(`${server.url}/api/stats.csv?from=${today}&to=${today}`, { headers: { cookie } })
        ).text();
        const [header, ...rows] = csv.trim().split(/\r?\n/);
        expect(rows).to.have.lengthOf(json.daily.length);
        const columns = header!.split(',');
        const first = rows[0]!.split(',');
        for (const [index, column] of columns.entries()) {
            const value = json.daily[0]![column];
            expect(first[index], column).to.equal(value === null || value === undefined ? '' : String(value));
        }
        expect(
            (await fetch(`${server.url}/api/stats?from=2026-13-01&to=${today}`, { headers: { cookie } })).status,
        ).to.equal(422);
        const page = await fetch(`${server.url}/counsellor/stats?from=${today}&to=${today}`, { headers: { cookie } });
        expect(page.status).to.equal(200);
        expect(await page.text()).to.include('<table');
    });
});
