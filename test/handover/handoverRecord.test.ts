import { expect } from 'chai';
import { InvalidHandoverError } from '../../src/handover/errors.js';
import {
    HandoverRecordSchema,
    MAX_RESIDENT_WORDS_LENGTH,
    MAX_TRANSCRIPT_ENTRIES,
    newHandover,
    parseHandover,
    redactAndClip,
    type HandoverRecord,
} from '../../src/handover/handoverRecord.js';
import { REDACTION_PLACEHOLDERS, redactPersonalData } from '../../src/privacy/redact.js';
import { CONTACT_PHONE, PERSONAL, T0, conversationRef, handoverInput } from './handoverFixtures.js';

function invalid(action: () => unknown): InvalidHandoverError {
    try {
        action();
    } catch (error) {
        expect(error).to.be.instanceOf(InvalidHandoverError);
        return error as InvalidHandoverError;
    }
    expect.fail('expected an InvalidHandoverError');
}

/** Field paths named by an error, without the reasons. */
function paths(error: InvalidHandoverError): string[] {
    return error.fields.map((field) => field.slice(0, field.indexOf(':')));
}

describe('handoverRecord', () => {
    describe('newHandover', () => {
        it('should build a waiting record with an id, the creation time and an empty live chat', () => {
            const record = newHandover(handoverInput());
            expect(record.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
            expect(record).to.deep.include({
                createdAt: T0.toISOString(),
                status: 'waiting',
                urgency: 'normal',
                messages: [],
                language: 'fi',
                channel: 'webchat',
            });
            expect(record.summary.assessment.suggestedServiceIds).to.deep.equal(['demo-home-care']);
            expect(record.summary.background.answers).to.deep.equal([]);
            expect(record.transcript.map((entry) => entry.at)).to.deep.equal([T0.toISOString(), T0.toISOString()]);
        });

        it('should give every record its own id', () => {
            expect(newHandover(handoverInput()).id).not.to.equal(newHandover(handoverInput()).id);
        });

        it('should equal its JSON round trip, so the file holds exactly what memory holds', () => {
            const record = newHandover(handoverInput());
            expect(JSON.parse(JSON.stringify(record))).to.deep.equal(record);
        });

        it('should redact hetu, phone, e-mail and IBAN from the transcript and the resident words', () => {
            const leaky = `Hetu ${PERSONAL.hetu}, puh ${PERSONAL.phone}, ${PERSONAL.email}, tili ${PERSONAL.iban}.`;
            const record = newHandover(
                handoverInput({
                    summary: {
                        identification: { name: `Matti ${PERSONAL.phone}` },
                        situation: { residentWords: leaky },
                        recommendation: { note: `Sähköposti ${PERSONAL.email}` },
                    },
                    transcript: [
                        { from: 'resident', text: leaky, at: T0 },
                        { from: 'bot', text: `Kirjoitit ${PERSONAL.iban}`, at: T0 },
                    ],
                    contact: {
                        preference: 'callback',
                        phone: CONTACT_PHONE,
                        preferredTime: `soita ${PERSONAL.phone} iltapäivällä`,
                        consentGiven: true,
                    },
                }),
            );
            const { henkilotunnus, phone, email, iban } = REDACTION_PLACEHOLDERS;
            const redacted = `Hetu ${henkilotunnus}, puh ${phone}, ${email}, tili ${iban}.`;
            expect(record.summary.situation.residentWords).to.equal(redacted);
            expect(record.transcript[0]!.text).to.equal(redacted);
            expect(record.transcript[1]!.text).to.equal(`Kirjoitit ${iban}`);
            expect(record.summary.identification.name).to.equal(`Matti ${phone}`);
            expect(record.summary.recommendation.note).to.equal(`Sähköposti ${email}`);
            expect(record.contact.preferredTime).to.equal(`soita ${phone} iltapäivällä`);
            // The consented callback number is the one phone number kept.
            expect(record.contact.phone).to.equal(CONTACT_PHONE);
            const stored = JSON.stringify(record);
            for (const value of Object.values(PERSONAL)) expect(stored).not.to.include(value);
        });

        it('should start a callback request in callback-requested', () => {
            const record = newHandover(
                handoverInput({ contact: { preference: 'callback', phone: CONTACT_PHONE, consentGiven: true } }),
            );
            expect(record.status).to.equal('callback-requested');
            expect(record.summary.recommendation.request).to.equal('chat-now');
        });

        it('should default the recommended request to the contact preference', () => {
            const record = newHandover(
                handoverInput({
                    summary: { situation: { residentWords: 'Apua laskujen kanssa' } },
                    contact: { preference: 'secure-message', consentGiven: true },
                }),
            );
            expect(record.summary.recommendation.request).to.equal('secure-message');
        });

        it('should raise the urgency to crisis for a crisis or a detected danger', () => {
            expect(newHandover(handoverInput({ reason: 'crisis', urgency: 'normal' })).urgency).to.equal('crisis');
            const danger = handoverInput({
                urgency: 'high',
                summary: { situation: { residentWords: 'En jaksa enää' }, assessment: { dangerCategory: 'self-harm' } },
            });
            expect(newHandover(danger).urgency).to.equal('crisis');
            expect(newHandover(handoverInput({ urgency: 'high' })).urgency).to.equal('high');
        });

        it('should keep only the newest transcript entries', () => {
            const transcript = Array.from({ length: MAX_TRANSCRIPT_ENTRIES + 10 }, (_, index) => ({
                from: 'resident' as const,
                text: `viesti ${index}`,
                at: T0,
            }));
            const record = newHandover(handoverInput({ transcript }));
            expect(record.transcript).to.have.length(MAX_TRANSCRIPT_ENTRIES);
            expect(record.transcript.at(-1)!.text).to.equal(`viesti ${MAX_TRANSCRIPT_ENTRIES + 9}`);
            expect(record.transcript[0]!.text).to.equal('viesti 10');
        });

        it('should clip very long resident words instead of refusing the handover', () => {
            const record = newHandover(
                handoverInput({ summary: { situation: { residentWords: 'a'.repeat(MAX_RESIDENT_WORDS_LENGTH * 2) } } }),
            );
            expect(record.summary.situation.residentWords).to.have.length(MAX_RESIDENT_WORDS_LENGTH);
            expect(record.summary.situation.residentWords.endsWith('…')).to.equal(true);
        });

        it('should stay within the limit and redacted when placeholders are longer than what they replace', () => {
            const shortAddresses = 'a@b.cc '.repeat(50) + '0401234567'.repeat(3);
            for (const max of [10, 50, 333]) {
                const clipped = redactAndClip(shortAddresses, max);
                expect(clipped.length, String(max)).to.be.at.most(max);
                expect(clipped).to.equal(redactPersonalData(clipped));
            }
        });

        it('should add the life situations of the background answers', () => {
            const record = newHandover(
                handoverInput({
                    lifeSituations: ['older-people'],
                    summary: {
                        situation: { residentWords: 'Hoidan puolisoani' },
                        background: {
                            answers: [
                                { lifeSituationId: 'caring-for-a-relative', questionId: 'who', optionId: 'spouse' },
                            ],
                        },
                    },
                }),
            );
            expect(record.lifeSituations).to.deep.equal(['older-people', 'caring-for-a-relative']);
        });

        it('should drop empty transcript entries', () => {
            const record = newHandover(
                handoverInput({
                    transcript: [
                        { from: 'resident', text: '   ', at: T0 },
                        { from: 'bot', text: 'Hei', at: T0 },
                    ],
                }),
            );
            expect(record.transcript.map((entry) => entry.text)).to.deep.equal(['Hei']);
        });
    });

    describe('validation', () => {
        it('should refuse a handover without the resident’s consent', () => {
            const input = handoverInput({ contact: { preference: 'chat-now' } as never });
            expect(paths(invalid(() => newHandover(input)))).to.deep.equal(['contact.consentGiven']);
        });

        it('should require a phone number for a callback', () => {
            const input = handoverInput({ contact: { preference: 'callback', consentGiven: true } });
            expect(paths(invalid(() => newHandover(input)))).to.deep.equal(['contact.phone']);
        });

        it('should refuse a contact phone that is not a phone number, without echoing it', () => {
            const input = handoverInput({
                contact: { preference: 'callback', phone: 'soita minulle', consentGiven: true },
            });
            const error = invalid(() => newHandover(input));
            expect(paths(error)).to.deep.equal(['contact.phone']);
            expect(error.message).not.to.include('soita minulle');
        });

        it('should name every invalid field', () => {
            const input = handoverInput({
                language: 'de' as never,
                reason: 'bored' as never,
                channel: 'web chat!',
                lifeSituations: ['pets' as never],
                summary: { situation: { residentWords: '' } },
                conversationRef: { conversation: {} },
            });
            expect(paths(invalid(() => newHandover(input))).sort()).to.deep.equal(
                [
                    'language',
                    'reason',
                    'channel',
                    'lifeSituations.0',
                    'summary.situation.residentWords',
                    'conversationRef.conversation.id',
                ].sort(),
            );
        });

        it('should refuse unknown fields, so nothing unplanned is stored', () => {
            const record = { ...newHandover(handoverInput()), userName: 'Matti' };
            expect(paths(invalid(() => parseHandover(record)))).to.deep.equal(['(record)']);
            expect(HandoverRecordSchema.safeParse(record).success).to.equal(false);
        });

        it('should refuse a record whose resident or bot text was not redacted', () => {
            const record: HandoverRecord = newHandover(handoverInput());
            const leaky = {
                ...record,
                transcript: [{ from: 'bot', text: `Soita ${PERSONAL.phone}`, at: record.createdAt }],
            };
            const error = invalid(() => parseHandover(leaky));
            expect(paths(error)).to.deep.equal(['transcript.0.text']);
            expect(error.handoverId).to.equal(record.id);
            expect(error.message).not.to.include(PERSONAL.phone);
        });

        it('should let counsellor messages keep a service phone number', () => {
            const record = newHandover(handoverInput());
            const withMessage = {
                ...record,
                status: 'accepted',
                acceptedBy: 'counsellor-1',
                acceptedAt: record.createdAt,
                messages: [{ from: 'counsellor', text: 'Soita kriisipuhelimeen 09 2525 0111.', at: record.createdAt }],
            };
            expect(parseHandover(withMessage).messages[0]!.text).to.include('09 2525 0111');
        });

        it('should check the rules between status and lifecycle fields', () => {
            const record = newHandover(handoverInput());
            expect(paths(invalid(() => parseHandover({ ...record, status: 'accepted' })))).to.deep.equal([
                'acceptedBy',
            ]);
            expect(paths(invalid(() => parseHandover({ ...record, status: 'closed' }))).sort()).to.deep.equal([
                'closedAt',
                'outcome',
            ]);
            expect(paths(invalid(() => parseHandover({ ...record, outcome: 'resolved' })))).to.deep.equal(['outcome']);
            const referred = { ...record, status: 'closed', closedAt: record.createdAt, outcome: 'referred' };
            expect(paths(invalid(() => parseHandover(referred)))).to.deep.equal(['referredServiceId']);
            expect(paths(invalid(() => parseHandover({ ...record, reason: 'crisis' })))).to.deep.equal(['urgency']);
            expect(paths(invalid(() => parseHandover({ ...record, staffRating: 6 })))).to.deep.equal(['staffRating']);
        });

        it('should accept a conversation reference with extra Bot Framework fields', () => {
            const ref = { ...conversationRef('conv-9'), locale: 'fi-FI', custom: { nested: [1, 2] } };
            expect(newHandover(handoverInput({ conversationRef: ref })).conversationRef).to.deep.equal(ref);
        });
    });
});
