import { expect } from 'chai';
import { startChannelListener, startTestServer, type ChannelListener, type TestServer } from '../helpers.js';
import { postActivity } from '../httpClients.js';

const CHANNEL = '19:counsellors@thread.tacv2';

describe('Teams counsellor channel', () => {
    let server: TestServer;
    let teams: ChannelListener;
    let resident: ChannelListener;

    before(async () => {
        teams = await startChannelListener();
        resident = await startChannelListener();
        server = await startTestServer({
            prefix: 'luotsi-teams-',
            counsellorsOnDuty: true,
            env: { TEAMS_COUNSELLOR_CHANNEL: CHANNEL, TEAMS_SERVICE_URL: teams.serviceUrl },
        });
    });

    after(async () => {
        await server?.close();
        await teams?.close();
        await resident?.close();
    });

    function post(activity: Record<string, unknown>): Promise<void> {
        return postActivity(server.url, { type: 'message', recipient: { id: 'luotsi' }, ...activity });
    }

    it('should post a new handover as a card with its summary, accept it from Teams and take a summary rating', async () => {
        for (const text of ['Veli juo liikaa ja rahat on loppu', 'ihminen', 'Kyllä, välitä', 'Keskustele nyt']) {
            await post({
                channelId: 'webchat',
                serviceUrl: resident.serviceUrl,
                text,
                from: { id: 'resident' },
                conversation: { id: 'resident-teams-test' },
            });
        }
        const card = await teams.waitFor((activity) =>
            JSON.stringify(activity.attachments ?? []).includes('acceptHandover'),
        );
        expect((card.conversation as { id: string }).id).to.equal(CHANNEL);
        const cardJson = JSON.stringify(card.attachments);
        expect(cardJson).to.include('Veli juo liikaa');
        const handoverId = /"handoverId":"([0-9a-f-]{36})"/.exec(cardJson)![1]!;

        const teamsMessage = (value: Record<string, unknown>, name: string) =>
            post({
                channelId: 'msteams',
                serviceUrl: teams.serviceUrl,
                value,
                from: { id: `aad-${name}`, name },
                conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true },
            });
        await teamsMessage({ action: 'acceptHandover', handoverId }, 'Teija');
        const accepted = await teams.waitFor((activity) => JSON.stringify(activity).includes('rateSummary'));
        expect(JSON.stringify(accepted)).to.include('Otit yhteydenoton hoitoon');
        await resident.waitFor((activity) => String(activity.text).includes('Neuvoja Teija liittyi keskusteluun'));

        await teamsMessage({ action: 'acceptHandover', handoverId }, 'Pekka');
        await teams.waitFor((activity) => String(activity.text).includes('Yhteydenotto on jo hoidossa: teams:Teija'));

        await teamsMessage({ action: 'rateSummary', handoverId, rating: 4 }, 'Teija');
        await teams.waitFor((activity) => String(activity.text).includes('Kiitos arviosta'));
    });
});
