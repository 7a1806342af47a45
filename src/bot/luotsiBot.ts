import { ActivityHandler, TurnContext, type Activity, type ConversationState } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import type { i18n } from 'i18next';
import type { Catalogue } from '../content/catalogue.js';
import { detectDanger } from '../safety/detectDanger.js';
import type { ServiceSearch } from '../search/serviceSearch.js';
import type { FeedbackStore } from '../storage/feedbackStore.js';
import type { ConversationStats } from '../stats/conversationStats.js';
import { handoffInitiation, handoffStateOf, type HandoffState } from '../handover/handoffEvent.js';
import type { AcceptResult, HandoverQueue } from '../handover/handoverQueue.js';
import type { HandoverRecord } from '../handover/handoverRecord.js';
import type { CounsellorEvent } from '../handover/handoverRelay.js';
import { acceptFromTeamsCard, rateSummaryFromTeamsCard } from '../handover/teamsCardActions.js';
import { MAIN_DIALOG, MainDialog, type MainOptions } from '../../dialogs/mainDialog.js';
import { normaliseForMatch, recogniseCommand } from './commands.js';
import { emptyProfile, type ConversationProfile } from './conversationProfile.js';
import { audienceOf, crisisReply } from './crisisReply.js';
import { counsellorContactText } from './counsellorContact.js';
import type { DialogDeps, HandoffMode } from './dialogDeps.js';
import { isContentLabel, isOfferedContentChoice, offeredButtons } from './offeredChoices.js';
import { botMessageText, appendTranscript } from './transcript.js';
import { resolveTurnLanguage } from './turnLanguage.js';
import { MAX_MESSAGE_LENGTH, readInput, type UserInput } from './userInput.js';

export interface BotDependencies {
    readonly catalogue: Catalogue;
    readonly search: ServiceSearch;
    readonly i18n: i18n;
    readonly conversationState: ConversationState;
    readonly feedback: FeedbackStore;
    readonly handovers: HandoverQueue;
    readonly stats: ConversationStats;
    readonly handoffMode?: HandoffMode;
    /** Accepts a handover from the Accept button of the counsellors' Teams channel card. */
    readonly acceptFromTeams?: (handoverId: string, counsellor: string) => Promise<AcceptResult>;
    readonly now?: () => Date;
}

/** Replies for inputs the dialogs cannot act on; the dialog waits where it was. */
const ODD_INPUT_KEYS: Partial<Record<UserInput['kind'], string>> = {
    empty: 'input.empty',
    'no-words': 'input.noWords',
    attachment: 'input.attachment',
    'unknown-card': 'input.unknownCard',
    'unsupported-language': 'input.unsupportedLanguage',
};

/**
 * Every turn: the danger check first, then the turn's language, then odd inputs, then the dialogs. The danger
 * check sits here rather than in a dialog so that nothing (no dialog state, no odd input) can come before it.
 */
export class LuotsiBot extends ActivityHandler {
    private readonly dialogs: DialogSet;
    private readonly deps: DialogDeps;

    constructor(private readonly bot: BotDependencies) {
        super();
        const profile = bot.conversationState.createProperty<ConversationProfile>('profile');
        this.deps = {
            ...bot,
            profile,
            now: bot.now ?? (() => new Date()),
            handoffMode: bot.handoffMode ?? 'console',
            handoff: { initiate: (context, record) => this.initiateHandoff(context, record) },
        };
        this.dialogs = new DialogSet(bot.conversationState.createProperty<DialogState>('dialogState'));
        this.dialogs.add(new MainDialog(this.deps));

        this.onMessage(async (context, next) => {
            await this.handleMessage(context);
            await next();
        });
        this.onEvent(async (context, next) => {
            const state = handoffStateOf(context.activity);
            if (state) await this.handoffStatus(context, state);
            await next();
        });
        this.onMembersAdded(async (context, next) => {
            const botId = context.activity.recipient?.id;
            if ((context.activity.membersAdded ?? []).some((member) => member.id !== botId)) {
                const profile = await this.profileOf(context);
                resolveTurnLanguage(profile, '', context.activity.locale);
                const dc = await this.dialogs.createContext(context);
                if (!dc.activeDialog) {
                    await this.countStart(context, profile);
                    await dc.beginDialog(MAIN_DIALOG, { mode: 'welcome' } satisfies MainOptions);
                }
            }
            await next();
        });
    }

    override async run(context: TurnContext): Promise<void> {
        const sent: Partial<Activity>[] = [];
        context.onSendActivities(async (_context, activities, next) => {
            sent.push(...activities);
            return next();
        });
        const offeredBefore = [...((await this.profileOf(context)).offeredButtons ?? [])];
        await super.run(context);
        const profile = await this.profileOf(context);
        const buttons = offeredButtons(sent);
        if (buttons) profile.offeredButtons = buttons;
        if (context.activity.type === 'message') {
            const now = this.deps.now();
            const text = context.activity.text ?? '';
            appendTranscript(profile, 'resident', text, now, this.isChoiceOrCommand(text, offeredBefore));
            for (const activity of sent)
                if (activity.type === 'message') appendTranscript(profile, 'bot', botMessageText(activity), now);
        }
        await this.bot.conversationState.saveChanges(context);
    }

