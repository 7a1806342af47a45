import { CardFactory, type Attachment } from 'botbuilder';

/** Adaptive Cards version every target channel renders: Teams (desktop and mobile) and Web Chat support 1.5. */
export const CARD_VERSION = '1.5';

/** Channels known to render Adaptive Cards; elsewhere Luotsi sends the same content as plain text. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);

export function supportsCards(channelId: string | undefined): boolean {
    return CARD_CHANNELS.has(channelId ?? '');
}

export type CardElement = Record<string, unknown>;

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): Attachment {
    return CardFactory.adaptiveCard({
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: CARD_VERSION,
        body,
        ...(actions.length > 0 ? { actions } : {}),
    });
}

export const textBlock = (text: string, options: Record<string, unknown> = {}): CardElement => ({
    type: 'TextBlock',
    text,
    wrap: true,
    ...options,
});

export const heading = (text: string): CardElement =>
    textBlock(text, { size: 'Medium', weight: 'Bolder', style: 'heading' });

export const submitAction = (title: string, data: Record<string, unknown>): CardElement => ({
    type: 'Action.Submit',
    title,
    data,
});

export const openUrlAction = (title: string, url: string): CardElement => ({ type: 'Action.OpenUrl', title, url });

export const factSet = (facts: { title: string; value: string }[]): CardElement => ({ type: 'FactSet', facts });
