import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConversationState } from 'botbuilder';
import { createAdapter } from './bot/createAdapter.js';
import { LuotsiBot } from './bot/luotsiBot.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { MemorySessionStore } from './auth/sessions.js';
import { LoginThrottle } from './auth/loginThrottle.js';
import type { AcceptResult, HandoverQueue } from './handover/handoverQueue.js';
import { HandoverRelay } from './handover/handoverRelay.js';
import { acceptHandover } from './handover/acceptHandover.js';
import { startTeamsNotifier } from './handover/teamsNotifier.js';
import { DEMO_SERVICE_FACTS } from './web/serviceFacts.js';
import { openAuditLog } from './storage/auditFileStore.js';
import { openUserStore } from './storage/userFileStore.js';
import { openStatsFileStore } from './storage/statsFileStore.js';
import { ConversationStats } from './stats/conversationStats.js';
import { startRetentionJob } from './stats/retentionJob.js';
import { ContentError, formatProblem } from './content/contentProblem.js';
import { loadCatalogue } from './content/loadCatalogue.js';
import { createI18n } from './i18n/i18n.js';
import { createConsoleLogger, type Logger } from './logger.js';
import { ServiceSearch } from './search/serviceSearch.js';
import { createServer } from './server.js';
import { MemoryConversationStore } from './directline/conversations.js';
import { MemoryTokenStore } from './directline/tokens.js';
import { openFeedbackStore } from './storage/feedbackStore.js';
import { openHandoverFileStore } from './storage/handoverFileStore.js';
import { openLowdbStorage } from './storage/lowdbStorage.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUSEKEEPING_INTERVAL_MS = 5 * 60 * 1000;

async function main(): Promise<void> {
    const logger = createConsoleLogger();
    const config = loadConfig();
    const catalogue = await loadCatalogue(config.contentDir);
    await mkdir(config.dataDir, { recursive: true });
    const i18n = createI18n();
    const search = new ServiceSearch(catalogue);
    const adapter = createAdapter(config.botAuth, i18n, logger);
    const conversationState = new ConversationState(
        await openLowdbStorage(path.join(config.dataDir, 'conversations.json')),
    );
    const feedback = await openFeedbackStore(path.join(config.dataDir, 'feedback.json'));
    const handovers = await openHandoverFileStore(config.dataDir, { logger });
    const statsStore = await openStatsFileStore(config.dataDir);
    const stats = new ConversationStats(statsStore, logger, () => new Date());
    startRetentionJob(statsStore, { now: () => new Date(), logger });
    const bot: LuotsiBot = new LuotsiBot({
        catalogue,
        search,
        i18n,
        conversationState,
        feedback,
        handovers,
        stats,
        handoffMode: config.handoffMode,
        acceptFromTeams: (handoverId, counsellor): Promise<AcceptResult> =>
            acceptHandover({ handovers, relay, stats, logger }, handoverId, counsellor, new Date()),
    });
    const relay: HandoverRelay = new HandoverRelay(
        adapter,
        config.botAuth.MicrosoftAppId ?? '',
        (context, record, event) => bot.handleCounsellorEvent(context, record, event),
    );
    const sessions = new MemorySessionStore();
    const audit = await openAuditLog(path.join(config.dataDir, 'audit.json'));
    const server = await createServer({
        catalogue,
        adapter,
        bot,
        botAuthRequired: Boolean(config.botAuth.MicrosoftAppId),
        counsellor: {
            users: await openUserStore(path.join(config.dataDir, 'users.json')),
            sessions,
            throttle: new LoginThrottle(),
            audit,
            handovers,
            relay,
            catalogue,
            i18n,
            cookieSecure: config.cookieSecure,
            logger,
            stats,
            now: () => new Date(),
        },
        stats: { sessions, store: statsStore, audit, i18n, now: () => new Date() },
        web: {
            catalogue,
            i18n,
            allowedOrigins: config.allowedOrigins,
            connectSources: [config.directLineEndpoint, config.publicUrl].filter((url): url is string => Boolean(url)),
            facts: { ...DEMO_SERVICE_FACTS, handoverRetentionDays: config.handoverRetentionDays },
        },
        directLine: {
            settings: {
                publicUrl: config.publicUrl,
                allowedOrigins: config.allowedOrigins,
                directLineSecret: config.directLineSecret,
                directLineEndpoint: config.directLineEndpoint,
                botAppId: config.botAuth.MicrosoftAppId,
            },
            conversations: new MemoryConversationStore(),
            tokens: new MemoryTokenStore(),
            logger,
        },
    });
    startHandoverHousekeeping(handovers, config, logger);
    if (config.teamsCounsellorChannel) {
        startTeamsNotifier({
            handovers,
            adapter,
            appId: config.botAuth.MicrosoftAppId ?? '',
            channel: {
                channelId: config.teamsCounsellorChannel,
                serviceUrl: config.teamsServiceUrl,
                tenantId: config.botAuth.MicrosoftAppTenantId,
            },
            catalogue,
            t: i18n.getFixedT('fi'),
            logger,
        });
    }
    if (!config.botAuth.MicrosoftAppId && !isLoopback(config.host)) {
        logger.warn(
            'no MicrosoftAppId: /api/messages accepts unauthenticated requests; bind to loopback or configure Azure Bot credentials',
            { host: config.host },
        );
    }
    server.listen(config.port, config.host, () => {
        console.log(
            `Luotsi listening on ${server.url} (content ${catalogue.region.contentVersion}, ${catalogue.services.length} services)`,
        );
    });
}

/**
 * Every few minutes: residents waiting past the limit are marked abandoned; once a day ended handovers older than
 * the retention period are deleted.
 */
function startHandoverHousekeeping(handovers: HandoverQueue, config: Config, logger: Logger): void {
    const sweep = async () => {
        const now = new Date();
        try {
            const abandoned = await handovers.abandonStale(now, config.handoverMaxWaitMinutes);
            const purged = await handovers.purgeEnded(new Date(now.getTime() - config.handoverRetentionDays * DAY_MS));
            if (abandoned.length || purged)
                logger.info('handover housekeeping', { abandoned: abandoned.length, purged });
        } catch (error) {
            logger.error('handover housekeeping failed', { error: (error as Error).message });
        }
    };
    void sweep();
    setInterval(() => void sweep(), HOUSEKEEPING_INTERVAL_MS).unref();
}

function isLoopback(host: string): boolean {
    return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

main().catch((error: unknown) => {
    if (error instanceof ContentError) {
        console.error(`Luotsi did not start: the content has ${error.problems.length} problem(s):`);
        for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
    } else if (error instanceof ConfigError) {
        console.error('Luotsi did not start: the configuration is invalid:');
        for (const problem of error.problems) console.error(`  ${problem}`);
    } else {
        console.error('Luotsi did not start:', error);
    }
    process.exitCode = 1;
});
