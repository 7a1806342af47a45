import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startChannelListener, startTestServer, type ChannelListener, type TestServer } from '../helpers.js';
import { CounsellorClient, loggedIn, Resident } from '../httpClients.js';

describe('counsellor API and live relay over HTTP', () => {
    let server: TestServer;
    let channel: ChannelListener;

    before(async () => {
        server = await startTestServer({
            prefix: 'luotsi-counsellor-',
            users: { anna: 'counsellor', bertil: 'counsellor', sari: 'supervisor' },
            counsellorsOnDuty: true,
        });
        channel = await startChannelListener();
    });

    after(async () => {
        await server?.close();
        await channel?.close();
    });

    it('should refuse without login, with a wrong password, without CSRF token, and on a bad body', async () => {
        const anonymous = new CounsellorClient(server.url);
        expect((await anonymous.json('GET', '/api/counsellor/handovers?status=waiting')).status).to.equal(401);
        expect((await anonymous.login('anna', 'wrong password!!')).status).to.equal(401);
        expect((await anonymous.json('POST', '/api/counsellor/login', { username: 'anna' })).status).to.equal(422);

        const anna = await loggedIn(server.url, 'anna');
        const noCsrf = await anna.request(
            'POST',
            '/api/counsellor/handovers/x/accept',
            {},
            { 'x-csrf-token': 'forged' },
        );
        expect(noCsrf.status).to.equal(403);
        expect(((await noCsrf.json()) as { error: string }).error).to.be.a('string');
        expect((await anna.json('GET', '/api/counsellor/handovers/does-not-exist')).status).to.equal(404);
        expect((await anna.json('GET', '/api/counsellor/handovers?status=lost')).status).to.equal(422);
    });

    it('should carry a resident to a counsellor and back: queue, accept once, chat both ways, audit, close with feedback', async () => {
        const resident = new Resident(server.url, channel, `conversation-${Date.now()}`);
        await resident.say('Äitini ei pärjää enää kotona ja olen huolissani');
        await resident.hears('Nämä palvelut voisivat sopia sinulle');
        await resident.say('ihminen');
        await resident.hears('Voinko välittää tämän keskustelun');
        await resident.say('Kyllä, välitä');
        await resident.say('Keskustele nyt');
        await resident.hears('Olet jonossa sijalla 1');

        const anna = await loggedIn(server.url, 'anna');
        const bertil = await loggedIn(server.url, 'bertil');
        const waiting = await anna.json<{ handovers: { id: string; reason: string }[] }>(
            'GET',
            '/api/counsellor/handovers?status=waiting',
        );
        expect(waiting.status).to.equal(200);
        const id = waiting.body.handovers[0]!.id;

        const details = await anna.json('GET', `/api/counsellor/handovers/${id}?lang=sv`);
        expect(details.body.handover.residentWords).to.include('Äitini ei pärjää enää kotona');
        expect(details.body.handover.summary.map((s: { section: string }) => s.section)).to.deep.equal([
            'identification',
            'situation',
            'background',
            'assessment',
            'recommendation',
        ]);

        const [first, second] = await Promise.all([
            anna.json('POST', `/api/counsellor/handovers/${id}/accept`, {}),
            bertil.json('POST', `/api/counsellor/handovers/${id}/accept`, {}),
        ]);
        const statuses = [first.status, second.status].sort();
        expect(statuses).to.deep.equal([200, 409]);
        const winner = first.status === 200 ? anna : bertil;
        const loser = first.status === 200 ? bertil : anna;
        const taken = first.status === 409 ? first : second;
        expect(taken.body.acceptedBy).to.equal(first.status === 200 ? 'anna' : 'bertil');
        await resident.hears('liittyi keskusteluun');

        const sent = await winner.json('POST', `/api/counsellor/handovers/${id}/messages`, {
            text: 'Hei, olen neuvoja. Kerro lisää.',
        });
        expect(sent.status).to.equal(200);
        await resident.hears('Neuvoja: Hei, olen neuvoja. Kerro lisää.');
        expect(
            (await loser.json('POST', `/api/counsellor/handovers/${id}/messages`, { text: 'minäkin' })).status,
        ).to.equal(409);
        expect(
            (await winner.json('POST', `/api/counsellor/handovers/${id}/messages`, { text: '   ' })).status,
        ).to.equal(422);

        await resident.say('Hän kaatui eilen keittiössä');
        const afterMessage = await winner.json('GET', `/api/counsellor/handovers/${id}`);
        expect(afterMessage.body.handover.messages.map((m: { text: string }) => m.text)).to.include(
            'Hän kaatui eilen keittiössä',
        );

        expect(
            (await winner.json('POST', `/api/counsellor/handovers/${id}/close`, { outcome: 'referred' })).status,
        ).to.equal(422);
        expect(
            (await winner.json('POST', `/api/counsellor/handovers/${id}/close`, { outcome: 'maybe' })).status,
        ).to.equal(422);
        const closed = await winner.json('POST', `/api/counsellor/handovers/${id}/close`, {
            outcome: 'referred',
            serviceId: 'demo-home-care',
        });
        expect(closed.status).to.equal(200);
        await resident.hears('Neuvoja päätti keskustelun');
        await resident.hears('Anna arvio 1–5');
        expect(
            (await winner.json('POST', `/api/counsellor/handovers/${id}/close`, { outcome: 'resolved' })).status,
        ).to.equal(409);

        const audit = JSON.parse(await readFile(path.join(server.dataDir, 'audit.json'), 'utf8')) as {
            entries: { actor: string; action: string; handoverId?: string }[];
        };
        const views = audit.entries.filter((entry) => entry.action === 'view-transcript' && entry.handoverId === id);
        expect(views.map((entry) => entry.actor)).to.include.members(['anna']);
        expect(JSON.stringify(audit)).not.to.include('kaatui');
    });

    it('should keep waiting and accepted handovers over a restart, and the resident still connected', async () => {
        const resident = new Resident(server.url, channel, `conversation-restart-${Date.now()}`);
        for (const text of ['ihminen', 'Kyllä, välitä', 'Keskustele nyt']) await resident.say(text);
        await resident.hears('Olet jonossa');
        const anna = await loggedIn(server.url, 'anna');
        const list = await anna.json<{ handovers: { id: string }[] }>(
            'GET',
            '/api/counsellor/handovers?status=waiting',
        );
        const id = list.body.handovers[0]!.id;
        expect((await anna.json('POST', `/api/counsellor/handovers/${id}/accept`, {})).status).to.equal(200);

        await server.restart();
        const again = await loggedIn(server.url, 'anna');
        const accepted = await again.json<{ handovers: { id: string; status: string }[] }>(
            'GET',
            '/api/counsellor/handovers?status=accepted',
        );
        expect(accepted.body.handovers.map((h) => h.id)).to.include(id);
        const relaunched = new Resident(server.url, channel, resident.conversationId);
        await relaunched.say('Oletko vielä siellä?');
        const details = await again.json('GET', `/api/counsellor/handovers/${id}`);
        expect(details.body.handover.messages.map((m: { text: string }) => m.text)).to.include('Oletko vielä siellä?');
    });

    it('should stream queue changes to the console with server-sent events', async () => {
        const anna = await loggedIn(server.url, 'anna');
        const controller = new AbortController();
        const response = await anna.request('GET', '/api/counsellor/events', undefined, {
            accept: 'text/event-stream',
        });
        expect(response.headers.get('content-type')).to.include('text/event-stream');
        const reader = response.body!.getReader();
        const resident = new Resident(server.url, channel, `conversation-sse-${Date.now()}`);
        for (const text of ['ihminen', 'Kyllä, välitä', 'Keskustele nyt']) await resident.say(text);
        let received = '';
        const deadline = Date.now() + 10_000;
        while (!received.includes('event: handover') && Date.now() < deadline) {
            const { value } = await reader.read();
            received += new TextDecoder().decode(value);
        }
        controller.abort();
        await reader.cancel();
        expect(received).to.include('event: handover');
        expect(received).to.include('"type":"created"');
    });
});
