import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import restify, { type Request, type Response, type Server } from 'restify';
import { sessionCookie } from '../../src/auth/cookies.js';
import { CSRF_HEADER, requireCsrf, requireSession, sessionOf } from '../../src/auth/restifyAuth.js';
import { MemorySessionStore, type Session } from '../../src/auth/sessions.js';

describe('restify auth handlers', () => {
    let server: Server;
    let url: string;
    let sessions: MemorySessionStore;
    let counsellor: Session;
    let supervisor: Session;
    let changes: string[];

    before(async () => {
        sessions = new MemorySessionStore();
        server = restify.createServer({ name: 'auth-test' });
        server.get('/me', requireSession(sessions), async (req: Request, res: Response) => {
            const { username, role } = sessionOf(req);
            res.send(200, { username, role });
        });
        server.get('/stats', requireSession(sessions, ['supervisor']), async (_req: Request, res: Response) => {
            res.send(200, { ok: true });
        });
        server.post('/handovers/:id/accept', requireSession(sessions), requireCsrf(), async (req, res) => {
            changes.push(`${sessionOf(req).username} accepted ${req.params.id}`);
            res.send(200, { accepted: true });
        });
        server.get('/unguarded', async (req: Request, res: Response) => {
            try {
                sessionOf(req);
                res.send(200, { session: true });
            } catch (error) {
                res.send(500, { error: (error as Error).message });
            }
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    beforeEach(() => {
        changes = [];
        counsellor = sessions.create({ username: 'anna', role: 'counsellor', createdAt: new Date().toISOString() });
        supervisor = sessions.create({ username: 'sanna', role: 'supervisor', createdAt: new Date().toISOString() });
    });

    const cookieOf = (session: Session) => sessionCookie(session.id, { secure: false }).split(';')[0]!;

    async function call(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
        const response = await fetch(`${url}${path}`, init);
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    it('should answer 401 with a JSON error without a session cookie', async () => {
        expect(await call('/me')).to.deep.equal({ status: 401, body: { error: 'Sign-in required' } });
    });

    it('should answer 401 for an unknown, destroyed or malformed session id', async () => {
        const gone = sessions.create({ username: 'bert', role: 'counsellor', createdAt: new Date().toISOString() });
        sessions.destroy(gone.id);
        for (const cookie of [cookieOf(gone), 'luotsi_session=not-a-session', 'luotsi_session=', 'other=1']) {
            expect((await call('/me', { headers: { cookie } })).status, cookie).to.equal(401);
        }
    });

    it('should let a request with a live session through and give the handler its session', async () => {
        const result = await call('/me', { headers: { cookie: `theme=dark; ${cookieOf(counsellor)}` } });
        expect(result).to.deep.equal({ status: 200, body: { username: 'anna', role: 'counsellor' } });
    });

    it('should answer 403 with a JSON error for the wrong role, and 200 for the right one', async () => {
        const refused = await call('/stats', { headers: { cookie: cookieOf(counsellor) } });
        expect(refused).to.deep.equal({ status: 403, body: { error: 'Requires the role supervisor' } });
        expect((await call('/stats', { headers: { cookie: cookieOf(supervisor) } })).status).to.equal(200);
    });

    it('should refuse a state-changing request without the CSRF header, and not run the handler', async () => {
        const result = await call('/handovers/h-1/accept', {
            method: 'POST',
            headers: { cookie: cookieOf(counsellor) },
        });
        expect(result).to.deep.equal({ status: 403, body: { error: 'CSRF token missing or invalid' } });
        expect(changes).to.deep.equal([]);
    });

    it("should refuse a CSRF token that is not this session's", async () => {
        for (const token of [
            '',
            'x',
            supervisor.csrfToken,
            counsellor.id,
            `${counsellor.csrfToken}x`,
            counsellor.csrfToken.slice(1),
        ]) {
            const result = await call('/handovers/h-1/accept', {
                method: 'POST',
                headers: { cookie: cookieOf(counsellor), [CSRF_HEADER]: token },
            });
            expect(result.status, JSON.stringify(token)).to.equal(403);
        }
        expect(changes).to.deep.equal([]);
    });

    it('should answer 401 before looking at the CSRF token when there is no session', async () => {
        const result = await call('/handovers/h-1/accept', {
            method: 'POST',
            headers: { [CSRF_HEADER]: counsellor.csrfToken },
        });
        expect(result.status).to.equal(401);
    });

    it('should run a state-changing request with the session cookie and its CSRF token', async () => {
        const result = await call('/handovers/h-7/accept', {
            method: 'POST',
            headers: { cookie: cookieOf(counsellor), [CSRF_HEADER]: counsellor.csrfToken },
        });
        expect(result).to.deep.equal({ status: 200, body: { accepted: true } });
        expect(changes).to.deep.equal(['anna accepted h-7']);
    });

    it('should make sessionOf throw on a route without requireSession', async () => {
        const result = await call('/unguarded', { headers: { cookie: cookieOf(counsellor) } });
        expect(result.status).to.equal(500);
        expect(result.body.error).to.match(/lacks requireSession/);
    });
});
