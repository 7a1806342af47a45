import type { Language } from '../content/vocabulary.js';
import { DEFAULT_LANGUAGE, languageOfLocale } from '../i18n/i18n.js';
import { detectLanguage } from '../search/detectLanguage.js';
import type { ConversationProfile } from './conversationProfile.js';

/** Fewer words than this never switch the language: "ok", "GP" or "tack" say little about it. */
const WORDS_FOR_A_CLEAR_LANGUAGE = 3;

/**
 * The language of this turn's replies. The first message sets it (its clear language, else the channel's locale);
 * later a message clearly written in another of the three languages switches it; otherwise it stays as chosen.
 */
export function resolveTurnLanguage(profile: ConversationProfile, text: string, locale: string | undefined): Language {
    const detected = text ? detectLanguage(text) : undefined;
    const clear =
        detected?.confident && text.trim().split(/\s+/).length >= WORDS_FOR_A_CLEAR_LANGUAGE
            ? detected.language
            : undefined;
    if (!profile.language) {
        profile.language =
            clear ?? languageOfLocale(locale) ?? (detected?.confident ? detected.language : DEFAULT_LANGUAGE);
    } else if (clear && clear !== profile.language) {
        profile.language = clear;
    }
    return profile.language;
}
