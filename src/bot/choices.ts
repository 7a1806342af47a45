import type { i18n } from 'i18next';
import { ActionTypes, MessageFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { LocalizedText, LocalizedWords } from '../content/schema.js';
import { LANGUAGES } from '../content/vocabulary.js';
import { normaliseForMatch } from './commands.js';

/** Quick-reply buttons that post their own title, so a typed answer and a pressed button are the same message. */
export function quickReplies(titles: readonly string[]): CardAction[] {
    return titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
}

export function messageWithReplies(
    text: string,
    titles: readonly string[],
    attachments: Attachment[] = [],
): Partial<Activity> {
    const message = attachments.length > 0 ? MessageFactory.carousel(attachments, text) : MessageFactory.text(text);
    if (attachments.length === 1) message.attachmentLayout = 'list';
    if (titles.length > 0) message.suggestedActions = { actions: quickReplies(titles), to: [] };
    return message;
}

export interface Choice<T> {
    readonly value: T;
    /** Every text that picks this choice: labels in all languages, synonyms. */
    readonly phrases: readonly string[];
}

export function phrasesOf(label: LocalizedText, synonyms?: LocalizedWords): string[] {
    return LANGUAGES.flatMap((language) => [label[language], ...(synonyms?.[language] ?? [])]);
}

/**
 * The choice a resident's answer picks: its number ("2"), a label or synonym in any language, or a sentence that
 * contains one of them ("mulla on 2 lasta, vanhin on koulussa" picks nothing unless a phrase stands in it whole).
 */
export function matchChoice<T>(text: string, choices: readonly Choice<T>[]): T | undefined {
    const answer = normaliseForMatch(text);
    if (!answer) return undefined;
    const number = /^\d+$/.test(answer) ? Number(answer) : NaN;
    if (number >= 1 && number <= choices.length) return choices[number - 1]?.value;
    for (const choice of choices) {
        if (choice.phrases.some((phrase) => normaliseForMatch(phrase) === answer)) return choice.value;
    }
    const padded = ` ${answer} `;
    let best: { value: T; length: number } | undefined;
    for (const choice of choices) {
        for (const phrase of choice.phrases) {
            const normalised = normaliseForMatch(phrase);
            if (
                normalised.length >= 4 &&
                padded.includes(` ${normalised} `) &&
                normalised.length > (best?.length ?? 0)
            ) {
                best = { value: choice.value, length: normalised.length };
            }
        }
    }
    return best?.value;
}

/**
 * A locale string (or phrase list) in all three languages, so an answer or a button pressed before a language switch
 * still counts.
 */
export function inEveryLanguage(i18n: i18n, key: string, options: Record<string, unknown> = {}): string[] {
    return LANGUAGES.flatMap((language) => {
        const value: unknown = i18n.getFixedT(language)(key, { ...options, returnObjects: true });
        return Array.isArray(value) ? value.map(String) : [String(value)];
    });
}

/** The choice whose locale phrases, in any language, the answer picks (see `matchChoice`). */
export function matchLocalized<T>(
    text: string,
    i18n: i18n,
    choices: readonly (readonly [T, readonly string[]])[],
): T | undefined {
    return matchChoice(
        text,
        choices.map(([value, keys]) => ({ value, phrases: keys.flatMap((key) => inEveryLanguage(i18n, key)) })),
    );
}
