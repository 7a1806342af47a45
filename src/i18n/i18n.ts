import i18next, { type TFunction, type i18n } from 'i18next';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import consoleEn from './locales/console.en.json' with { type: 'json' };
import consoleFi from './locales/console.fi.json' with { type: 'json' };
import consoleSv from './locales/console.sv.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import fi from './locales/fi.json' with { type: 'json' };
import handoverEn from './locales/handover.en.json' with { type: 'json' };
import handoverFi from './locales/handover.fi.json' with { type: 'json' };
import handoverSv from './locales/handover.sv.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };
import statsEn from './locales/stats.en.json' with { type: 'json' };
import statsFi from './locales/stats.fi.json' with { type: 'json' };
import statsSv from './locales/stats.sv.json' with { type: 'json' };
import webEn from './locales/web.en.json' with { type: 'json' };
import webFi from './locales/web.fi.json' with { type: 'json' };
import webSv from './locales/web.sv.json' with { type: 'json' };

/**
 * Every user-facing string per language. The resident conversation, the handover summary and the counsellor console
 * keep their strings in files of their own (each under its own top-level key) and are served as one resource.
 */
export const LOCALE_RESOURCES: Record<Language, Record<string, unknown>> = {
    fi: { ...fi, ...handoverFi, ...consoleFi, ...webFi, ...statsFi },
    sv: { ...sv, ...handoverSv, ...consoleSv, ...webSv, ...statsSv },
    en: { ...en, ...handoverEn, ...consoleEn, ...webEn, ...statsEn },
};
export const DEFAULT_LANGUAGE: Language = 'fi';

/** One i18next instance per app (not the global one), so tests and servers never share language state. */
export function createI18n(): i18n {
    const instance = i18next.createInstance();
    void instance.init({
        initAsync: false,
        lng: DEFAULT_LANGUAGE,
        fallbackLng: DEFAULT_LANGUAGE,
        supportedLngs: [...LANGUAGES],
        resources: Object.fromEntries(
            LANGUAGES.map((language) => [language, { translation: LOCALE_RESOURCES[language] }]),
        ),
        // Texts go to chat channels and cards, not into HTML: escaping would show "&amp;" to residents.
        interpolation: { escapeValue: false },
        returnNull: false,
    });
    return instance;
}

export type Translate = TFunction;

/** Maps a Bot Framework locale ("sv-FI", "en-US") to one of our languages, if it is one. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
    const prefix = locale?.slice(0, 2).toLowerCase();
    return (LANGUAGES as readonly string[]).includes(prefix ?? '') ? (prefix as Language) : undefined;
}