    private async handleMessage(context: TurnContext): Promise<void> {
        const profile = await this.profileOf(context);
        // In Teams channels and group chats the message starts with "<at>Luotsi</at>": the mention is not the question.
        if (context.activity.channelId === 'msteams') {
            TurnContext.removeRecipientMention(context.activity);
            context.activity.text = context.activity.text?.replace(/<at>[^<]*<\/at>/g, '').trim();
        }
        const rawText = context.activity.text ?? '';
        const language = resolveTurnLanguage(profile, rawText.slice(0, MAX_MESSAGE_LENGTH), context.activity.locale);
        const t = this.bot.i18n.getFixedT(language);

        const danger = detectDanger(rawText, 'auto');
        if (danger) {
            await context.sendActivity(
                crisisReply(danger, this.bot.catalogue, language, t, audienceOf(context.activity.channelId)),
            );
            profile.lastDanger = { category: danger, at: this.deps.now().toISOString() };
            await this.bot.stats.record(context, profile, { type: 'crisis-interrupt', category: danger });
            // A pressed content choice and a message to a counsellor still go on to the dialog after the crisis reply.
            if (!profile.handover && !isOfferedContentChoice(profile, this.bot.catalogue, rawText)) return;
        }

        const input = readInput(context.activity);
        if (input.kind === 'card' && input.action.action === 'acceptHandover') {
            await acceptFromTeamsCard(this.bot, context, input.action.handoverId, t);
            return;
        }
        if (input.kind === 'card' && input.action.action === 'rateSummary') {
            await rateSummaryFromTeamsCard(this.bot, context, input.action.handoverId, input.action.rating, t);
            return;
        }
        const oddKey = ODD_INPUT_KEYS[input.kind];
        if (oddKey) {
            await context.sendActivity(t(oddKey, { limit: MAX_MESSAGE_LENGTH }));
            return;
        }
        if (input.kind === 'text' && input.truncated)
            await context.sendActivity(t('input.truncated', { limit: MAX_MESSAGE_LENGTH }));

        const dc = await this.dialogs.createContext(context);
        if (!dc.activeDialog) {
            await this.countStart(context, profile);
            // A conversation that starts with a message (no welcome event first): greet, then answer it.
            const greetingOnly = input.kind === 'text' && recogniseCommand(input.text)?.command === 'greeting';
            await dc.beginDialog(MAIN_DIALOG, {
                mode: greetingOnly ? 'welcome' : 'firstMessage',
            } satisfies MainOptions);
            if (greetingOnly) return;
        }
        await dc.continueDialog();
    }

    /**
     * A counsellor accepted, wrote or closed: told to the resident in a proactive turn. Closing brings the
     * conversation back to the bot and asks for feedback.
     */
    async handleCounsellorEvent(context: TurnContext, record: HandoverRecord, event: CounsellorEvent): Promise<void> {
        const profile = await this.profileOf(context);
        const t = this.bot.i18n.getFixedT(profile.language ?? record.language);
        const current = profile.handover?.id === record.id;
        if (event.type === 'accepted') {
            if (current) profile.handover = { id: record.id, stage: 'connected' };
            // Teams acceptors are stored as "teams:<name>"; the resident sees only the name.
            await context.sendActivity(t('handoverChat.accepted', { name: event.counsellor.replace(/^teams:/, '') }));
        } else if (event.type === 'message') {
            await context.sendActivity(t('handoverChat.counsellorSays', { text: event.text }));
        } else {
            await context.sendActivity(t('handoverChat.counsellorClosed'));
            if (current) await this.returnFromHandover(context, profile);
        }
        await this.bot.conversationState.saveChanges(context);
    }

    private async returnFromHandover(context: TurnContext, profile: ConversationProfile): Promise<void> {
        delete profile.handover;
        const dc = await this.dialogs.createContext(context);
        await dc.cancelAllDialogs();
        await dc.beginDialog(MAIN_DIALOG, { mode: 'again', pending: { done: true } } satisfies MainOptions);
    }

    private async initiateHandoff(context: TurnContext, record: HandoverRecord): Promise<void> {
        const t = this.bot.i18n.getFixedT(record.language);
        await context.sendActivity(handoffInitiation(context, record, this.bot.catalogue, t));
    }

    /** An external agent hub reports on the handoff (event mode). */
    private async handoffStatus(context: TurnContext, state: HandoffState): Promise<void> {
        const profile = await this.profileOf(context);
        const t = this.bot.i18n.getFixedT(profile.language ?? 'fi');
        if (state === 'accepted') {
            await context.sendActivity(t('handoverChat.acceptedExternal'));
            return;
        }
        if (state === 'failed') {
            await context.sendActivity(
                [
                    t('handoverChat.failedExternal'),
                    counsellorContactText('asked', this.bot.catalogue, profile.language ?? 'fi', t, this.deps.now()),
                ].join('\n\n'),
            );
        } else {
            await context.sendActivity(t('handoverChat.counsellorClosed'));
        }
        await this.returnFromHandover(context, profile);
    }

    /** One "conversation started" per conversation, however it starts (welcome event or first message). */
    private async countStart(context: TurnContext, profile: ConversationProfile): Promise<void> {
        if (profile.statsId) return;
        await this.bot.stats.record(context, profile, { type: 'conversation-started' });
    }

    /** A pressed button, a command or a life situation's name says little of the resident's own situation. */
    private isChoiceOrCommand(text: string, offered: readonly string[]): boolean {
        const normalised = normaliseForMatch(text);
        return (
            recogniseCommand(text) !== undefined ||
            isContentLabel(this.bot.catalogue, text) ||
            offered.some((button) => normaliseForMatch(button) === normalised)
        );
    }

    private profileOf(context: TurnContext): Promise<ConversationProfile> {
        return this.deps.profile.get(context, emptyProfile());
    }
}
