import { expect } from 'chai';
import { startTestServer, type TestServer } from '../helpers.js';

type Activity = Record<string, any>;
interface ActivitySet {
    activities: Activity[];
    watermark: string;
}

const REGION_SITE = 'https://www.region.example';

/** Web Chat's side of the protocol, as its Direct Line client speaks it in polling mode. */
class DirectLineClient {
    constructor(
        readonly domain: string,
        public token: string,
        readonly conversationId: string,
    ) {}

    static async start(domain: string, token?: string): Promise<DirectLineClient> {
        const response = await fetch(`${domain}/conversations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ user: { id: 'r_webchat' } }),
        });
        expect(response.status).to.equal(201);
        const body = (await response.json()) as { conversationId: string; token: string };
        return new DirectLineClient(domain, body.token, body.conversationId);
    }

    post(activity: Activity, conversationId = this.conversationId, token = this.token): Promise<Response> {
        return fetch(`${this.domain}/conversations/${conversationId}/activities`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(activity),
        });
    }

    say(text: string, clientActivityID = `c-${Math.random().toString(36).slice(2)}`): Promise<Response> {
        return this.post({
            type: 'message',
            text,
            locale: 'fi-FI',
            textFormat: 'plain',
            channelId: 'webchat',
            from: { id: 'r_webchat', role: 'user' },
            channelData: { clientActivityID, clientTimestamp: new Date().toISOString() },
        });
    }

    activities(watermark = '', conversationId = this.conversationId, token = this.token): Promise<Response> {
        return fetch(`${this.domain}/conversations/${conversationId}/activities?watermark=${watermark}`, {
            headers: { authorization: `Bearer ${token}` },
        });
    }

    /** Polls like Web Chat until `test` holds for the activities so far. */
    async waitFor(test: (activities: Activity[]) => boolean, ms = 15_000): Promise<ActivitySet> {
        const deadline = Date.now() + ms;
        for (;;) {
            const response = await this.activities();
            expect(response.status).to.equal(200);
            const set = (await response.json()) as ActivitySet;
            if (test(set.activities)) return set;
            if (Date.now() > deadline) throw new Error(`not seen in time: ${JSON.stringify(set.activities)}`);
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
    }
}

const fromBot = (activity: Activity) => activity.from?.role === 'bot';

describe('local Direct Line endpoint over HTTP', function () {
    // Spawns the real server: slower than mocha's default when run without .mocharc.json.
    this.timeout(30_000);

    let server: TestServer;
    let domain: string;

    before(async () => {
        server = await startTestServer({ prefix: 'luotsi-directline-', env: { ALLOWED_ORIGINS: REGION_SITE } });
        domain = `${server.url}/v3/directline`;
    });

    after(async () => {
        await server?.close();
    });

    it('should start a conversation with a token and no streamUrl', async () => {
        const response = await fetch(`${domain}/conversations`, { method: 'POST' });
        expect(response.status).to.equal(201);
        const body = (await response.json()) as Record<string, unknown>;
        expect(body.conversationId).to.be.a('string').and.not.empty;
        expect(body.token).to.match(/^[\w-]{43}$/);
        expect(body.expires_in).to.equal(1800);
        expect(body).to.not.have.property('streamUrl');
    });

    it('should greet the resident when the conversation starts, before they type', async () => {
        const client = await DirectLineClient.start(domain);
        const { activities } = await client.waitFor((activities) => activities.some(fromBot));
        expect(activities[0]).to.deep.include({ type: 'message', conversation: { id: client.conversationId } });
        expect(activities[0]!.text).to.be.a('string').and.not.empty;
    });

    it('should greet in the locale the page starts the conversation with (conversationStartProperties)', async () => {
        const response = await fetch(`${domain}/conversations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ user: { id: 'r_webchat' }, locale: 'sv-FI' }),
        });
        const { conversationId, token } = (await response.json()) as { conversationId: string; token: string };
        const client = new DirectLineClient(domain, token, conversationId);
        await client.waitFor((activities) => activities.some(fromBot));
        await client.post({ type: 'message', text: 'tandläkare', locale: 'sv-FI' });
        await client.waitFor((activities) =>
            activities.some((activity) => String(activity.text).includes('De här tjänsterna kunde passa dig')),
        );
    });

    it('should echo the resident’s message with its clientActivityID and then show the bot’s replies', async () => {
        const client = await DirectLineClient.start(domain);
        const posted = await client.say('hammaslääkäri', 'client-activity-1');
        expect(posted.status).to.equal(200);
        const { id } = (await posted.json()) as { id: string };
        expect(id).to.match(new RegExp(`^${client.conversationId}\\|\\d{7}$`));

        const { activities } = await client.waitFor((activities) =>
            activities.some((activity) => String(activity.text).includes('Nämä palvelut voisivat sopia sinulle')),
        );
        const own = activities.find((activity) => activity.id === id)!;
        expect(own.channelData.clientActivityID).to.equal('client-activity-1');
        expect(own).to.deep.include({ type: 'message', text: 'hammaslääkäri', channelId: 'webchat' });
        expect(own.from.role).to.equal('user');

        const replies = activities.filter((activity) => activity.replyToId === id);
        expect(replies).to.not.be.empty;
        for (const reply of replies) {
            expect(reply.id).to.match(new RegExp(`^${client.conversationId}\\|\\d{7}$`));
            expect(Date.parse(reply.timestamp)).to.be.at.least(Date.parse(own.timestamp));
            expect(reply.conversation.id).to.equal(client.conversationId);
            expect(reply.from.id).to.be.a('string').and.not.equal(own.from.id);
            expect(reply.from.role).to.equal('bot');
            expect(reply).to.not.have.property('serviceUrl');
        }
        expect(JSON.stringify(replies)).to.match(/[Hh]ammas/);
    });

    it('should return only newer activities after a watermark', async () => {
        const client = await DirectLineClient.start(domain);
        const first = await client.waitFor((activities) => activities.some(fromBot));
        await client.say('hammaslääkäri');
        const later = await client.waitFor((activities) =>
            activities.some((activity) => String(activity.text).includes('Nämä palvelut')),
        );
        expect(Number(later.watermark)).to.be.greaterThan(Number(first.watermark));

        const page = (await (await client.activities(first.watermark)).json()) as ActivitySet;
        const seenBefore = new Set(first.activities.map((activity) => activity.id));
        expect(page.activities).to.not.be.empty;
        expect(page.activities.filter((activity) => seenBefore.has(activity.id))).to.deep.equal([]);
        expect(page.activities.map((activity) => activity.text)).to.include('hammaslääkäri');

        const empty = (await (await client.activities(later.watermark)).json()) as ActivitySet;
        expect(empty).to.deep.equal({ activities: [], watermark: later.watermark });
    });

    it('should answer 403 to a wrong or another conversation’s token, 404 to an unknown conversation', async () => {
        const mine = await DirectLineClient.start(domain);
        const theirs = await DirectLineClient.start(domain);
        const wrong = await mine.activities('', mine.conversationId, 'not-a-token');
        expect(wrong.status).to.equal(403);
        expect(((await wrong.json()) as { error: { code: string } }).error.code).to.be.a('string');
        expect((await fetch(`${domain}/conversations/${mine.conversationId}/activities`)).status).to.equal(403);
        expect((await mine.activities('', theirs.conversationId)).status).to.equal(403);
        expect((await mine.post({ type: 'message', text: 'hei' }, theirs.conversationId)).status).to.equal(403);
        const unknown = await mine.activities('', 'no-such-conversation');
        expect(unknown.status).to.equal(404);
        expect(((await unknown.json()) as { error: { code: string } }).error.code).to.equal('NotFound');
    });

    it('should refresh a token and join a conversation made by tokens/generate', async () => {
        const generated = await fetch(`${domain}/tokens/generate`, { method: 'POST' });
        expect(generated.status).to.equal(200);
        const { conversationId, token, expires_in } = (await generated.json()) as Record<string, any>;
        expect(expires_in).to.equal(1800);

        const client = await DirectLineClient.start(domain, token);
        expect(client.conversationId).to.equal(conversationId);
        expect(client.token).to.equal(token);

        const refreshed = await fetch(`${domain}/tokens/refresh`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
        });
        expect(refreshed.status).to.equal(200);
        const renewed = (await refreshed.json()) as Record<string, any>;
        expect(renewed.conversationId).to.equal(conversationId);
        expect(renewed.token).to.be.a('string').and.not.equal(token);
        expect(renewed.expires_in).to.equal(1800);
        expect((await client.activities('', conversationId, renewed.token)).status).to.equal(200);

        const reconnect = await fetch(`${domain}/conversations/${conversationId}?watermark=`, {
            headers: { authorization: `Bearer ${renewed.token}` },
        });
        expect(reconnect.status).to.equal(200);
        expect(await reconnect.json()).to.include({ conversationId, token: renewed.token });

        const refused = await fetch(`${domain}/tokens/refresh`, {
            method: 'POST',
            headers: { authorization: 'Bearer expired' },
        });
        expect(refused.status).to.equal(403);
    });

    it('should refuse activities without a type (400) and with overlong text (413), as Direct Line does', async () => {
        const client = await DirectLineClient.start(domain);
        const untyped = await client.post({ text: 'hei' });
        expect(untyped.status).to.equal(400);
        expect(((await untyped.json()) as { error: { code: string } }).error.code).to.equal('BadArgument');
        const long = await client.post({ type: 'message', text: 'a'.repeat(4001) });
        expect(long.status).to.equal(413);
        expect(await long.json()).to.have.nested.property('error.code', 'MessageSizeTooBig');
    });

    it('should limit posting to 30 activities a minute per conversation, with Retry-After', async () => {
        const client = await DirectLineClient.start(domain);
        for (let n = 0; n < 30; n++) {
            const response = await client.post({ type: 'event', name: 'test/ping' });
            expect(response.status, `post ${n + 1}`).to.equal(200);
        }
        const limited = await client.post({ type: 'event', name: 'test/ping' });
        expect(limited.status).to.equal(429);
        expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
        const other = await DirectLineClient.start(domain);
        expect((await other.post({ type: 'event', name: 'test/ping' })).status).to.equal(200);
    });

    it('should answer CORS preflights for a listed origin only', async () => {
        const preflight = (origin: string) =>
            fetch(`${domain}/conversations/x/activities`, {
                method: 'OPTIONS',
                headers: {
                    origin,
                    'access-control-request-method': 'POST',
                    'access-control-request-headers': 'authorization,content-type,x-ms-bot-agent',
                },
            });
        const allowed = await preflight(REGION_SITE);
        expect(allowed.status).to.equal(204);
        expect(allowed.headers.get('access-control-allow-origin')).to.equal(REGION_SITE);
        expect(allowed.headers.get('access-control-allow-headers')).to.include('x-ms-bot-agent');
        expect(allowed.headers.get('access-control-allow-methods')).to.include('POST');

        const refused = await preflight('https://elsewhere.example');
        expect(refused.headers.get('access-control-allow-origin')).to.equal(null);

        const client = await DirectLineClient.start(domain);
        const polled = await fetch(`${domain}/conversations/${client.conversationId}/activities`, {
            headers: { authorization: `Bearer ${client.token}`, origin: REGION_SITE },
        });
        expect(polled.headers.get('access-control-allow-origin')).to.equal(REGION_SITE);
        expect(polled.headers.get('access-control-expose-headers')).to.include('Retry-After');
        const tokenPreflight = await fetch(`${server.url}/api/webchat/token`, {
            method: 'OPTIONS',
            headers: { origin: REGION_SITE, 'access-control-request-method': 'POST' },
        });
        expect(tokenPreflight.headers.get('access-control-allow-origin')).to.equal(REGION_SITE);
    });

    it('should accept connector calls only for its own conversations, and show them in the stream', async () => {
        const unknown = await fetch(`${server.url}/v3/conversations/no-such-conversation/activities`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'message', text: 'hei' }),
        });
        expect(unknown.status).to.equal(404);

        const client = await DirectLineClient.start(domain);
        const proactive = await fetch(`${server.url}/v3/conversations/${client.conversationId}/activities`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'message', text: 'Neuvoja on nyt paikalla.', from: { id: 'luotsi' } }),
        });
        expect(proactive.status).to.equal(200);
        const { id } = (await proactive.json()) as { id: string };
        const { activities } = await client.waitFor((activities) => activities.some((a) => a.id === id));
        expect(activities.find((activity) => activity.id === id)).to.deep.include({
            text: 'Neuvoja on nyt paikalla.',
            conversation: { id: client.conversationId },
            from: { id: 'luotsi', role: 'bot' },
        });
    });

    it('should give the resident page a local token, conversation and domain', async () => {
        const response = await fetch(`${server.url}/api/webchat/token`, { method: 'POST' });
        expect(response.status).to.equal(200);
        expect(response.headers.get('cache-control')).to.equal('no-store');
        const body = (await response.json()) as { token: string; conversationId: string; domain: string };
        expect(body.domain).to.equal(domain);
        const client = await DirectLineClient.start(body.domain, body.token);
        expect(client.conversationId).to.equal(body.conversationId);
        await client.say('hammaslääkäri');
        await client.waitFor((activities) =>
            activities.some((activity) => String(activity.text).includes('Nämä palvelut voisivat sopia sinulle')),
        );
    });
});
