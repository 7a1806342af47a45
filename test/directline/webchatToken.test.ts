import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from '../helpers.js';

const SECRET = 'direct-line-secret-for-tests';

/** Stands in for Azure Direct Line's tokens/generate; `failing` makes it answer 500. */
async function startFakeDirectLine() {
    const requests: { authorization?: string; body: Record<string, any> }[] = [];
    const state = { failing: false };
    const server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
            requests.push({ authorization: req.headers.authorization, body: JSON.parse(body || '{}') });
            const authorised = req.headers.authorization === `Bearer ${SECRET}`;
            if (state.failing || req.method !== 'POST' || req.url !== '/v3/directline/tokens/generate') {
                res.writeHead(state.failing ? 500 : 404);
                res.end();
            } else if (!authorised) {
                res.writeHead(403);
                res.end();
            } else {
                res.writeHead(200, { 'content-type': 'application/json' });
                res.end(
                    JSON.stringify({ conversationId: 'azure-conversation', token: 'azure-token', expires_in: 3600 }),
                );
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
        endpoint: `http://127.0.0.1:${port}/v3/directline`,
        requests,
        state,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}

describe('POST /api/webchat/token with DIRECT_LINE_SECRET (Azure Direct Line)', function () {
    // Spawns the real server: slower than mocha's default when run without .mocharc.json.
    this.timeout(30_000);

    let server: TestServer;
    let azure: Awaited<ReturnType<typeof startFakeDirectLine>>;

    before(async () => {
        azure = await startFakeDirectLine();
        server = await startTestServer({
            prefix: 'luotsi-webchat-azure-',
            env: { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: `${azure.endpoint}/` },
        });
    });

    after(async () => {
        await server?.close();
        await azure?.close();
    });

    it('should exchange the secret for a token on the server and never hand out the secret', async () => {
        const response = await fetch(`${server.url}/api/webchat/token`, { method: 'POST' });
        expect(response.status).to.equal(200);
        const text = await response.text();
        expect(text).to.not.include(SECRET);
        expect(JSON.parse(text)).to.deep.equal({
            token: 'azure-token',
            conversationId: 'azure-conversation',
            domain: azure.endpoint,
        });
        const request = azure.requests.at(-1)!;
        expect(request.authorization).to.equal(`Bearer ${SECRET}`);
        expect(request.body.user.id).to.match(/^dl_/);
    });

    it('should answer 502 without details when Azure fails', async () => {
        azure.state.failing = true;
        try {
            const response = await fetch(`${server.url}/api/webchat/token`, { method: 'POST' });
            expect(response.status).to.equal(502);
            const text = await response.text();
            expect(text).to.not.include(SECRET);
            expect(JSON.parse(text)).to.have.nested.property('error.code');
        } finally {
            azure.state.failing = false;
        }
    });

    it('should not run the local Direct Line endpoint or its connector routes', async () => {
        expect((await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST' })).status).to.equal(404);
        const connector = await fetch(`${server.url}/v3/conversations/any/activities`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'message', text: 'hei' }),
        });
        expect(connector.status).to.equal(404);
    });
});
