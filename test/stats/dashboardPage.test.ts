import { expect } from 'chai';
import type { TFunction } from 'i18next';
import { LANGUAGES, LIFE_SITUATION_IDS, SERVICE_KINDS, type Language } from '../../src/content/vocabulary.js';
import en from '../../src/i18n/locales/stats.en.json' with { type: 'json' };
import fi from '../../src/i18n/locales/stats.fi.json' with { type: 'json' };
import sv from '../../src/i18n/locales/stats.sv.json' with { type: 'json' };
import { computeStats, feedbackItems, type FeedbackItem, type StatsReport } from '../../src/stats/computeStats.js';
import { DASHBOARD_CSS, renderDashboard, type DashboardFilters } from '../../src/stats/dashboardPage.js';
import type { UnmatchedCount } from '../../src/stats/statsStore.js';
import { translatorFrom, type Translator } from '../helpers.js';
import { WEEK, weekEvents } from './statsFixtures.js';

const LOCALES: Record<Language, object> = { fi, sv, en };

/** A translator from one stats locale file. */
function translator(language: Language, resource: object = LOCALES[language]): Promise<Translator> {
    return translatorFrom(language, resource);
}

function leafStrings(value: unknown, prefix = ''): Map<string, unknown> {
    const leaves = new Map<string, unknown>();
    if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
            for (const [leaf, text] of leafStrings(child, prefix ? `${prefix}.${key}` : key)) leaves.set(leaf, text);
        }
    } else {
        leaves.set(prefix, value);
    }
    return leaves;
}

const FILTERS: DashboardFilters = { from: '2025-03-10', to: '2025-03-16' };

const UNMATCHED: UnmatchedCount[] = [
    { language: 'fi', text: 'uimahalli', count: 4 },
    { language: 'fi', text: 'kirjasto', count: 2 },
    { language: 'sv', text: 'simhall', count: 1 },
];

function render(
    t: TFunction,
    language: Language,
    options: {
        report?: StatsReport;
        unmatched?: UnmatchedCount[];
        feedback?: FeedbackItem[];
        filters?: DashboardFilters;
    } = {},
): string {
    return renderDashboard(
        options.report ?? computeStats(weekEvents(), WEEK),
        options.unmatched ?? UNMATCHED,
        options.feedback ?? feedbackItems(weekEvents(), WEEK),
        t,
        language,
        options.filters ?? FILTERS,
    );
}

/** Attribute values of every tag matching `tag` that has `attribute`. */
function attributes(html: string, tag: string, attribute: string): string[] {
    return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${attribute}="([^"]*)"`, 'g'))].map((match) => match[1]!);
}

