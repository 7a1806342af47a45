import { expect } from 'chai';
import {
    MAX_TEXT_LENGTH,
    activityForBot,
    botActivityDraft,
    userActivityDraft,
} from '../../src/directline/activities.js';
import type { StoredActivity } from '../../src/directline/conversations.js';
import { corsHeaders } from '../../src/directline/cors.js';
import { ownBaseUrl } from '../../src/directline/directLineRoutes.js';
import { SlidingWindowLimiter } from '../../src/directline/rateLimit.js';
import { KeyedQueue } from '../../src/directline/keyedQueue.js';
import { MemoryTokenStore } from '../../src/directline/tokens.js';

const MINUTE = 60 * 1000;
const conversation = { id: 'conv1', userId: 'dl_resident' };

describe('MemoryTokenStore', () => {
    it('should issue opaque 32-byte tokens that expire after their lifetime', async () => {
        let now = 0;
        const tokens = new MemoryTokenStore({ ttlMs: 30 * MINUTE, now: () => now });
        const { token, expiresIn } = await tokens.issue('conv1', 'dl_resident');
        expect(Buffer.from(token, 'base64url')).to.have.length(32);
        expect(expiresIn).to.equal(1800);
        expect(await tokens.verify(token)).to.deep.include({ conversationId: 'conv1', userId: 'dl_resident' });
        expect(await tokens.verify(`${token}x`)).to.equal(undefined);
        now += 30 * MINUTE;
        expect(await tokens.verify(token)).to.equal(undefined);
    });

    it('should forget the oldest token when full', async () => {
        const tokens = new MemoryTokenStore({ maxTokens: 2 });
        const first = await tokens.issue('a', 'u');
        const second = await tokens.issue('b', 'u');
        const third = await tokens.issue('c', 'u');
        expect(await tokens.verify(first.token)).to.equal(undefined);
        expect(await tokens.verify(second.token)).to.not.equal(undefined);
        expect(await tokens.verify(third.token)).to.not.equal(undefined);
    });
});

describe('SlidingWindowLimiter', () => {
    it('should allow the limit within a window, then say how long to wait', () => {
        let now = 0;
        const limiter = new SlidingWindowLimiter({ limit: 30, windowMs: MINUTE, now: () => now });
        for (let n = 0; n < 30; n++) {
            expect(limiter.take('conv1').allowed).to.equal(true);
            now += 1000;
        }
        expect(limiter.take('conv1')).to.deep.equal({ allowed: false, retryAfterSeconds: 30 });
        expect(limiter.take('conv2').allowed, 'another conversation has its own budget').to.equal(true);
        now = MINUTE;
        expect(limiter.take('conv1').allowed, 'the first request has left the window').to.equal(true);
        expect(limiter.take('conv1').allowed).to.equal(false);
    });
});

describe('KeyedQueue', () => {
    it('should run one key’s tasks in order, and go on after a failure', async () => {
        const queue = new KeyedQueue();
        const done: string[] = [];
        const slow = queue.push('conv1', async () => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            done.push('slow');
        });
        const failing = queue.push('conv1', async () => {
            done.push('failing');
            throw new Error('turn failed');
        });
        const last = queue.push('conv1', async () => void done.push('last'));
        const other = queue.push('conv2', async () => void done.push('other'));
        await Promise.all([slow, last, other, failing.catch(() => undefined)]);
        expect(done).to.deep.equal(['other', 'slow', 'failing', 'last']);
        await new Promise((resolve) => setImmediate(resolve));
        expect(queue.size).to.equal(0);
    });
});

