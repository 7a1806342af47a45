import { expect } from 'chai';
import { startTestServer, type TestServer } from '../helpers.js';

const activity = {
    type: 'message',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    text: 'hei',
    from: { id: 'someone' },
    recipient: { id: 'luotsi' },
    conversation: { id: 'c1' },
};

describe('Azure Bot Service authentication', () => {
    let server: TestServer;

    before(async () => {
        server = await startTestServer({
            prefix: 'luotsi-azure-',
            env: {
                MicrosoftAppId: '0b7c2f2e-5f0c-4a53-9d55-6a8a3f0c1d11',
                MicrosoftAppPassword: 'not-a-real-secret',
                MicrosoftAppType: 'MultiTenant',
            },
        });
    });

    after(async () => {
        await server?.close();
    });

    for (const [name, headers] of [
        ['no token', {}],
        ['a malformed token', { authorization: 'Bearer not.a.jwt' }],
        ['a forged unsigned token', { authorization: `Bearer ${forgedToken()}` }],
    ] as const) {
        it(`should answer 401 to an activity with ${name} when MicrosoftAppId is configured`, async () => {
            const response = await fetch(`${server.url}/api/messages`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...headers },
                body: JSON.stringify(activity),
            });
            expect(response.status).to.equal(401);
        });
    }
});

/** A JWT with the right claims but no valid signature (alg none), as an attacker would try. */
function forgedToken(): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({
        iss: 'https://api.botframework.com',
        aud: '0b7c2f2e-5f0c-4a53-9d55-6a8a3f0c1d11',
        exp: now + 3600,
        nbf: now - 60,
        serviceurl: 'http://127.0.0.1:9/',
    })}.`;
}