describe('renderDashboard', () => {
    for (const language of LANGUAGES) {
        it(`should render in ${language} with every key present`, async () => {
            const { t, missing } = await translator(language);
            const html = render(t, language);
            const withProblems = render(t, language, {
                filters: {
                    ...FILTERS,
                    rating: 2,
                    problems: ['from', 'to', 'range', 'tooLong', 'language', 'channel', 'rating'],
                },
            });
            const empty = render(t, language, {
                report: computeStats([], WEEK),
                unmatched: [],
                feedback: [],
            });
            expect(missing).to.deep.equal([]);
            for (const page of [html, withProblems, empty]) {
                expect(page).to.match(new RegExp(`^<!doctype html>\\n<html lang="${language}">`));
                expect(page, 'an untranslated key').to.not.match(/\bstats\.[a-z]+\.[a-zA-Z]/);
                expect(page, 'an empty interpolation').to.not.include('{{');
            }
            expect(html).to.include(`<title>${t('stats.pageTitle')}</title>`);
        });
    }

    it('should use every string of the locale files', async () => {
        const used = new Set<string>();
        const { t: base } = await translator('fi');
        const t = ((key: string, options?: Record<string, unknown>) => {
            used.add(key);
            return base(key, options ?? {});
        }) as unknown as TFunction;
        render(t, 'fi', {
            filters: { ...FILTERS, problems: ['from', 'to', 'range', 'tooLong', 'language', 'channel', 'rating'] },
        });
        render(t, 'fi', { report: computeStats([], WEEK), unmatched: [], feedback: [] });
        // Service kinds are shown only when they occur; the next test checks that each has a label.
        const unused = [...leafStrings(fi).keys()].filter(
            (key) => !used.has(key) && !key.startsWith('stats.serviceKinds.'),
        );
        expect(unused).to.deep.equal([]);
    });

    it('should have a label for every service kind and life situation of the vocabulary', () => {
        for (const language of LANGUAGES) {
            const keys = leafStrings(LOCALES[language]);
            for (const kind of SERVICE_KINDS) expect(keys.has(`stats.serviceKinds.${kind}`), kind).to.equal(true);
            for (const id of LIFE_SITUATION_IDS) expect(keys.has(`stats.lifeSituations.${id}`), id).to.equal(true);
            expect(keys.size).to.equal(leafStrings(fi).size);
        }
    });

    it('should escape every text it inserts, from data, filters and locale files alike', async () => {
        const hostile = '<script>alert("x")</script>';
        const { t } = await translator('fi', {
            stats: {
                ...fi.stats,
                pageTitle: '<i>Tilastot</i>',
                filters: { ...fi.stats.filters, csv: 'CSV "lataus" & <b>' },
            },
        });
        const html = render(t, 'fi', {
            unmatched: [{ language: 'fi', text: hostile, count: 1 }],
            feedback: [
                {
                    at: '2025-03-12T11:00:00.000Z',
                    rating: 3,
                    comment: `<img src=x onerror="alert(1)"> ${hostile}`,
                    language: 'fi',
                    channel: 'webchat',
                },
            ],
            filters: {
                ...FILTERS,
                channel: '"><script>alert(1)</script>',
                channelOptions: ['<b>bold</b>', "it's"],
            },
        });
        expect(html).to.not.match(/<script/i);
        expect(html).to.not.match(/<img/i);
        expect(html).to.not.match(/<b>|<i>/);
        expect(html).to.include('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
        expect(html).to.include('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
        expect(html).to.include('<title>&lt;i&gt;Tilastot&lt;/i&gt;</title>');
        expect(html).to.include('CSV &quot;lataus&quot; &amp; &lt;b&gt;');
        expect(html).to.include('<option value="it&#39;s">it&#39;s</option>');
        // Inside the charts too: locale strings with markup are escaped once, not twice.
        const { t: plain } = await translator('en', {
            stats: { ...en.stats, languages: { ...en.stats.languages, fi: 'Finnish & <Finland>' } },
        });
        const charts = render(plain, 'en');
        expect(charts).to.include('>Finnish &amp; &lt;Finland&gt;</text>');
        expect(charts).to.not.include('&amp;amp;');
    });

    it('should name every chart by a visible heading and follow it with a data table', async () => {
        const { t } = await translator('en');
        const html = render(t, 'en');
        const charts = [...html.matchAll(/<svg\b[^>]*>/g)].map((match) => match[0]);
        expect(charts.length).to.be.at.least(12);
        for (const svg of charts) {
            expect(svg).to.include('role="img"');
            const id = /aria-labelledby="([^"]+)"/.exec(svg)?.[1];
            expect(id, svg).to.be.a('string');
            const heading = new RegExp(`<h3 id="${id}">([^<]+)</h3>`).exec(html);
            expect(heading?.[1]?.trim(), `visible title for ${id}`).to.not.equal(undefined);
            const after = html.slice(html.indexOf(svg));
            expect(after.indexOf('<table'), `table after ${id}`).to.be.lessThan(after.indexOf('</section>'));
        }
    });

    it('should give every table a caption and scoped headers, and every control a label', async () => {
        const { t } = await translator('sv');
        const html = render(t, 'sv');
        const tables = html.split('<table').slice(1);
        expect(tables.length).to.be.at.least(15);
        for (const table of tables) expect(table).to.match(/^[^>]*><caption id="[^"]+">[^<]+<\/caption>/);
        expect(html.match(/<th\b(?![^>]*\bscope="(?:col|row)")[^>]*>/g)).to.equal(null);
        const controls = [
            ...attributes(html, 'select', 'id'),
            ...[...html.matchAll(/<input\b(?![^>]*type="hidden")[^>]*\bid="([^"]+)"/g)].map((match) => match[1]!),
        ];
        expect(controls).to.have.members([
            'filter-from',
            'filter-to',
            'filter-language',
            'filter-channel',
            'feedback-rating',
        ]);
        for (const id of controls) expect(html).to.match(new RegExp(`<label for="${id}">[^<]+</label>`));
        const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!);
        expect(
            ids.filter((id, index) => ids.indexOf(id) !== index),
            'duplicate ids',
        ).to.deep.equal([]);
        expect(attributes(html, 'form', 'method')).to.deep.equal(['get', 'get']);
    });

    it('should link the CSV export and the other languages with the same filters', async () => {
        const { t } = await translator('fi');
        const html = render(t, 'fi', { filters: { ...FILTERS, language: 'sv', channel: 'webchat', rating: 4 } });
        expect(html).to.include(
            'href="/api/stats.csv?from=2025-03-10&amp;to=2025-03-16&amp;language=sv&amp;channel=webchat"',
        );
        expect(html).to.include(
            'href="/counsellor/stats?from=2025-03-10&amp;to=2025-03-16&amp;language=sv&amp;channel=webchat&amp;lang=en&amp;rating=4"',
        );
        expect(html).to.include('<option value="sv" selected>');
        expect(html).to.include('<option value="webchat" selected>webchat</option>');
        expect(html).to.include('value="2025-03-10" required');
    });

    it('should list only the feedback with the chosen rating', async () => {
        const { t } = await translator('fi');
        const html = render(t, 'fi', { filters: { ...FILTERS, rating: 2 } });
        expect(html).to.include('Svårt att hitta &lt;rätt&gt; tid &amp; plats');
        expect(html).to.not.include('löysin kotihoidon');
        expect(html).to.include('<option value="2" selected>2 / 5</option>');
        expect(html).to.include('Palautteet: näytetään 1 / 1');
        const all = render(t, 'fi');
        expect(all).to.include('löysin kotihoidon');
    });

    it('should show content gaps per language, only the filtered language when one is chosen', async () => {
        const { t } = await translator('fi');
        const html = render(t, 'fi');
        expect(html).to.include('<span lang="fi">uimahalli</span>');
        expect(html).to.include('<span lang="sv">simhall</span>');
        const swedish = render(t, 'fi', { filters: { ...FILTERS, language: 'sv' } });
        expect(swedish).to.not.include('uimahalli');
        expect(swedish).to.include('simhall');
    });

    it('should show the figures in the page language', async () => {
        const { t } = await translator('fi');
        const html = render(t, 'fi');
        // Intl puts a no-break space before the per cent sign in Finnish.
        expect(html).to.include('Ratkesi yhdellä yhteydenotolla: 57,1\u00a0%');
        expect(html).to.include('Keskiarvo 3,67 / 5, arvioita 3.');
        expect(html).to.include('<td class="number">0 min 30 s</td>');
        expect(html).to.include('vko 11/2025');
    });

    it('should announce refused filters', async () => {
        const { t } = await translator('en');
        const html = render(t, 'en', { filters: { ...FILTERS, problems: ['range'] } });
        expect(html).to.match(/<div class="error-summary" role="alert"[^>]*>.*The start date was after the end date/s);
        expect(render(t, 'en')).to.not.include('role="alert"');
    });

    it('should use colours with enough contrast on white', () => {
        const luminance = (hex: string) => {
            const [r, g, b] = [1, 3, 5].map((index) => {
                const channel = parseInt(hex.slice(index, index + 2), 16) / 255;
                return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
        };
        const contrast = (hex: string) => 1.05 / (luminance(hex) + 0.05);
        // Text colours of the page and the charts' series and outlines (non-text needs 3:1, text 4.5:1).
        for (const colour of ['#1a3060', '#2a6ebb', '#45546b', '#1e7b40', '#8a5a00', '#b0171f', '#5c6e87']) {
            expect(contrast(colour), colour).to.be.at.least(4.5);
        }
        expect(DASHBOARD_CSS).to.include("font-family:'Source Sans Pro',Arial,sans-serif");
        expect(DASHBOARD_CSS).to.include(':focus-visible{outline:3px solid #1a3060');
    });
});

describe('stats locale files', () => {
    const leaves = Object.fromEntries(LANGUAGES.map((language) => [language, leafStrings(LOCALES[language])]));

    it('should have the same keys, all non-empty, under "stats"', () => {
        for (const language of LANGUAGES) {
            expect(Object.keys(LOCALES[language])).to.deep.equal(['stats']);
            expect([...leaves[language]!.keys()].sort()).to.deep.equal([...leaves.fi!.keys()].sort());
            for (const [key, text] of leaves[language]!)
                expect(String(text).trim(), `${language} ${key}`).to.not.equal('');
        }
    });

    it('should use the same placeholders in every language', () => {
        const placeholders = (text: unknown) => [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
        for (const [key, text] of leaves.fi!) {
            for (const language of LANGUAGES) {
                expect(placeholders(leaves[language]!.get(key)), `${language} ${key}`).to.deep.equal(
                    placeholders(text),
                );
            }
        }
    });
});
