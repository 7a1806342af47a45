import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Config } from '../config.js';
import { DEFAULT_LANGUAGE, languageOfLocale } from '../i18n/i18n.js';
import type { Logger } from '../logger.js';

/**
 * CloudAdapter with Bot Framework authentication: with no MicrosoftAppId it accepts unauthenticated
 * activities (local use only), with one it requires valid Bot Framework tokens.
 */
export function createAdapter(botAuth: Config['botAuth'], i18n: i18n, logger: Logger): CloudAdapter {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ ...botAuth }));
    adapter.onTurnError = async (context: TurnContext, error: Error) => {
        // Log the failure without the resident's message text: it may hold personal data.
        logger.error('turn failed', {
            error: error.message,
            channelId: context.activity.channelId,
            activityType: context.activity.type,
        });
        const t = i18n.getFixedT(languageOfLocale(context.activity.locale) ?? DEFAULT_LANGUAGE);
        try {
            await context.sendActivity(t('error.generic'));
        } catch (sendError) {
            logger.error('could not apologise to the user', { error: (sendError as Error).message });
        }
    };
    return adapter;
}
