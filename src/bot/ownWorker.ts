import type { TurnContext } from 'botbuilder';
import { messageWithReplies } from './choices.js';
import { counsellorContactText } from './counsellorContact.js';
import { profileOf, translatorOf, type DialogDeps } from './dialogDeps.js';

/** Two or more life situations, or the many-services one, mean several services at once. */
const MANY_NEEDS = 2;

/**
 * Offers an own contact person (omatyöntekijä) once per conversation when the resident's needs span several
 * life situations, or when they say they deal with many services.
 */
export async function offerOwnWorkerIfManyNeeds(
    deps: DialogDeps,
    context: TurnContext,
    saidSo = false,
    withButton = true,
): Promise<boolean> {
    const profile = await profileOf(deps, context);
    const many =
        saidSo || profile.lifeSituations.length >= MANY_NEEDS || profile.lifeSituations.includes('many-services');
    if (!many || profile.ownWorkerOffered) return false;
    profile.ownWorkerOffered = true;
    profile.personReason = 'many-needs';
    const { t, language } = await translatorOf(deps, context);
    const text = counsellorContactText('many-needs', deps.catalogue, language, t, deps.now());
    await context.sendActivity(messageWithReplies(text, withButton ? [t('buttons.person')] : []));
    return true;
}
