import { expect } from 'chai';
import Holidays from 'date-holidays';
import { CLOSING_HOLIDAYS, isFinnishPublicHoliday, openingStatus } from '../../src/content/openingHours.js';
import type { ServiceHours } from '../../src/content/schema.js';

const weekdays = (from: string, to: string, closedOnPublicHolidays = true): ServiceHours => ({
    weekly: [{ dayFrom: 'mon', dayTo: 'fri', from, to }],
    closedOnPublicHolidays,
});
const everyDay = (from: string, to: string, closedOnPublicHolidays = true): ServiceHours => ({
    weekly: [{ dayFrom: 'mon', dayTo: 'sun', from, to }],
    closedOnPublicHolidays,
});
const officeHours = weekdays('08:00', '16:00');

/** Status at a fixed instant, Dates as ISO strings in UTC so failures read well. */
function statusAt(hours: ServiceHours, now: string): { open: boolean; nextOpening?: string; closesAt?: string } {
    const status = openingStatus(hours, new Date(now));
    return {
        open: status.open,
        ...(status.nextOpening && { nextOpening: status.nextOpening.toISOString() }),
        ...(status.closesAt && { closesAt: status.closesAt.toISOString() }),
    };
}

describe('openingStatus', () => {
    describe('weekly hours', () => {
        it('should be open on a weekday inside hours and say when it closes', () => {
            expect(statusAt(officeHours, '2026-03-04T10:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-03-04T14:00:00.000Z',
            });
        });

        it('should be closed at night and open next morning', () => {
            expect(statusAt(officeHours, '2026-03-04T22:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-03-05T06:00:00.000Z',
            });
        });

        it('should be closed before opening on the same day', () => {
            expect(statusAt(officeHours, '2026-03-04T07:59:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-03-04T06:00:00.000Z',
            });
        });

        it('should treat the closing minute as closed', () => {
            expect(statusAt(officeHours, '2026-03-04T16:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-03-05T06:00:00.000Z',
            });
        });

        it('should open on Monday when asked on Friday evening', () => {
            expect(statusAt(officeHours, '2026-03-06T17:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-03-09T06:00:00.000Z',
            });
        });

        it('should combine rows for different days', () => {
            const hours: ServiceHours = {
                weekly: [
                    { dayFrom: 'mon', dayTo: 'thu', from: '08:00', to: '16:00' },
                    { dayFrom: 'fri', from: '08:00', to: '14:00' },
                ],
                closedOnPublicHolidays: true,
            };
            expect(statusAt(hours, '2026-03-06T13:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-03-06T12:00:00.000Z',
            });
        });

        it('should read a day range that wraps past Sunday', () => {
            const weekend: ServiceHours = {
                weekly: [{ dayFrom: 'sat', dayTo: 'mon', from: '10:00', to: '14:00' }],
                closedOnPublicHolidays: true,
            };
            expect(statusAt(weekend, '2026-03-09T11:00:00+02:00').open).to.equal(true);
            expect(statusAt(weekend, '2026-03-10T11:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-03-14T08:00:00.000Z',
            });
        });
    });

    describe('public holidays', () => {
        it('should be closed on Independence Day and open the next day', () => {
            expect(statusAt(everyDay('08:00', '16:00'), '2026-12-06T10:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-12-07T06:00:00.000Z',
            });
        });

        it('should stay closed over Christmas Eve, Christmas Day and Boxing Day', () => {
            expect(statusAt(officeHours, '2026-12-23T17:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-12-28T06:00:00.000Z',
            });
            expect(statusAt(everyDay('08:00', '16:00'), '2026-12-24T10:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-12-27T06:00:00.000Z',
            });
        });

        it('should be closed on Midsummer Eve and Midsummer Day', () => {
            expect(statusAt(everyDay('08:00', '16:00'), '2026-06-18T17:00:00+03:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-06-21T05:00:00.000Z',
            });
        });

        it('should be closed from Good Friday to Easter Monday 2027', () => {
            // Also crosses the switch to summer time on Easter Sunday 2027-03-28.
            expect(statusAt(officeHours, '2027-03-25T17:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2027-03-30T05:00:00.000Z',
            });
            // Easter Saturday is an ordinary day; Easter Sunday and Monday close again.
            expect(statusAt(everyDay('08:00', '16:00'), '2027-03-26T10:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2027-03-27T06:00:00.000Z',
            });
            expect(statusAt(everyDay('08:00', '16:00'), '2027-03-27T17:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2027-03-30T05:00:00.000Z',
            });
        });

        it('should stay open on holidays when closedOnPublicHolidays is false', () => {
            expect(statusAt(weekdays('08:00', '16:00', false), '2026-12-24T10:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-12-24T14:00:00.000Z',
            });
            expect(statusAt(everyDay('08:00', '16:00', false), '2026-12-06T10:00:00+02:00').open).to.equal(true);
        });

        it("should stay open on New Year's Eve, which is a working day", () => {
            expect(statusAt(officeHours, '2026-12-31T10:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-12-31T14:00:00.000Z',
            });
        });

        it('should close a night row at the midnight a holiday begins', () => {
            expect(statusAt(everyDay('22:00', '06:00'), '2026-12-23T23:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-12-23T22:00:00.000Z',
            });
        });
    });

    describe('over midnight and 24:00', () => {
        const nights = everyDay('22:00', '06:00');

        it('should be open after midnight on a row that started the evening before', () => {
            expect(statusAt(nights, '2026-03-04T23:30:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-03-05T04:00:00.000Z',
            });
            expect(statusAt(nights, '2026-03-05T03:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-03-05T04:00:00.000Z',
            });
        });

        it('should carry a Friday night row into Saturday morning only', () => {
            const fridayNight: ServiceHours = {
                weekly: [{ dayFrom: 'fri', from: '22:00', to: '06:00' }],
                closedOnPublicHolidays: true,
            };
            expect(statusAt(fridayNight, '2026-03-07T02:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-03-07T04:00:00.000Z',
            });
            expect(statusAt(fridayNight, '2026-03-07T12:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-03-13T20:00:00.000Z',
            });
        });

        it('should close at midnight for 24:00', () => {
            expect(statusAt(weekdays('16:00', '24:00'), '2026-03-03T20:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-03-03T22:00:00.000Z',
            });
        });

        it('should join days of 00:00–24:00 into one run up to the next holiday', () => {
            expect(statusAt(everyDay('00:00', '24:00'), '2026-12-20T10:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-12-23T22:00:00.000Z',
            });
        });

        it('should omit closesAt when it does not close within the search horizon', () => {
            expect(statusAt(everyDay('00:00', '24:00', false), '2026-03-04T10:00:00+02:00')).to.deep.equal({
                open: true,
            });
        });
    });

    describe('daylight saving time', () => {
        it('should open at 08:00 summer time on 2026-03-29', () => {
            expect(statusAt(everyDay('08:00', '16:00'), '2026-03-28T20:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-03-29T05:00:00.000Z',
            });
        });

        it('should close a night row at 06:00 summer time on 2026-03-29', () => {
            expect(statusAt(everyDay('22:00', '06:00'), '2026-03-28T23:00:00+02:00')).to.deep.equal({
                open: true,
                closesAt: '2026-03-29T03:00:00.000Z',
            });
        });

        it('should open on the Monday after the switch in summer time', () => {
            expect(statusAt(officeHours, '2026-03-27T17:00:00+02:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-03-30T05:00:00.000Z',
            });
        });

        it('should open at 08:00 winter time on 2026-10-25', () => {
            expect(statusAt(everyDay('08:00', '16:00'), '2026-10-24T20:00:00+03:00')).to.deep.equal({
                open: false,
                nextOpening: '2026-10-25T06:00:00.000Z',
            });
        });

        it('should close a night row at 06:00 winter time on 2026-10-25', () => {
            expect(statusAt(everyDay('22:00', '06:00'), '2026-10-24T23:00:00+03:00')).to.deep.equal({
                open: true,
                closesAt: '2026-10-25T04:00:00.000Z',
            });
        });
    });

    it('should be open with no closing time when always open', () => {
        expect(openingStatus({ alwaysOpen: true }, new Date('2026-12-24T03:00:00+02:00'))).to.deep.equal({
            open: true,
        });
    });
});

