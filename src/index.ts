import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConversationState } from 'botbuilder';
import { createAdapter } from './bot/createAdapter.js';
import { LuotsiBot } from './bot/luotsiBot.js';
import { ConfigError, loadConfig } from './config.js';
import { ContentError, formatProblem } from './content/contentProblem.js';
import { loadCatalogue } from './content/loadCatalogue.js';
import { createI18n } from './i18n/i18n.js';
import { createConsoleLogger } from './logger.js';
import { ServiceSearch } from './search/serviceSearch.js';
import { createServer } from './server.js';
import { openFeedbackStore } from './storage/feedbackStore.js';
import { openHandoverFileStore } from './storage/handoverFileStore.js';
import { openLowdbStorage } from './storage/lowdbStorage.js';

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
    const bot = new LuotsiBot({ catalogue, search, i18n, conversationState, feedback, handovers });
    const server = createServer({ catalogue, adapter, bot });
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
