import { expect } from 'chai';
import {
    computeStats,
    feedbackItems,
    isResolvedInOneContact,
    percentile,
    type StatsReport,
} from '../../src/stats/computeStats.js';
import { dayRange } from '../../src/stats/helsinkiTime.js';
import { WEEK, event, weekEvents } from './statsFixtures.js';

const DATES = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14', '2025-03-15', '2025-03-16'];

describe('computeStats', () => {
    describe('on the hand-written week', () => {
        let report: StatsReport;

        beforeEach(() => {
            report = computeStats(weekEvents(), WEEK);
        });

        it('should describe the period', () => {
            expect(report.period).to.deep.equal({ from: '2025-03-09T22:00:00.000Z', to: '2025-03-16T22:00:00.000Z' });
            expect(report.channels).to.deep.equal(['msteams', 'webchat']);
        });

        it('should count the totals', () => {
            expect(report.totals).to.deep.equal({
                conversations: 10,
                guided: 3,
                handoversRequested: 5,
                handoversAccepted: 4,
                handoversClosed: 5,
                callbacksRequested: 1,
                crisisInterrupts: 3,
                socialCareContacts: 2,
                professionalConsultations: 1,
                feedback: 3,
                staffFeedback: 2,
            });
        });

        it('should count conversations per Helsinki day by channel and by language', () => {
            const perDay = report.conversationsPerDay.map((day) => [
                day.date,
                day.total,
                day.byChannel.map((item) => `${item.channel}:${item.count}`).join(' '),
                day.byLanguage.map((item) => `${item.language}:${item.count}`).join(' '),
            ]);
            expect(perDay).to.deep.equal([
                ['2025-03-10', 3, 'msteams:0 webchat:3', 'fi:2 sv:1 en:0'],
                ['2025-03-11', 1, 'msteams:1 webchat:0', 'fi:1 sv:0 en:0'],
                ['2025-03-12', 1, 'msteams:0 webchat:1', 'fi:0 sv:1 en:0'],
                ['2025-03-13', 2, 'msteams:1 webchat:1', 'fi:1 sv:0 en:1'],
                ['2025-03-14', 1, 'msteams:0 webchat:1', 'fi:1 sv:0 en:0'],
                ['2025-03-15', 1, 'msteams:0 webchat:1', 'fi:1 sv:0 en:0'],
                ['2025-03-16', 1, 'msteams:0 webchat:1', 'fi:0 sv:1 en:0'],
            ]);
        });

        it('should rank life situations by times chosen, listing all of them', () => {
            expect(report.lifeSituations.slice(0, 3)).to.deep.equal([
                { lifeSituation: 'older-people', chosen: 1, completed: 1 },
                { lifeSituation: 'families-with-children', chosen: 1, completed: 0 },
                { lifeSituation: 'mental-health-and-substance-use', chosen: 0, completed: 0 },
            ]);
            expect(report.lifeSituations).to.have.lengthOf(9);
        });

        it('should rank service kinds from searches and viewed details, a kind once per search', () => {
            expect(report.serviceKinds.slice(0, 7)).to.deep.equal([
                { kind: 'maternity-child-clinic', inSearchResults: 1, detailsViewed: 1, total: 2 },
                { kind: 'home-care', inSearchResults: 1, detailsViewed: 1, total: 2 },
                { kind: 'health-centre', inSearchResults: 1, detailsViewed: 0, total: 1 },
                { kind: 'dental-care', inSearchResults: 1, detailsViewed: 0, total: 1 },
                { kind: 'family-support', inSearchResults: 1, detailsViewed: 0, total: 1 },
                { kind: 'senior-services', inSearchResults: 1, detailsViewed: 0, total: 1 },
                { kind: 'service-counselling', inSearchResults: 0, detailsViewed: 0, total: 0 },
            ]);
            expect(report.serviceKinds).to.have.lengthOf(25);
        });

        it('should count handovers per day and the nearest-rank wait percentiles', () => {
            expect(report.handovers.perDay).to.deep.equal([
                { date: '2025-03-10', requested: 1, accepted: 0, closed: 1 },
                { date: '2025-03-11', requested: 1, accepted: 2, closed: 2 },
                { date: '2025-03-12', requested: 0, accepted: 0, closed: 0 },
                { date: '2025-03-13', requested: 2, accepted: 2, closed: 2 },
                { date: '2025-03-14', requested: 1, accepted: 0, closed: 0 },
                { date: '2025-03-15', requested: 0, accepted: 0, closed: 0 },
                { date: '2025-03-16', requested: 0, accepted: 0, closed: 0 },
            ]);
            // Waits 10, 30, 120, 400: rank ceil(0.5 × 4) = 2 and ceil(0.9 × 4) = 4.
            expect(report.handovers.waitSeconds).to.deep.equal({ count: 4, p50: 30, p90: 400 });
        });

        it('should count outcomes in the fixed order', () => {
            expect(report.outcomes).to.deep.equal([
                { outcome: 'resolved', count: 3 },
                { outcome: 'referred', count: 1 },
                { outcome: 'social-care-contact', count: 1 },
                { outcome: 'callback-booked', count: 0 },
                { outcome: 'no-answer', count: 0 },
            ]);
        });

        it('should compute one-contact resolution as defined (A, B, E, M of A, B, C, D, E, F, M)', () => {
            expect(report.oneContact).to.deep.equal({ resolved: 4, eligible: 7, rate: 0.5714 });
        });

        it('should keep residents and staff ratings apart', () => {
            expect(report.ratings.residents).to.deep.equal({
                count: 3,
                average: 3.67,
                distribution: [
                    { rating: 1, count: 0 },
                    { rating: 2, count: 1 },
                    { rating: 3, count: 0 },
                    { rating: 4, count: 1 },
                    { rating: 5, count: 1 },
                ],
            });
            expect(report.ratings.staff).to.deep.equal({
                count: 2,
                average: 3,
                distribution: [
                    { rating: 1, count: 0 },
                    { rating: 2, count: 1 },
                    { rating: 3, count: 0 },
                    { rating: 4, count: 1 },
                    { rating: 5, count: 0 },
                ],
            });
        });

        it('should count crisis interrupts per ISO week by category', () => {
            expect(report.crisisInterruptsPerWeek).to.deep.equal([
                {
                    week: '2025-W11',
                    total: 3,
                    byCategory: [
                        { category: 'self-harm', count: 1 },
                        { category: 'violence', count: 1 },
                        { category: 'medical-emergency', count: 1 },
                    ],
                },
            ]);
        });

        it('should give one daily row per day', () => {
            const rows = report.daily.map((row) => Object.values(row));
            expect(rows).to.deep.equal([
                // date, conversations, guided, handovers, resolved, feedback, average, crisis, § 35, consultations
                ['2025-03-10', 3, 1, 1, 3, 1, 5, 0, 0, 0],
                ['2025-03-11', 1, 0, 1, 0, 1, 4, 0, 1, 1],
                ['2025-03-12', 1, 1, 0, 0, 1, 2, 0, 0, 0],
                ['2025-03-13', 2, 0, 2, 1, 0, null, 1, 1, 0],
                ['2025-03-14', 1, 1, 1, 0, 0, null, 0, 0, 0],
                ['2025-03-15', 1, 0, 0, 0, 0, null, 0, 0, 0],
                ['2025-03-16', 1, 0, 0, 0, 0, null, 2, 0, 0],
            ]);
        });

        it('should make the daily rows add up to the totals', () => {
            const sum = (pick: (row: StatsReport['daily'][number]) => number) =>
                report.daily.reduce((total, row) => total + pick(row), 0);
            expect(sum((row) => row.conversations)).to.equal(report.totals.conversations);
            expect(sum((row) => row.guided)).to.equal(report.totals.guided);
            expect(sum((row) => row.handovers)).to.equal(report.totals.handoversRequested);
            expect(sum((row) => row.resolvedInOneContact)).to.equal(report.oneContact.resolved);
            expect(sum((row) => row.feedbackCount)).to.equal(report.totals.feedback);
            expect(sum((row) => row.crisisInterrupts)).to.equal(report.totals.crisisInterrupts);
            expect(sum((row) => row.socialCareContacts)).to.equal(report.totals.socialCareContacts);
            expect(sum((row) => row.professionalConsultations)).to.equal(report.totals.professionalConsultations);
            expect(report.daily.map((row) => row.date)).to.deep.equal(DATES);
        });
    });

    describe('filters', () => {
        it('should keep whole conversations in their last language (D switched to Swedish)', () => {
            const report = computeStats(weekEvents(), { ...WEEK, language: 'sv' });
            expect(report.totals.conversations).to.equal(3); // B, D, H
            expect(report.totals.feedback).to.equal(2); // B 4, D 2 (D's Finnish events count too)
            expect(report.lifeSituations[0]).to.deep.equal({
                lifeSituation: 'families-with-children',
                chosen: 1,
                completed: 0,
            });
            expect(report.ratings.staff.count).to.equal(0);
            expect(report.period.language).to.equal('sv');
        });

        it('should not let a counsellor rating in English make a conversation English', () => {
            const report = computeStats(weekEvents(), { ...WEEK, language: 'en' });
            expect(report.totals.conversations).to.equal(1); // E only, not C
            expect(report.totals.staffFeedback).to.equal(0);
        });

        it('should filter by channel, counting staff-only ratings on that channel', () => {
            const report = computeStats(weekEvents(), { ...WEEK, channel: 'msteams' });
            expect(report.channels).to.deep.equal(['msteams']);
            expect(report.totals).to.include({
                conversations: 2,
                socialCareContacts: 2,
                professionalConsultations: 1,
                staffFeedback: 2,
                handoversRequested: 1,
            });
            expect(report.conversationsPerDay[0]!.byChannel).to.deep.equal([{ channel: 'msteams', count: 0 }]);
        });

        it('should judge a conversation on the part inside the period', () => {
            // Only B's events after midnight are in 11.3.: it still had a handover closed as resolved.
            const report = computeStats(weekEvents(), dayRange('2025-03-11', '2025-03-11'));
            expect(report.totals.conversations).to.equal(2); // B and C
            expect(report.oneContact).to.deep.equal({ resolved: 1, eligible: 2, rate: 0.5 });
            expect(report.conversationsPerDay.map((day) => day.byLanguage[1]!.count)).to.deep.equal([1]);
        });
    });

    describe('edges', () => {
        it('should give zeros and nulls for an empty period', () => {
            const report = computeStats([], dayRange('2025-03-10', '2025-03-11'));
            expect(report.totals.conversations).to.equal(0);
            expect(report.oneContact.rate).to.equal(null);
            expect(report.handovers.waitSeconds).to.deep.equal({ count: 0, p50: null, p90: null });
            expect(report.ratings.residents.average).to.equal(null);
            expect(report.daily).to.have.lengthOf(2);
            expect(report.daily[0]!.averageRating).to.equal(null);
        });

        it('should cover every day across a daylight saving change', () => {
            const report = computeStats([], dayRange('2025-03-29', '2025-03-31'));
            expect(report.daily.map((row) => row.date)).to.deep.equal(['2025-03-29', '2025-03-30', '2025-03-31']);
            expect(report.period.to).to.equal('2025-03-31T21:00:00.000Z');
        });

        it('should list every ISO week of the period, across a year end', () => {
            const report = computeStats([], dayRange('2024-12-29', '2025-01-06'));
            expect(report.crisisInterruptsPerWeek.map((week) => week.week)).to.deep.equal([
                '2024-W52',
                '2025-W01',
                '2025-W02',
            ]);
        });

        it('should refuse a period that ends before it starts', () => {
            expect(() => computeStats([], { from: WEEK.to, to: WEEK.from })).to.throw(RangeError);
            expect(() => computeStats([], { from: new Date('x'), to: WEEK.to })).to.throw(RangeError);
        });

        it('should not depend on the order events are given in', () => {
            const events = weekEvents();
            expect(computeStats([...events].reverse(), WEEK)).to.deep.equal(computeStats(events, WEEK));
        });

        it('should report progress per conversation', () => {
            const calls: [number, number][] = [];
            computeStats(weekEvents(), WEEK, { onProgress: (done, total) => calls.push([done, total]) });
            expect(calls.at(-1)).to.deep.equal([11, 11]); // 10 conversations and K's staff rating
        });
    });

    describe('isResolvedInOneContact', () => {
        const at = '2025-03-10T08:00:00.000Z';
        const viewed = event('A', at, 'webchat', 'fi', { type: 'service-details-viewed', kind: 'dental-care' });
        const completed = event('A', at, 'webchat', 'fi', { type: 'path-completed', lifeSituation: 'disability' });
        const asked = event('A', at, 'webchat', 'fi', {
            type: 'handover-requested',
            reason: 'asked',
            urgency: 'normal',
        });
        const closed = (outcome: 'resolved' | 'referred') =>
            event('A', at, 'webchat', 'fi', { type: 'handover-closed', outcome, durationSeconds: 60 });
        const rated = (rating: 1 | 2 | 3) => event('A', at, 'webchat', 'fi', { type: 'feedback', rating });
        const matchedSearch = event('A', at, 'webchat', 'fi', {
            type: 'search',
            matched: true,
            kinds: ['rehabilitation'],
        });

        const cases: [string, Parameters<typeof isResolvedInOneContact>[0], boolean][] = [
            ['details viewed, no handover', [viewed], true],
            ['path completed, no handover', [completed], true],
            ['a matched search alone', [matchedSearch], false],
            ['details viewed but a handover asked and not closed', [viewed, asked], false],
            ['details viewed, handover closed resolved', [viewed, asked, closed('resolved')], true],
            ['last of two handovers resolved', [asked, closed('referred'), asked, closed('resolved')], true],
            ['last of two handovers referred', [asked, closed('resolved'), asked, closed('referred')], false],
            ['resolved but rated 2', [viewed, rated(2)], false],
            ['resolved but rated 1 after a resolved handover', [asked, closed('resolved'), rated(1)], false],
            ['resolved and rated 3', [completed, rated(3)], true],
            ['nothing', [], false],
        ];
        for (const [name, events, expected] of cases) {
            it(`should say ${expected} for ${name}`, () => {
                expect(isResolvedInOneContact(events)).to.equal(expected);
            });
        }
    });

    describe('percentile', () => {
        it('should use nearest rank', () => {
            expect(percentile([5], 50)).to.equal(5);
            expect(percentile([4, 1, 3, 2], 50)).to.equal(2);
            expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).to.equal(9);
            expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).to.equal(10);
            expect(percentile([], 50)).to.equal(null);
        });
    });

    describe('feedbackItems', () => {
        it('should list residents feedback newest first with the conversation filters', () => {
            const items = feedbackItems(weekEvents(), WEEK);
            expect(items.map((item) => item.rating)).to.deep.equal([2, 4, 5]);
            expect(items[0]).to.deep.equal({
                at: '2025-03-12T11:00:00.000Z',
                rating: 2,
                comment: 'Svårt att hitta <rätt> tid & plats',
                language: 'sv',
                channel: 'webchat',
            });
            expect(feedbackItems(weekEvents(), { ...WEEK, language: 'fi' }).map((item) => item.rating)).to.deep.equal([
                5,
            ]);
            expect(Object.keys(items[2]!)).to.not.include('conversation');
        });
    });
});
