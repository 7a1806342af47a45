import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { AUDIT_ACTIONS, InvalidAuditEntryError, UNKNOWN_ACTOR, type NewAuditEntry } from '../../src/audit/auditLog.js';
import { createMemoryAuditLog, openAuditLog, type LowdbAuditLog } from '../../src/storage/auditFileStore.js';
import { StoreFileError } from '../../src/storage/errors.js';
import { expectRejection, removeDir, tempDir } from '../helpers.js';

const NOW = new Date('2025-03-14T09:26:53.589Z');

describe('LowdbAuditLog', () => {
    describe('in memory', () => {
        let log: LowdbAuditLog;

        beforeEach(() => {
            log = createMemoryAuditLog({ now: () => NOW });
        });

        it('should record an entry with an id and the current time, and list it', async () => {
            const entry = await log.record({ actor: 'anna', action: 'view-transcript', handoverId: 'h-42' });
            expect(entry.id).to.match(/^[0-9a-f-]{36}$/);
            expect(entry).to.deep.include({
                at: NOW.toISOString(),
                actor: 'anna',
                action: 'view-transcript',
                handoverId: 'h-42',
            });
            expect(await log.list()).to.deep.equal([entry]);
        });

        it('should keep a given time and leave out an absent handover id', async () => {
            const entry = await log.record({ actor: 'anna', action: 'login', at: new Date('2025-01-02T03:04:05Z') });
            expect(entry.at).to.equal('2025-01-02T03:04:05.000Z');
            expect(Object.keys(entry).sort()).to.deep.equal(['action', 'actor', 'at', 'id']);
        });

        it('should accept every action', async () => {
            for (const action of AUDIT_ACTIONS) {
                await log.record({ actor: 'sanna', action, handoverId: 'h-1' });
            }
            expect((await log.list()).map((entry) => entry.action)).to.deep.equal([...AUDIT_ACTIONS]);
        });

        it('should require the handover id for actions on a handover', async () => {
            for (const action of ['view-transcript', 'accept', 'close'] as const) {
                const error = await expectRejection(log.record({ actor: 'anna', action }));
                expect(error, action).to.be.instanceOf(InvalidAuditEntryError);
                expect((error as Error).message).to.include(`handoverId: is required for ${action}`);
            }
        });

        it('should refuse transcript text or any other extra field', async () => {
            const entry = { actor: 'anna', action: 'view-transcript', handoverId: 'h-1', transcript: 'Hei, tarvitsen' };
            const error = await expectRejection(log.record(entry as NewAuditEntry));
            expect(error).to.be.instanceOf(InvalidAuditEntryError);
            expect((error as Error).message).to.not.include('tarvitsen');
            expect(await log.list()).to.deep.equal([]);
        });

        it('should refuse free text in the actor and handover id, without echoing it', async () => {
            const bad: NewAuditEntry[] = [
                { actor: 'Matti Meikäläinen 010190-123A', action: 'login-failed' },
                { actor: 'anna', action: 'accept', handoverId: 'asiakas kertoi että hänellä on velkoja' },
                { actor: '', action: 'logout' },
                { actor: 'anna', action: 'delete-everything' as 'logout' },
                { actor: 'anna', action: 'login', at: new Date('not a date') },
            ];
            for (const entry of bad) {
                const error = await expectRejection(log.record(entry));
                expect(error, JSON.stringify(entry)).to.be.instanceOf(InvalidAuditEntryError);
                expect((error as Error).message)
                    .to.not.include('Meikäläinen')
                    .and.not.include('velkoja');
            }
            expect(await log.list()).to.deep.equal([]);
        });

        it('should record a failed login with junk as the username under the unknown actor', async () => {
            const entry = await log.record({ actor: UNKNOWN_ACTOR, action: 'login-failed' });
            expect(entry.actor).to.equal('-');
        });

        it('should filter by actor, action, handover and time, oldest first', async () => {
            const at = (minute: number) => new Date(Date.UTC(2025, 2, 14, 9, minute));
            await log.record({ actor: 'anna', action: 'login', at: at(0) });
            await log.record({ actor: 'anna', action: 'view-transcript', handoverId: 'h-1', at: at(5) });
            await log.record({ actor: 'bert', action: 'view-transcript', handoverId: 'h-1', at: at(10) });
            await log.record({ actor: 'anna', action: 'close', handoverId: 'h-2', at: at(15) });

            const summary = async (filter: Parameters<LowdbAuditLog['list']>[0]) =>
                (await log.list(filter)).map((entry) => `${entry.actor} ${entry.action} ${entry.handoverId ?? ''}`);
            expect(await summary({ actor: 'anna' })).to.have.lengthOf(3);
            expect(await summary({ handoverId: 'h-1' })).to.deep.equal([
                'anna view-transcript h-1',
                'bert view-transcript h-1',
            ]);
            expect(await summary({ action: 'view-transcript', actor: 'bert' })).to.deep.equal([
                'bert view-transcript h-1',
            ]);
            expect(await summary({ from: at(5), to: at(10) })).to.have.lengthOf(2);
            expect(await summary({ from: at(16) })).to.deep.equal([]);
        });

        it('should keep every one of many concurrent entries', async () => {
            await Promise.all(
                Array.from({ length: 50 }, (_, i) =>
                    log.record({ actor: 'anna', action: 'accept', handoverId: `h-${i}` }),
                ),
            );
            expect(new Set((await log.list()).map((entry) => entry.handoverId)).size).to.equal(50);
        });

        it('should return copies, so a caller cannot rewrite history', async () => {
            const entry = await log.record({ actor: 'anna', action: 'login' });
            Object.assign(entry, { actor: 'bert' });
            const [listed] = await log.list();
            Object.assign(listed!, { action: 'logout' });
            expect(await log.list()).to.deep.equal([{ ...entry, actor: 'anna' }]);
        });

        it('should offer no way to change or remove entries', () => {
            const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(log)).filter(
                (name) => name !== 'constructor',
            );
            expect(methods.sort()).to.deep.equal(['close', 'list', 'record']);
        });
    });

    describe('on a JSON file', () => {
        let dir: string;
        let file: string;

        beforeEach(async () => {
            dir = await tempDir('luotsi-audit-');
            file = path.join(dir, 'audit.json');
        });

        afterEach(async () => {
            await removeDir(dir);
        });

        it('should keep entries across reopening, in a file only its owner can read', async () => {
            const log = await openAuditLog(file, { now: () => NOW });
            await log.record({ actor: 'anna', action: 'login' });
            await log.record({ actor: 'anna', action: 'accept', handoverId: 'h-9' });
            await log.close();

            if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).to.equal(0o600);
            const raw = JSON.parse(await readFile(file, 'utf8')) as { entries: unknown[] };
            expect(raw.entries).to.have.lengthOf(2);

            const reopened = await openAuditLog(file);
            expect((await reopened.list()).map((entry) => entry.action)).to.deep.equal(['login', 'accept']);
            await reopened.close();
        });

        it('should refuse a file whose entries carry other fields', async () => {
            const entry = {
                id: '6f1c2a56-5d0e-4b7e-9a59-0d7c1f0e2b11',
                at: NOW.toISOString(),
                actor: 'anna',
                action: 'view-transcript',
                handoverId: 'h-1',
                text: 'transcript',
            };
            await writeFile(file, JSON.stringify({ entries: [entry] }));
            const error = await expectRejection(openAuditLog(file));
            expect(error).to.be.instanceOf(StoreFileError);
            expect((error as Error).message)
                .to.include(file)
                .and.include('entries.0');
        });

        it('should refuse entries after close', async () => {
            const log = await openAuditLog(file);
            await log.close();
            const error = await expectRejection(log.record({ actor: 'anna', action: 'logout' }));
            expect((error as Error).message).to.include('is closed');
        });
    });
});
