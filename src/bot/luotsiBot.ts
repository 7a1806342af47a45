import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { i18n } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import { DEFAULT_LANGUAGE, languageOfLocale } from '../i18n/i18n.js';
import { detectLanguage } from '../search/detectLanguage.js';
import { MAX_QUERY_LENGTH } from '../search/searchRequest.js';
import type { ServiceSearch } from '../search/serviceSearch.js';
import { searchReplyText } from './searchReply.js';

export interface BotDependencies {
    readonly catalogue: Catalogue;
    readonly search: ServiceSearch;
    readonly i18n: i18n;
}

/** Answers every message with the services that fit it best, in the language the resident wrote in. */
export class LuotsiBot extends ActivityHandler {
    constructor(private readonly deps: BotDependencies) {
        super();
        this.onMessage(async (context, next) => {
            await this.answer(context);
            await next();
        });
        this.onMembersAdded(async (context, next) => {
            const botId = context.activity.recipient?.id;
            const joined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
            if (joined) await this.welcome(context);
            await next();
        });
    }

    private async answer(context: TurnContext): Promise<void> {
        const text = (context.activity.text ?? '').trim().slice(0, MAX_QUERY_LENGTH);
        const localeLanguage = languageOfLocale(context.activity.locale);
        if (!text) {
            const t = this.deps.i18n.getFixedT(localeLanguage ?? DEFAULT_LANGUAGE);
            await context.sendActivity(t('search.emptyMessage'));
            return;
        }
        const detected = detectLanguage(text);
        const outcome = this.deps.search.search(text, detected?.confident ? detected.language : 'auto');
        // Unclear one-word texts that matched nothing are answered in the channel's language, not a guess.
        const replyLanguage =
            outcome.matched || detected?.confident ? outcome.language : (localeLanguage ?? outcome.language);
        const t = this.deps.i18n.getFixedT(replyLanguage);
        await context.sendActivity(searchReplyText(outcome, this.deps.catalogue, t));
    }

    private async welcome(context: TurnContext): Promise<void> {
        const language = languageOfLocale(context.activity.locale) ?? DEFAULT_LANGUAGE;
        const t = this.deps.i18n.getFixedT(language);
        const { region } = this.deps.catalogue;
        await context.sendActivity(
            t('welcome', { region: region.names[language], promise: region.customerPromise[language] }),
        );
    }
}
