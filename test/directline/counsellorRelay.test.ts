import { expect } from 'chai';
import { startTestServer, type TestServer } from '../helpers.js';
import { loggedIn } from '../httpClients.js';

describe('counsellor relay through the local Direct Line endpoint', function () {
    // Spawns the real server: slower than mocha's default when run without .mocharc.json.
    this.timeout(30_000);

    let server: TestServer;

    before(async () => {
        server = await startTestServer({
            prefix: 'luotsi-directline-relay-',
            users: { anna: 'counsellor' },
            counsellorsOnDuty: true,
        });
    });

    after(async () => {
        await server?.close();
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

        const anna = await loggedIn(server.url, 'anna');
        const waiting = await anna.json<{ handovers: { id: string }[] }>(
            'GET',
            '/api/counsellor/handovers?status=waiting',
        );
        const id = waiting.body.handovers[0]!.id;
        expect((await anna.request('POST', `/api/counsellor/handovers/${id}/accept`, {})).status).to.equal(200);
        await hears('liittyi keskusteluun');
        const sent = await anna.request('POST', `/api/counsellor/handovers/${id}/messages`, {
            text: 'Hei, kerro lisää.',
        });
        expect(sent.status).to.equal(200);
        await hears('Hei, kerro lisää.');
    });
});
