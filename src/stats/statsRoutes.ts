import type { i18n } from 'i18next';
import type { Request, Response, Server } from 'restify';
import type { AuditLog } from '../audit/auditLog.js';
import { requireSession, sessionOf } from '../auth/restifyAuth.js';
import type { SessionStore } from '../auth/sessions.js';
import { computeStats, feedbackItems, type StatsReport } from './computeStats.js';
import { renderDashboard, STATS_CSV_PATH, STATS_PAGE_PATH } from './dashboardPage.js';
import { dailyRowsToCsv } from './statsCsv.js';
import { parseStatsQuery, type ParsedStatsQuery } from './statsQuery.js';
import { pageLanguage } from '../web/http.js';
import type { StatsStore } from './statsStore.js';

export interface StatsRouteDeps {
    readonly sessions: SessionStore;
    readonly store: StatsStore;
    readonly audit: AuditLog;
    readonly i18n: i18n;
    readonly now: () => Date;
}

/** The supervisor dashboard and the same figures as JSON and CSV; counsellors and anonymous visitors are refused. */
export function registerStatsRoutes(server: Server, deps: StatsRouteDeps): void {
    const supervisor = requireSession(deps.sessions, ['supervisor']);

    server.get(STATS_PAGE_PATH, supervisor, async (req: Request, res: Response) => {
        const parsed = parseStatsQuery(req.query ?? {}, deps.now());
        const events = await deps.store.events(parsed.range);
        const report = reportOf(events, parsed);
        const unmatched = await deps.store.unmatched(parsed.range);
        const feedback = feedbackItems(events, filtersOf(parsed));
        const language = pageLanguage(req);
        const html = renderDashboard(report, unmatched, feedback, deps.i18n.getFixedT(language), language, {
            ...parsed.query,
            problems: parsed.problems,
            channelOptions: [...new Set(events.map((event) => event.channel))].sort(),
        });
        res.writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            // The dashboard's own stylesheet is inline; nothing else may load or run.
            'content-security-policy':
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
        });
        res.end(html);
    });

    server.get('/api/stats', supervisor, async (req: Request, res: Response) => {
        const parsed = parseStatsQuery(req.query ?? {}, deps.now());
        if (parsed.problems.length > 0)
            return res.send(422, { error: `invalid parameters: ${parsed.problems.join(', ')}` });
        res.send(200, reportOf(await deps.store.events(parsed.range), parsed));
    });

    server.get(STATS_CSV_PATH, supervisor, async (req: Request, res: Response) => {
        const parsed = parseStatsQuery(req.query ?? {}, deps.now());
        if (parsed.problems.length > 0)
            return res.send(422, { error: `invalid parameters: ${parsed.problems.join(', ')}` });
        const report = reportOf(await deps.store.events(parsed.range), parsed);
        await deps.audit.record({ actor: sessionOf(req).username, action: 'export-stats' });
        res.writeHead(200, {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="luotsi-stats-${parsed.query.from}-${parsed.query.to}.csv"`,
        });
        res.end(dailyRowsToCsv(report.daily));
    });
}

function filtersOf(parsed: ParsedStatsQuery) {
    return { ...parsed.range, language: parsed.query.language, channel: parsed.query.channel };
}

function reportOf(events: Parameters<typeof computeStats>[0], parsed: ParsedStatsQuery): StatsReport {
    return computeStats(events, filtersOf(parsed));
}
