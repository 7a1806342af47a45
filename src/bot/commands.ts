import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { LOCALE_RESOURCES } from '../i18n/i18n.js';
import { fold, words } from '../search/normalise.js';

/** Things a resident can say at any point of any dialog, in any of the three languages. */
export const COMMANDS = [
    'person',
    'restart',
    'back',
    'help',
    'feedback',
    'manyServices',
    'done',
    'none',
    'skip',
    'greeting',
    'resume',
    'consult',
] as const;
export type Command = (typeof COMMANDS)[number];

export type Recognised = { command: Command } | { command: 'language'; language: Language };

/** Normalised form used for comparing what was typed with command phrases and button labels. */
export function normaliseForMatch(text: string): string {
    return fold(words(text).join(' '));
}

interface Phrase {
    readonly normalised: string;
    readonly words: number;
}

function phrasesOf(list: unknown): Phrase[] {
    if (!Array.isArray(list)) return [];
    return list
        .filter((item): item is string => typeof item === 'string')
        .map((item) => normaliseForMatch(item))
        .filter((normalised) => normalised !== '')
        .map((normalised) => ({ normalised, words: normalised.split(' ').length }));
}

function commandPhrases(): Map<Command | `language:${Language}`, Phrase[]> {
    const phrases = new Map<Command | `language:${Language}`, Phrase[]>();
    const add = (key: Command | `language:${Language}`, list: Phrase[]) =>
        phrases.set(key, [...(phrases.get(key) ?? []), ...list]);
    for (const language of LANGUAGES) {
        const commands = (LOCALE_RESOURCES[language] as { commands?: Record<string, unknown> }).commands ?? {};
        for (const command of COMMANDS) add(command, phrasesOf(commands[command]));
        for (const target of LANGUAGES) add(`language:${target}`, phrasesOf(commands[`language_${target}`]));
    }
    return phrases;
}

const PHRASES = commandPhrases();

/**
 * Whether a message is one of the global commands. One-word phrases must be the whole message ("alku"); longer
 * phrases may stand inside a sentence ("voinko puhua ihmisen kanssa"). Phrases of all three languages count,
 * because residents mix them and buttons may be pressed after a language switch.
 */
export function recogniseCommand(text: string): Recognised | undefined {
    const message = normaliseForMatch(text);
    if (!message) return undefined;
    const padded = ` ${message} `;
    for (const [key, phrases] of PHRASES) {
        const hit = phrases.some((phrase) =>
            phrase.words === 1 ? message === phrase.normalised : padded.includes(` ${phrase.normalised} `),
        );
        if (!hit) continue;
        if (key.startsWith('language:'))
            return { command: 'language', language: key.slice('language:'.length) as Language };
        return { command: key as Command };
    }
    return undefined;
}
