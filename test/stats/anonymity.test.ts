import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import { Low, Memory } from 'lowdb';
import { LIFE_SITUATION_IDS, SERVICE_KINDS, type Language } from '../../src/content/vocabulary.js';
import { isValidHenkilotunnus, redactPersonalData } from '../../src/privacy/redact.js';
import {
    DANGER_CATEGORIES,
    HANDOVER_OUTCOMES,
    HANDOVER_REASONS,
    HANDOVER_URGENCIES,
} from '../../src/handover/handoverRecord.js';
import { newStatsConversationId, recordEvent, type StatsEventBody } from '../../src/stats/statsEvents.js';
import { emptyStatsData, isNormalisedQueryText, type StatsData, type StatsStore } from '../../src/stats/statsStore.js';
import { LowdbStatsStore, STATS_FILE, openStatsFileStore } from '../../src/storage/statsFileStore.js';
import { removeDir, tempDir } from '../helpers.js';

/** A small seeded generator (mulberry32), so a failure can be replayed from the seed in its message. */
class Random {
    private state: number;

    constructor(readonly seed: number) {
        this.state = seed >>> 0;
    }

    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    pick<T>(items: readonly T[]): T {
        return items[this.int(0, items.length - 1)]!;
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    digits(count: number): string {
        return Array.from({ length: count }, () => String(this.int(0, 9))).join('');
    }

    subset<T>(items: readonly T[], max: number): T[] {
        return Array.from({ length: this.int(0, max) }, () => this.pick(items));
    }
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A valid personal identity code, with any of the century signs (2023 additions included). */
function henkilotunnus(random: Random): string {
    const signs: Record<number, readonly string[]> = {
        1800: ['+'],
        1900: ['-', 'Y', 'X', 'W', 'V', 'U'],
        2000: ['A', 'B', 'C', 'D', 'E', 'F'],
    };
    const century = random.pick([1800, 1900, 1900, 2000]);
    const yy = random.int(0, century === 2000 ? 24 : 99);
    const mm = random.int(1, 12);
    const dd = random.int(1, 28);
    const individual = String(random.int(2, 899)).padStart(3, '0');
    const check = '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number(`${pad(dd)}${pad(mm)}${pad(yy)}${individual}`) % 31];
    const code = `${pad(dd)}${pad(mm)}${pad(yy)}${random.pick(signs[century]!)}${individual}${check}`;
    return random.chance(0.2) ? code.toLowerCase() : code;
}

/** Finnish phone numbers the way people type them. */
function phoneNumber(random: Random): string {
    const mobile = `${random.pick(['40', '41', '44', '45', '46', '50'])}`;
    const rest = random.digits(7);
    return random.pick([
        () => `0${mobile} ${rest.slice(0, 3)} ${rest.slice(3)}`,
        () => `0${mobile}${rest}`,
        () => `0${mobile}-${rest}`,
        () => `+358 ${mobile} ${rest.slice(0, 3)} ${rest.slice(3)}`,
        () => `+358${mobile}${rest}`,
        () => `00358 ${mobile} ${rest}`,
        () => `+358 (0)${mobile} ${rest}`,
        () => `(09) ${rest.slice(0, 3)} ${rest.slice(3)}`,
        () => `09 ${rest.slice(0, 4)} ${rest.slice(4)}${random.digits(1)}`,
        () => `0${mobile} ${rest.slice(0, 3)} ${rest.slice(3, 5)} ${rest.slice(5)}`,
    ])();
}

function email(random: Random): string {
    const local = `${random.pick(['matti.meikalainen', 'anna-liisa_virtanen', 'sähköposti.käyttäjä', 'kalle.k'])}${random.digits(2)}`;
    const domain = random.pick(['example.fi', 'posti.example.com', 'hyvinvointialue.example', 'mail.example.se']);
    return random.pick([`${local}@${domain}`, `${local}(at)${domain}`, `${local} [at] ${domain}`]);
}

/** Bank accounts: Finnish ones in any case and grouping, foreign ones in capitals as printed. */
function iban(random: Random): string {
    const fi = `FI${random.digits(2)}${random.digits(14)}`;
    return random.pick([
        () => fi,
        () => fi.replace(/(.{4})/g, '$1 ').trim(),
        () => fi.toLowerCase(),
        () =>
            `DE${random.digits(2)} ${random.digits(4)} ${random.digits(4)} ${random.digits(4)} ${random.digits(4)} ${random.digits(2)}`,
        () => `SE${random.digits(2)}${random.digits(20)}`,
        () =>
            `GB${random.digits(2)} NWBK ${random.digits(4)} ${random.digits(4)} ${random.digits(4)} ${random.digits(2)}`,
    ])();
}

interface PersonalValue {
    readonly kind: string;
    readonly value: string;
}

const TEMPLATES: Record<Language, readonly ((value: string) => string)[]> = {
    fi: [
        (value) => `Hei, tarvitsen apua. ${value}`,
        (value) => `Soittakaa minulle: ${value}, kiitos!`,
        (value) => `Tietoni (${value}) löytyvät varmaan`,
        (value) => `hammaslääkäri ${value}?`,
        (value) => `${value} – onko kotihoitoa saatavilla`,
    ],
    sv: [
        (value) => `Hej, jag behöver hjälp. ${value}`,
        (value) => `Ring mig på ${value}, tack.`,
        (value) => `Mina uppgifter: ${value}`,
    ],
    en: [
        (value) => `Hello, I need help. ${value}`,
        (value) => `Please call me at ${value}!`,
        (value) => `My details: "${value}" - can you book dental care?`,
    ],
};

/** A resident message with one to three pieces of personal data in it. */
function message(random: Random, language: Language, seen: PersonalValue[]): string {
    const values = Array.from({ length: random.int(1, 3) }, () => {
        const kind = random.pick(['hetu', 'phone', 'email', 'iban'] as const);
        const value = { hetu: henkilotunnus, phone: phoneNumber, email, iban }[kind](random);
        seen.push({ kind, value });
        return value;
    });
    return random.pick(TEMPLATES[language])(values.join(random.pick([' ', ', ', ' ja ', '; '])));
}

/** Ids the channel knows the resident by: these must never reach statistics. */
function channelIds(random: Random): string[] {
    return [`19:${random.digits(6)}abc@thread.tacv2`, `29:1${random.digits(12)}XyZ`, `dl_${random.digits(10)}`];
}

/**
 * Plays a conversation the way the bot records it: every event goes through recordEvent, unmatched search texts
 * through addUnmatched, and the resident's own words are the search texts and the feedback comment.
 */
async function playConversation(
    store: StatsStore,
    random: Random,
    seen: PersonalValue[],
    ids: string[],
): Promise<void> {
    const language = random.pick(['fi', 'sv', 'en'] as const);
    const channel = random.pick(['webchat', 'msteams', 'directline']);
    const conversation = newStatsConversationId();
    let at = new Date(Date.UTC(2025, random.int(0, 11), random.int(1, 28), random.int(0, 23), random.int(0, 59)));
    const record = async (input: StatsEventBody) => {
        at = new Date(at.getTime() + random.int(1, 600) * 1000);
        await store.add(recordEvent({ ...input, conversation, channel, language, at }));
    };
    ids.push(...channelIds(random));

    await record({ type: 'conversation-started' });
    if (random.chance(0.5))
        await record({ type: 'life-situation-chosen', lifeSituation: random.pick(LIFE_SITUATION_IDS) });
    for (let turn = random.int(1, 3); turn > 0; turn--) {
        const text = message(random, language, seen);
        const matched = random.chance(0.6);
        await record({ type: 'search', matched, kinds: matched ? random.subset(SERVICE_KINDS, 4) : [] });
        if (!matched) await store.addUnmatched({ language, text, at });
        else if (random.chance(0.5)) await record({ type: 'service-details-viewed', kind: random.pick(SERVICE_KINDS) });
    }
    if (random.chance(0.2)) await record({ type: 'crisis-interrupt', category: random.pick(DANGER_CATEGORIES) });
    if (random.chance(0.4)) {
        await record({
            type: 'handover-requested',
            reason: random.pick(HANDOVER_REASONS),
            urgency: random.pick(HANDOVER_URGENCIES),
        });
        if (random.chance(0.3)) await record({ type: 'callback-requested' });
        await record({ type: 'handover-accepted', waitSeconds: random.int(0, 3600) });
        await record({
            type: 'handover-closed',
            outcome: random.pick(HANDOVER_OUTCOMES),
            durationSeconds: random.int(0, 7200),
        });
        if (random.chance(0.5)) await record({ type: 'staff-feedback', rating: random.pick([1, 2, 3, 4, 5] as const) });
    }
    if (random.chance(0.2)) await record({ type: 'social-care-contact' });
    if (random.chance(0.7)) {
        await record({
            type: 'feedback',
            rating: random.pick([1, 2, 3, 4, 5] as const),
            comment: message(random, language, seen),
            ...(random.chance(0.5) && { lifeSituation: random.pick(LIFE_SITUATION_IDS) }),
        });
    }
}

/** Every way a value could show in stored text: as typed, in lower case, without separators, its digits alone. */
function traces(value: string): { anywhere: string[]; inText: string[] } {
    const compact = value.replace(/[\s()\-[\]]/g, '');
    const digits = value.replace(/\D/g, '');
    return {
        anywhere: [value, value.toLowerCase(), compact, compact.toLowerCase()],
        inText: digits.length >= 6 ? [digits] : [],
    };
}

function expectNoTraces(
    serialized: string,
    data: StatsData,
    seen: readonly PersonalValue[],
    ids: readonly string[],
    seed: number,
) {
    const lower = serialized.toLowerCase();
    const texts = [
        ...data.events.flatMap((event) => (event.type === 'feedback' && event.comment ? [event.comment] : [])),
        ...data.unmatched.map((row) => row.text),
    ];
    const textDigits = texts.map((text) => text.replace(/\D/g, ''));
    for (const { kind, value } of seen) {
        const { anywhere, inText } = traces(value);
        for (const trace of anywhere) {
            expect(
                lower.includes(trace.toLowerCase()),
                `seed ${seed}: ${kind} "${value}" stored as "${trace}"`,
            ).to.equal(false);
        }
        for (const trace of inText) {
            expect(
                textDigits.some((digits) => digits.includes(trace)),
                `seed ${seed}: digits of ${kind} "${value}" stored`,
            ).to.equal(false);
        }
    }
    for (const id of ids) expect(serialized, `seed ${seed}: channel id ${id}`).to.not.include(id);
}

const ALLOWED_KEYS = new Set([
    'type',
    'at',
    'conversation',
    'channel',
    'language',
    'lifeSituation',
    'matched',
    'kinds',
    'kind',
    'reason',
    'urgency',
    'waitSeconds',
    'outcome',
    'durationSeconds',
    'category',
    'rating',
    'comment',
]);

describe('statistics anonymity (property)', () => {
    const SEEDS = [1, 2, 3, 42, 1234, 20250314];
    const CONVERSATIONS = 60;

    for (const seed of SEEDS) {
        it(`should store no personal data or channel ids from ${CONVERSATIONS} random conversations (seed ${seed})`, async () => {
            const random = new Random(seed);
            const db = new Low<StatsData>(new Memory(), emptyStatsData());
            const store = new LowdbStatsStore(db);
            const seen: PersonalValue[] = [];
            const ids: string[] = [];
            for (let index = 0; index < CONVERSATIONS; index++) await playConversation(store, random, seen, ids);

            // What the adapter was last given is exactly what a file would hold.
            const written = (await db.adapter.read())!;
            const serialized = JSON.stringify(written);
            expect(
                seen.filter((item) => item.kind === 'hetu').every((item) => isValidHenkilotunnus(item.value)),
            ).to.equal(true);
            expect(written.unmatched.length, 'some unmatched texts were stored').to.be.greaterThan(0);
            expect(
                written.events.filter((event) => event.type === 'feedback' && event.comment).length,
                'some comments were stored',
            ).to.be.greaterThan(0);
            expectNoTraces(serialized, written, seen, ids, seed);

            for (const event of written.events) {
                expect(
                    Object.keys(event).every((key) => ALLOWED_KEYS.has(key)),
                    JSON.stringify(event),
                ).to.equal(true);
                expect(event.at).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);
                if (event.type === 'feedback' && event.comment) {
                    expect(redactPersonalData(event.comment)).to.equal(event.comment);
                }
            }
            for (const row of written.unmatched) {
                expect(Object.keys(row).sort()).to.deep.equal(['count', 'day', 'language', 'text']);
                expect(isNormalisedQueryText(row.text), row.text).to.equal(true);
            }
        });
    }

    it('should keep the file on disk free of them too', async () => {
        const dir = await tempDir('luotsi-stats-');
        try {
            const store = await openStatsFileStore(dir);
            const random = new Random(7);
            const seen: PersonalValue[] = [];
            const ids: string[] = [];
            // Concurrently, as turns arrive: the writes are batched, and each conversation's own events stay in order.
            await Promise.all(Array.from({ length: 15 }, () => playConversation(store, random, seen, ids)));
            await store.close();
            const text = await readFile(path.join(dir, STATS_FILE), 'utf8');
            expectNoTraces(text, JSON.parse(text) as StatsData, seen, ids, 7);
        } finally {
            await removeDir(dir);
        }
    });
});