describe('Direct Line activities', () => {
    it('should keep the user’s clientActivityID and replace what only the channel may set', () => {
        const result = userActivityDraft(
            {
                type: 'message',
                id: 'forged',
                text: 'hammaslääkäri',
                locale: 'fi-FI',
                from: { id: 'someone-else', role: 'bot' },
                recipient: { id: 'x' },
                serviceUrl: 'http://evil.example',
                channelData: { clientActivityID: 'abc-123', clientTimestamp: '2026-03-01T10:00:00.000Z' },
            },
            conversation,
        );
        expect(result.ok).to.equal(true);
        if (!result.ok) return;
        expect(result.draft).to.deep.equal({
            type: 'message',
            text: 'hammaslääkäri',
            locale: 'fi-FI',
            channelData: { clientActivityID: 'abc-123', clientTimestamp: '2026-03-01T10:00:00.000Z' },
            channelId: 'webchat',
            conversation: { id: 'conv1' },
            from: { id: 'dl_resident', role: 'user' },
        });
    });

    it('should refuse a body without a known type (400) and overlong text (413)', () => {
        const problem = (body: unknown) => {
            const result = userActivityDraft(body, conversation);
            return result.ok ? undefined : result.problem;
        };
        expect(problem(undefined)).to.include({ status: 400, code: 'BadArgument' });
        expect(problem({ text: 'hei' })).to.include({ status: 400, code: 'BadArgument' });
        expect(problem({ type: 'conversationUpdate' })).to.include({ status: 400 });
        expect(problem({ type: 'message', text: 'x'.repeat(MAX_TEXT_LENGTH) })).to.equal(undefined);
        expect(problem({ type: 'message', text: 'x'.repeat(MAX_TEXT_LENGTH + 1) })).to.include({
            status: 413,
            code: 'MessageSizeTooBig',
        });
        expect(problem({ type: 'message', value: { blob: 'x'.repeat(70_000) } })).to.include({ status: 413 });
    });

    it('should deliver a stored activity to the bot as a channel would', () => {
        const stored: StoredActivity = {
            id: 'conv1|0000001',
            timestamp: '2026-03-01T10:00:00.000Z',
            type: 'message',
            text: 'hei',
            locale: 'sv-FI',
            localTimestamp: '2026-03-01T12:00:00.000+02:00',
            channelId: 'webchat',
            conversation: { id: 'conv1' },
            from: { id: 'dl_resident', role: 'user' },
        };
        const activity = activityForBot(stored, conversation, { serviceUrl: 'http://127.0.0.1:3978', botId: 'luotsi' });
        expect(activity).to.deep.include({
            id: 'conv1|0000001',
            channelId: 'webchat',
            serviceUrl: 'http://127.0.0.1:3978',
            locale: 'sv-FI',
            conversation: { id: 'conv1' },
            from: { id: 'dl_resident', role: 'user' },
            recipient: { id: 'luotsi', role: 'bot' },
        });
        expect(activity.timestamp).to.be.instanceOf(Date);
        expect(activity.localTimestamp?.toISOString()).to.equal('2026-03-01T10:00:00.000Z');
    });

    it('should store the bot’s activity as from the bot, replying to the route’s activity', () => {
        const result = botActivityDraft(
            { type: 'message', id: 'x', text: 'Hei!', serviceUrl: 'http://127.0.0.1', from: { id: 'whoever' } },
            'conv1',
            'conv1|0000001',
        );
        expect(result.ok && result.draft).to.deep.equal({
            type: 'message',
            text: 'Hei!',
            replyToId: 'conv1|0000001',
            channelId: 'webchat',
            conversation: { id: 'conv1' },
            from: { id: 'luotsi', role: 'bot' },
        });
        expect(botActivityDraft({ text: 'no type' }, 'conv1', undefined).ok).to.equal(false);
    });
});

describe('corsHeaders', () => {
    const allowed = ['https://www.region.example'];

    it('should allow a listed origin, and expose Retry-After on the actual request', () => {
        expect(corsHeaders('https://www.region.example', allowed, true)).to.include({
            'access-control-allow-origin': 'https://www.region.example',
            'access-control-allow-headers': 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with',
            'access-control-allow-methods': 'GET, POST, OPTIONS',
        });
        expect(corsHeaders('https://www.region.example', allowed, false)).to.deep.equal({
            'access-control-allow-origin': 'https://www.region.example',
            'access-control-expose-headers': 'Retry-After',
        });
    });

    it('should give no headers to other origins or without an origin', () => {
        expect(corsHeaders('https://evil.example', allowed, true)).to.equal(undefined);
        expect(corsHeaders(undefined, allowed, false)).to.equal(undefined);
        expect(corsHeaders('https://www.region.example', [], true)).to.equal(undefined);
    });
});

describe('ownBaseUrl', () => {
    const listening = (address: string, port = 3978) => ({ address: () => ({ address, port, family: '' }) });

    it('should prefer PUBLIC_URL, without a trailing slash', () => {
        expect(ownBaseUrl(listening('127.0.0.1'), 'https://luotsi.example.fi/')).to.equal('https://luotsi.example.fi');
    });

    it('should use the listening address, with loopback for a wildcard bind', () => {
        expect(ownBaseUrl(listening('127.0.0.1', 4000), undefined)).to.equal('http://127.0.0.1:4000');
        expect(ownBaseUrl(listening('0.0.0.0'), undefined)).to.equal('http://127.0.0.1:3978');
        expect(ownBaseUrl(listening('::'), undefined)).to.equal('http://[::1]:3978');
    });
});
