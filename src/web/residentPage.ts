import type { TFunction } from 'i18next';
import { formatHours } from '../content/formatHours.js';
import type { Region } from '../content/schema.js';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import { escapeHtml, renderDocument, renderLanguageNav } from './html.js';
import {
    pageHref,
    RESIDENT_PATHS,
    RESIDENT_STYLESHEETS,
    renderFooterNav,
    renderPhone,
    renderResidentLayout,
    webText,
} from './layout.js';

/** Web Chat's locale per page language: its own UI strings and the `locale` of every message the bot receives. */
export const WEB_CHAT_LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-US' };

/**
 * Web Chat styled like the pages (Suomi.fi-like). Contrast checked (WCAG 2.1 AA) for every pair:
 * #1A3060 text on #FFFFFF 12.8:1, on #F4F7FB 12.0:1; #2A6EBB (links, buttons) on #FFFFFF 5.2:1, on #F4F7FB 4.8:1;
 * #45546B (timestamps, placeholder) on #FFFFFF 7.7:1; focus indicators #1A3060 on white 12.8:1 (non-text ≥ 3:1).
 */
export const WEB_CHAT_STYLE_OPTIONS = {
    primaryFont: "'Source Sans Pro', Arial, sans-serif",
    accent: '#2A6EBB',
    backgroundColor: '#FFFFFF',
    subtle: '#45546B',
    timestampColor: '#45546B',
    notificationText: '#45546B',
    bubbleBackground: '#F4F7FB',
    bubbleTextColor: '#1A3060',
    bubbleBorderColor: '#C8D3E1',
    bubbleBorderRadius: 4,
    bubbleBorderWidth: 1,
    // White, not light blue: links in the resident's own messages are #2A6EBB, 4.4:1 on #E6EEF8 but 5.2:1 on white.
    bubbleFromUserBackground: '#FFFFFF',
    bubbleFromUserTextColor: '#1A3060',
    bubbleFromUserBorderColor: '#2A6EBB',
    bubbleFromUserBorderRadius: 4,
    bubbleFromUserBorderWidth: 1,
    // The default minimum (250 px) overflows a 320 px screen once the page's own padding is taken off.
    bubbleMinWidth: 200,
    bubbleMaxWidth: 600,
    cardEmphasisBackgroundColor: '#F4F7FB',
    // Stacked buttons wrap and reflow at 320 px; the carousel would scroll sideways.
    suggestedActionLayout: 'stacked',
    suggestedActionsStackedLayoutButtonTextWrap: true,
    suggestedActionBackgroundColor: '#FFFFFF',
    suggestedActionBackgroundColorOnHover: '#F4F7FB',
    suggestedActionBorderColor: '#2A6EBB',
    suggestedActionBorderRadius: 4,
    suggestedActionBorderWidth: 2,
    suggestedActionTextColor: '#2A6EBB',
    suggestedActionKeyboardFocusIndicatorBorderColor: '#1A3060',
    suggestedActionKeyboardFocusIndicatorBorderStyle: 'solid',
    suggestedActionKeyboardFocusIndicatorBorderWidth: 2,
    sendBoxBackground: '#FFFFFF',
    sendBoxTextColor: '#1A3060',
    sendBoxPlaceholderColor: '#45546B',
    sendBoxButtonColor: '#2A6EBB',
    sendBoxButtonColorOnHover: '#1A3060',
    sendBoxBorderTop: 'solid 2px #5C6E87',
    sendBoxButtonKeyboardFocusIndicatorBorderColor: '#1A3060',
    sendBoxButtonKeyboardFocusIndicatorBorderStyle: 'solid',
    sendBoxButtonKeyboardFocusIndicatorBorderWidth: 2,
    transcriptVisualKeyboardIndicatorColor: '#1A3060',
    transcriptVisualKeyboardIndicatorWidth: 3,
    transcriptActivityVisualKeyboardIndicatorColor: '#1A3060',
    transcriptActivityVisualKeyboardIndicatorStyle: 'solid',
    transcriptActivityVisualKeyboardIndicatorWidth: 2,
    // Residents send text and choices only; attachments are not processed.
    hideUploadButton: true,
} as const;

/** What the browser script (public/resident.js) reads from the page's `#resident-config` block. */
export interface ResidentClientConfig {
    readonly tokenUrl: string;
    readonly locale: string;
    /** Inside the embed iframe: Escape asks the host page to close the panel. */
    readonly embed: boolean;
    readonly styleOptions: typeof WEB_CHAT_STYLE_OPTIONS;
}

/** Options of {@link renderResidentPage}. */
export interface ResidentPageOptions {
    /** The chat-only layout shown inside the embed iframe (`?embed=1`). */
    readonly embed?: boolean;
}

/**
 * The resident's chat page (`GET /`): the region and its customer promise, the emergency notice, Web Chat (started by
 * public/resident.js) and the ways to reach a person. With `embed`, only the chat and the must-have notices.
 */
