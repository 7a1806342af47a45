import { expect } from 'chai';
import path from 'node:path';
import {
    copyOfContent,
    editJson,
    removeDir,
    runScript,
    startChannelListener,
    startTestServer,
    type TestServer,
} from '../helpers.js';
import { postActivity } from '../httpClients.js';

function messageActivity(serviceUrl: string, text: string, locale = 'fi-FI') {
    return {
        type: 'message',
        id: `activity-${Math.random().toString(36).slice(2)}`,
        channelId: 'test',
        serviceUrl,
        locale,
        text,
        from: { id: 'resident-1', role: 'user' },
        recipient: { id: 'luotsi', role: 'bot' },
        conversation: { id: `conversation-${Math.random().toString(36).slice(2)}` },
    };
}

describe('server', () => {
    let server: TestServer;

    before(async () => {
        server = await startTestServer({ prefix: 'luotsi-data-' });
    });

    after(async () => {
        await server?.close();
    });

    it('should report health with content version and counts per language', async () => {
        const response = await fetch(`${server.url}/healthz`);
        expect(response.status).to.equal(200);
        const body = (await response.json()) as Record<string, any>;
        expect(body.status).to.equal('ok');
        expect(body.contentVersion).to.be.a('string').and.not.empty;
        for (const language of ['fi', 'sv', 'en']) {
            expect(body.services[language]).to.be.at.least(80);
            expect(body.lifeSituations[language]).to.equal(9);
        }
    });

    it('should answer a message posted to /api/messages at the activity serviceUrl, in its language', async () => {
        const channel = await startChannelListener();
        try {
            await postActivity(server.url, messageActivity(channel.serviceUrl, 'jag behöver en tandläkare'));
            const reply = await channel.waitFor((activity) =>
                String(activity.text).includes('De här tjänsterna kunde passa dig'),
            );
            expect(reply.type).to.equal('message');
            expect(JSON.stringify(reply.attachments)).to.match(/[Tt]and/);
        } finally {
            await channel.close();
        }
    });

    it('should ask for more when nothing fits instead of suggesting random services', async () => {
        const channel = await startChannelListener();
        try {
            await postActivity(server.url, messageActivity(channel.serviceUrl, 'junan aikataulu Tampereelle'));
            const reply = await channel.waitFor((activity) =>
                String(activity.text).includes('En löytänyt vielä sopivaa palvelua'),
            );
            expect(reply.type).to.equal('message');
        } finally {
            await channel.close();
        }
    });

    it('should reject a body that is not an activity with 400 and a JSON error', async () => {
        for (const body of ['', '[]', '{"text":"hei"}']) {
            const response = await fetch(`${server.url}/api/messages`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body,
            });
            expect(response.status, body).to.equal(400);
            expect(((await response.json()) as { error: string }).error).to.be.a('string');
        }
    });

    it('should refuse to start on broken content and list every problem', async () => {
        const content = await copyOfContent();
        try {
            await editJson<Record<string, any>[]>(path.join(content, 'services/health-and-crisis.json'), (services) => {
                delete services[0]!.names.sv;
                services[1]!.kind = 'hospital';
            });
            const result = await runScript('src/index.ts', [], { env: { CONTENT_DIR: content, PORT: '0' } });
            expect(result.code).to.equal(1);
            expect(result.stderr).to.include('Luotsi did not start: the content has 2 problem(s)');
            expect(result.stderr).to.include('field names.sv: language sv: the sv version is missing');
            expect(result.stderr).to.include('"hospital" is not one of the shared service kinds');
        } finally {
            await removeDir(content);
        }
    });

    it('should refuse to start on invalid configuration', async () => {
        const result = await runScript('src/index.ts', [], {
            env: { PORT: 'eighty', MicrosoftAppId: 'app-id-without-password' },
        });
        expect(result.code).to.equal(1);
        expect(result.stderr).to.include('PORT:');
        expect(result.stderr).to.include('MicrosoftAppPassword: is required');
    });
});
