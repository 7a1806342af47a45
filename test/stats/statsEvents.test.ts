import { expect } from 'chai';
import {
    InvalidStatsEventError,
    StatsEventSchema,
    newStatsConversationId,
    recordEvent,
    type StatsEventInput,
} from '../../src/stats/statsEvents.js';

const AT = new Date('2025-03-14T09:26:53.589Z');
const CONVERSATION = '3f1c2a4e-8b7d-4c6e-9a5b-1d2e3f4a5b6c';

function base(): { conversation: string; channel: string; language: 'fi'; at: Date } {
    return { conversation: CONVERSATION, channel: 'webchat', language: 'fi', at: AT };
}

function rejection(input: unknown): InvalidStatsEventError {
    try {
        recordEvent(input as StatsEventInput);
    } catch (error) {
        expect(error).to.be.instanceOf(InvalidStatsEventError);
        return error as InvalidStatsEventError;
    }
    expect.fail('expected recordEvent to refuse the event');
}

describe('statsEvents', () => {
    describe('recordEvent', () => {
        it('should round the time down to the hour', () => {
            const event = recordEvent({ ...base(), type: 'conversation-started' });
            expect(event).to.deep.equal({
                type: 'conversation-started',
                at: '2025-03-14T09:00:00.000Z',
                conversation: CONVERSATION,
                channel: 'webchat',
                language: 'fi',
            });
        });

        it('should use the current hour when no time is given', () => {
            const { at: _ignored, ...withoutTime } = base();
            const before = new Date();
            before.setUTCMinutes(0, 0, 0);
            const event = recordEvent({ ...withoutTime, type: 'callback-requested' });
            expect(Date.parse(event.at)).to.be.at.least(before.getTime());
            expect(event.at).to.match(/T\d{2}:00:00\.000Z$/);
        });

        it('should redact a feedback comment and keep the rest of it', () => {
            const event = recordEvent({
                ...base(),
                type: 'feedback',
                rating: 3,
                comment: '  Soittakaa 040 123 4567 tai matti@example.fi, hetu 131052-308T  ',
                lifeSituation: 'older-people',
            });
            expect(event).to.deep.include({
                comment: 'Soittakaa [phone] tai [email], hetu [hetu]',
                rating: 3,
                lifeSituation: 'older-people',
            });
        });

        it('should drop a comment that is empty after trimming', () => {
            const event = recordEvent({ ...base(), type: 'feedback', rating: 5, comment: '   ' });
            expect(event).to.not.have.property('comment');
        });

        it('should shorten a long comment and redact what the cut leaves', () => {
            // A 16-digit run is no number anyone types and is left alone; cut after ten digits it looks like a phone.
            const comment = `${'a'.repeat(1989)} 0401234567890123`;
            const event = recordEvent({ ...base(), type: 'feedback', rating: 4, comment });
            expect(event.type === 'feedback' && event.comment).to.equal(`${'a'.repeat(1989)} [phone]`);
        });

        it('should accept every event type', () => {
            const inputs: StatsEventInput[] = [
                { ...base(), type: 'conversation-started' },
                { ...base(), type: 'life-situation-chosen', lifeSituation: 'many-services' },
                { ...base(), type: 'search', matched: true, kinds: ['dental-care'] },
                { ...base(), type: 'service-details-viewed', kind: 'home-care' },
                { ...base(), type: 'path-completed', lifeSituation: 'disability' },
                { ...base(), type: 'handover-requested', reason: 'many-needs', urgency: 'high' },
                { ...base(), type: 'handover-accepted', waitSeconds: 0 },
                { ...base(), type: 'handover-closed', outcome: 'callback-booked', durationSeconds: 3600 },
                { ...base(), type: 'callback-requested' },
                { ...base(), type: 'crisis-interrupt', category: 'medical-emergency' },
                { ...base(), type: 'feedback', rating: 1 },
                { ...base(), type: 'staff-feedback', rating: 5 },
                { ...base(), type: 'professional-consultation' },
                { ...base(), type: 'social-care-contact' },
            ];
            for (const input of inputs) expect(recordEvent(input).type).to.equal(input.type);
        });

        it('should refuse extra fields, so no text or identifier can be slipped in', () => {
            const error = rejection({ ...base(), type: 'search', matched: true, kinds: [], text: 'hammaslääkäri' });
            expect(error.fields.join()).to.match(/Unrecognized key/);
            rejection({ ...base(), type: 'conversation-started', userId: '29:1abc' });
            rejection({ ...base(), type: 'staff-feedback', rating: 4, comment: 'hyvä yhteenveto' });
        });

        it('should refuse a channel conversation id or user id as the conversation', () => {
            for (const conversation of ['19:meeting_abc@thread.v2', 'a:1x2y3z', 'KzYs8d7f6g-fi', '']) {
                rejection({ ...base(), conversation, type: 'conversation-started' });
            }
        });

        it('should refuse channel ids that could carry a number or free text', () => {
            for (const channel of [
                '0401234567',
                'fi2112345600000785',
                'Web Chat',
                'matti@example.fi',
                'x'.repeat(40),
            ]) {
                rejection({ ...base(), channel, type: 'conversation-started' });
            }
        });

        it('should refuse values outside the vocabularies without echoing them', () => {
            const error = rejection({ ...base(), type: 'feedback', rating: 6, lifeSituation: 'Matti Meikäläinen' });
            expect(error.message).to.not.include('Matti');
            expect(error.fields.map((field) => field.split(':')[0])).to.have.members(['rating', 'lifeSituation']);
            rejection({ ...base(), type: 'handover-accepted', waitSeconds: -1 });
            rejection({ ...base(), type: 'handover-accepted', waitSeconds: 1.5 });
            rejection({ ...base(), type: 'search', matched: true, kinds: ['library'] });
            rejection({ ...base(), type: 'crisis-interrupt', category: 'other' });
            rejection({ ...base(), type: 'unknown' });
            rejection({ ...base(), language: 'de', type: 'conversation-started' });
        });
    });

    describe('StatsEventSchema', () => {
        const stored = {
            type: 'feedback',
            at: '2025-03-14T09:00:00.000Z',
            conversation: CONVERSATION,
            channel: 'webchat',
            language: 'fi',
            rating: 4,
        };

        it('should refuse stored times that are not whole hours', () => {
            expect(StatsEventSchema.safeParse(stored).success).to.equal(true);
            for (const at of ['2025-03-14T09:26:00.000Z', '2025-03-14T09:00:00Z', '2025-03-14T09:00:00.000+02:00']) {
                expect(StatsEventSchema.safeParse({ ...stored, at }).success, at).to.equal(false);
            }
        });

        it('should refuse an unredacted comment from a file', () => {
            expect(StatsEventSchema.safeParse({ ...stored, comment: 'Soita 040 123 4567' }).success).to.equal(false);
            expect(StatsEventSchema.safeParse({ ...stored, comment: 'Soita [phone]' }).success).to.equal(true);
        });
    });

    describe('newStatsConversationId', () => {
        it('should give a fresh UUID v4 each time', () => {
            const first = newStatsConversationId();
            expect(first).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            expect(newStatsConversationId()).to.not.equal(first);
        });
    });
});