export function renderResidentPage(
    t: TFunction,
    language: Language,
    region: Region,
    options: ResidentPageOptions = {},
): string {
    const config: ResidentClientConfig = {
        tokenUrl: RESIDENT_PATHS.token,
        locale: WEB_CHAT_LOCALES[language],
        embed: options.embed === true,
        styleOptions: WEB_CHAT_STYLE_OPTIONS,
    };
    const dataBlocks = [{ id: 'resident-config', value: config }];
    // Web Chat first: resident.js (deferred, so it runs after it) uses window.WebChat.
    const scripts = [{ src: RESIDENT_PATHS.webChat }, { src: RESIDENT_PATHS.script }];
    const title = String(t('web.resident.pageTitle', { region: region.names[language] }));

    if (options.embed) {
        return renderDocument({
            language,
            title,
            stylesheets: RESIDENT_STYLESHEETS,
            dataBlocks,
            scripts,
            bodyClass: 'layout-embed',
            body: renderEmbedBody(t, language, region),
        });
    }

    const main = `<h1>${webText(t, 'resident.heading')}</h1>
<p class="lead">${webText(t, 'resident.lead')}</p>
<p class="promise"><strong>${webText(t, 'resident.promiseLabel')}</strong> ${escapeHtml(region.customerPromise[language])}</p>
${renderEmergency(t, 'h2')}
<div id="chat" class="chat" tabindex="-1">
<h2 id="chat-heading">${webText(t, 'resident.chat.heading')}</h2>
<p id="chat-intro" class="hint">${webText(t, 'resident.chat.intro')}</p>
${renderChatArea(t, region)}
</div>
<section class="person" aria-labelledby="person-heading">
<h2 id="person-heading">${webText(t, 'resident.person.heading')}</h2>
<p>${webText(t, 'resident.person.counsellors', { hours: formatHours(region.counsellorHours, t) })}</p>
<p>${webText(t, 'resident.person.phone', { hours: formatHours(region.serviceCounselling.hours, t) })} ${renderPhone(region.serviceCounselling.phone, t, region.demo)}</p>
</section>`;

    return renderResidentLayout({
        t,
        language,
        region,
        title,
        path: RESIDENT_PATHS.page,
        skipTo: { id: 'chat', text: String(t('web.skipToChat')) },
        main,
        dataBlocks,
        scripts,
    });
}

/** The "call 112" notice; a region (not complementary) so it may sit inside main. */
function renderEmergency(t: TFunction, heading: 'h2' | 'p'): string {
    if (heading === 'p') {
        return `<p class="emergency emergency--compact"><strong>${webText(t, 'resident.emergency.heading')}</strong></p>`;
    }
    return `<section class="emergency" aria-labelledby="emergency-heading">
<h2 id="emergency-heading">${webText(t, 'resident.emergency.heading')}</h2>
<p>${webText(t, 'resident.emergency.text')}</p>
</section>`;
}

/**
 * The Web Chat container and what the script shows instead of it: a loading text, the error with the phone number
 * (a template the script copies into the alert region, so no text lives in the script), and the noscript fallback.
 */
function renderChatArea(t: TFunction, region: Region): string {
    const phone = renderPhone(region.serviceCounselling.phone, t, region.demo);
    return `<div id="chat-error" class="chat-error" role="alert"></div>
<div id="webchat" class="webchat" role="region" aria-labelledby="chat-heading" aria-describedby="chat-intro" aria-busy="true">
<p class="webchat__loading">${webText(t, 'resident.chat.loading')}</p>
</div>
<noscript><p class="notice">${webText(t, 'resident.chat.noscript')} ${phone}</p></noscript>
<template id="chat-error-template">
<div class="notice notice--error">
<p class="notice__heading"><strong>${webText(t, 'resident.chat.errorHeading')}</strong></p>
<p>${webText(t, 'resident.chat.errorText')} ${phone}</p>
<button type="button" class="button button--secondary" data-action="retry">${webText(t, 'resident.chat.retry')}</button>
</div>
</template>`;
}

/** Chat-only body for the iframe: the host page's dialog supplies the frame, so only chat, 112 and the statements. */
function renderEmbedBody(t: TFunction, language: Language, region: Region): string {
    const languageNav = renderLanguageNav({
        languages: LANGUAGES,
        current: language,
        label: String(t('web.languageNav')),
        name: (target) => String(t(`web.languageSwitch.${target}`)),
        href: (target) => pageHref(RESIDENT_PATHS.page, target, { embed: true }),
    });
    return `<main id="main" class="embed-main">
<h1 id="chat-heading" class="visually-hidden">${webText(t, 'resident.chat.heading')}</h1>
<p id="chat-intro" class="embed-intro">${webText(t, 'resident.chat.intro')}</p>
${renderChatArea(t, region)}
</main>
<footer class="embed-footer">
${renderEmergency(t, 'p')}
${languageNav}
${renderFooterNav(t, language, { newTab: true })}
</footer>
`;
}
