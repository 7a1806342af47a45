import type { Activity } from 'botbuilder';
import type { Catalogue } from '../content/catalogue.js';
import { LANGUAGES } from '../content/vocabulary.js';
import { normaliseForMatch } from './commands.js';
import type { ConversationProfile } from './conversationProfile.js';

const labelsByCatalogue = new WeakMap<Catalogue, ReadonlySet<string>>();

/** Life-situation names and answer options: the words of content, in every language. */
function contentLabels(catalogue: Catalogue): ReadonlySet<string> {
    let labels = labelsByCatalogue.get(catalogue);
    if (!labels) {
        labels = new Set(
            catalogue.lifeSituations.flatMap((situation) =>
                LANGUAGES.flatMap((language) => [
                    situation.names[language],
                    ...situation.questions.flatMap((question) =>
                        question.options.map((option) => option.label[language]),
                    ),
                ]).map(normaliseForMatch),
            ),
        );
        labelsByCatalogue.set(catalogue, labels);
    }
    return labels;
}

/** Whether a text is a life situation's name or an answer option, in any language. */
export function isContentLabel(catalogue: Catalogue, text: string): boolean {
    return contentLabels(catalogue).has(normaliseForMatch(text));
}

/** The buttons of the last message the bot sent, remembered for the next turn. */
export function offeredButtons(sent: readonly Partial<Activity>[]): string[] | undefined {
    const messages = sent.filter((activity) => activity.type === 'message');
    if (messages.length === 0) return undefined;
    return (messages.at(-1)?.suggestedActions?.actions ?? []).map((action) => String(action.title));
}

/**
 * Whether the resident pressed (or typed) one of the content choices the bot just offered. Such an answer goes to
 * the dialog that asked, even when its words are also a command ("Monen palvelun asiakas") or sound like danger
 * ("Olen vaarassa nyt"): the danger still gets its crisis reply first, but the path is not blocked.
 */
export function isOfferedContentChoice(profile: ConversationProfile, catalogue: Catalogue, text: string): boolean {
    const answer = normaliseForMatch(text);
    if (!answer || !contentLabels(catalogue).has(answer)) return false;
    return (profile.offeredButtons ?? []).some((button) => normaliseForMatch(button) === answer);
}