describe('openingStatus holidays (isFinnishPublicHoliday)', () => {
    it('should close on exactly these days in 2026', () => {
        const closed: string[] = [];
        for (let day = new Date('2026-01-01T12:00:00+02:00'); day.getUTCFullYear() === 2026;) {
            if (isFinnishPublicHoliday(day)) closed.push(day.toISOString().slice(0, 10));
            day = new Date(day.getTime() + 24 * 3600 * 1000);
        }
        expect(closed).to.deep.equal([
            '2026-01-01', // New Year's Day
            '2026-01-06', // Epiphany
            '2026-04-03', // Good Friday
            '2026-04-05', // Easter Sunday
            '2026-04-06', // Easter Monday
            '2026-05-01', // May Day
            '2026-05-14', // Ascension Day
            '2026-05-24', // Whit Sunday
            '2026-06-19', // Midsummer Eve (de facto)
            '2026-06-20', // Midsummer Day
            '2026-10-31', // All Saints' Day
            '2026-12-06', // Independence Day
            '2026-12-24', // Christmas Eve (de facto)
            '2026-12-25', // Christmas Day
            '2026-12-26', // St Stephen's Day
        ]);
    });

    it('should list every public holiday date-holidays knows for Finland', () => {
        // Guards against a date-holidays update adding or renaming a rule the explicit list then misses.
        const holidays = new Holidays('FI');
        for (let year = 2026; year <= 2035; year++) {
            const publicRules = holidays
                .getHolidays(year)
                .filter((holiday) => holiday.type === 'public')
                .map((holiday) => holiday.rule);
            expect(Object.keys(CLOSING_HOLIDAYS)).to.include.members(publicRules, `year ${year}`);
        }
    });

    it('should use the Helsinki calendar date of an instant', () => {
        expect(isFinnishPublicHoliday(new Date('2026-12-05T22:30:00Z'))).to.equal(true);
        expect(isFinnishPublicHoliday(new Date('2026-12-06T22:30:00Z'))).to.equal(false);
        expect(isFinnishPublicHoliday(new Date('2026-12-31T10:00:00+02:00'))).to.equal(false);
    });
});
