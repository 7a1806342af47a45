import { expect } from 'chai';
import { CONSOLE_PASSWORD, type ChannelListener } from './helpers.js';

/** Posts `activity` to the bot's /api/messages as a Bot Framework channel would, and expects it accepted. */
export async function postActivity(base: string, activity: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
    });
    expect(response.status).to.be.oneOf([200, 201, 202]);
}

/** A resident on a Bot Framework channel whose replies arrive at a local listener. */
export class Resident {
    constructor(
        private readonly base: string,
        private readonly channel: ChannelListener,
        /** The channel's conversation id; a new Resident with the same id continues the conversation. */
        readonly conversationId: string,
    ) {}

    /** Sends `text` from Web Chat, in Finnish. */
    async say(text: string): Promise<void> {
        await postActivity(this.base, {
            type: 'message',
            id: `m-${Math.random().toString(36).slice(2)}`,
            channelId: 'webchat',
            serviceUrl: this.channel.serviceUrl,
            locale: 'fi-FI',
            text,
            from: { id: 'resident-1', role: 'user' },
            recipient: { id: 'luotsi', role: 'bot' },
            conversation: { id: this.conversationId },
        });
    }

    /** The first reply to the channel (already received or still to come) whose text contains `fragment`. */
    hears(fragment: string): Promise<Record<string, unknown>> {
        return this.channel.waitFor((activity) => String(activity.text ?? '').includes(fragment));
    }
}

/** A counsellor's browser: keeps the session cookie and CSRF token like the console does. */
export class CounsellorClient {
    private cookie = '';
    csrf = '';
    constructor(private readonly base: string) {}

    async login(username: string, password = CONSOLE_PASSWORD): Promise<Response> {
        const response = await this.request('POST', '/api/counsellor/login', { username, password });
        const setCookie = response.headers.get('set-cookie');
        if (setCookie) this.cookie = setCookie.split(';')[0]!;
        if (response.ok) this.csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
        return response;
    }

    request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
        return fetch(`${this.base}${url}`, {
            method,
            headers: {
                ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
                ...(this.cookie ? { cookie: this.cookie } : {}),
                ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
                ...headers,
            },
            body: body !== undefined ? JSON.stringify(body) : undefined,
        });
    }

    async json<T = Record<string, any>>(
        method: string,
        url: string,
        body?: unknown,
    ): Promise<{ status: number; body: T }> {
        const response = await this.request(method, url, body);
        return { status: response.status, body: (await response.json().catch(() => ({}))) as T };
    }
}

/** A {@link CounsellorClient} logged in as `username` (password {@link CONSOLE_PASSWORD}); the login must succeed. */
export async function loggedIn(base: string, username: string): Promise<CounsellorClient> {
    const client = new CounsellorClient(base);
    expect((await client.login(username)).status).to.equal(200);
    return client;
}
