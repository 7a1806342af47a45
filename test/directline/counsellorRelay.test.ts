import { expect } from 'chai';
import path from 'node:path';
import { copyOfContent, editJson, removeDir, runScript, startServer, tempDir, type RunningServer } from '../helpers.js';

const PASSWORD = 'correct horse battery staple';

describe('counsellor relay through the local Direct Line endpoint', function () {
    // Spawns the real server: slower than mocha's default when run without .mocharc.json.
    this.timeout(30_000);

    let server: RunningServer;
    let dataDir: string;
    let content: string;

    before(async () => {
        dataDir = await tempDir('luotsi-directline-relay-');
        const added = await runScript('src/cli/userAdd.ts', ['--username', 'anna', '--role', 'counsellor'], {
            env: { DATA_DIR: dataDir, LUOTSI_PASSWORD: PASSWORD },
        });
        expect(added.code, added.stderr).to.equal(0);
        // Counsellors on duty around the clock, so the test does not depend on the hour.
        content = await copyOfContent();
        await editJson<Record<string, unknown>>(path.join(content, 'region.json'), (region) => {
            region.counsellorHours = { alwaysOpen: true };
        });
        server = await startServer({ DATA_DIR: dataDir, CONTENT_DIR: content });
    });

    after(async () => {
        await server?.stop();
        await removeDir(dataDir);
        await removeDir(content);
    });

    it('should bring the counsellor’s proactive messages into the resident’s Web Chat stream', async () => {
        const { token, conversationId, domain } = (await (
            await fetch(`${server.url}/api/webchat/token`, { method: 'POST' })
        ).json()) as { token: string; conversationId: string; domain: string };
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        expect((await fetch(`${domain}/conversations`, { method: 'POST', headers })).status).to.equal(201);
        const say = async (text: string) => {
            const response = await fetch(`${domain}/conversations/${conversationId}/activities`, {
                method: 'POST',
                headers,
                body: JSON.stringify({
                    type: 'message',
                    text,
                    locale: 'fi-FI',
                    channelData: { clientActivityID: text },
                }),
            });
            expect(response.status).to.equal(200);
        };
        const hears = async (fragment: string) => {
            const deadline = Date.now() + 15_000;
            while (Date.now() < deadline) {
                const { activities } = (await (
                    await fetch(`${domain}/conversations/${conversationId}/activities`, { headers })
                ).json()) as { activities: { text?: string; from: { role: string } }[] };
                const found = activities.find((a) => a.from.role === 'bot' && String(a.text).includes(fragment));
                if (found) return found;
                await new Promise((resolve) => setTimeout(resolve, 200));
            }
            throw new Error(`the resident never saw "${fragment}"`);
        };

        for (const text of ['ihminen', 'Kyllä, välitä', 'Keskustele nyt']) await say(text);
        await hears('Olet jonossa');

        const login = await fetch(`${server.url}/api/counsellor/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'anna', password: PASSWORD }),
        });
        expect(login.status).to.equal(200);
        const counsellor = {
            cookie: login.headers.get('set-cookie')!.split(';')[0]!,
            'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
            'content-type': 'application/json',
        };
        const waiting = (await (
            await fetch(`${server.url}/api/counsellor/handovers?status=waiting`, { headers: counsellor })
        ).json()) as { handovers: { id: string }[] };
        const id = waiting.handovers[0]!.id;
        const counsellorPost = (url: string, body: unknown) =>
            fetch(`${server.url}${url}`, { method: 'POST', headers: counsellor, body: JSON.stringify(body) });
        expect((await counsellorPost(`/api/counsellor/handovers/${id}/accept`, {})).status).to.equal(200);
        await hears('liittyi keskusteluun');
        const sent = await counsellorPost(`/api/counsellor/handovers/${id}/messages`, { text: 'Hei, kerro lisää.' });
        expect(sent.status).to.equal(200);
        await hears('Hei, kerro lisää.');
    });
});
