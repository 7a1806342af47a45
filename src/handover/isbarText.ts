import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import type { Catalogue } from '../content/catalogue.js';
import type { LocalizedText } from '../content/schema.js';
import { LANGUAGES, type Language } from '../content/vocabulary.js';
import type { HandoverRecord } from './handoverRecord.js';

/** The ISBAR sections in reading order. */
export const ISBAR_SECTIONS = ['identification', 'situation', 'background', 'assessment', 'recommendation'] as const;
export type IsbarSectionId = (typeof ISBAR_SECTIONS)[number];

/** One section: a heading and its plain-text lines, for a chat message, a card or a staff view alike. */
export interface IsbarSection {
    id: IsbarSectionId;
    heading: string;
    lines: string[];
}

const ZONE = 'Europe/Helsinki';
const K = 'handover.isbar';

/**
 * The handover summary in ISBAR form, in the reader's language: the language of `t` (a fixed TFunction), which also
 * picks the catalogue names, so a Swedish-speaking counsellor reads a Finnish resident's case in Swedish. The
 * resident's own words are shown as written (they were redacted when the record was made).
 */
export function renderIsbar(record: HandoverRecord, catalogue: Catalogue, t: TFunction): IsbarSection[] {
    const language = readerLanguage(t);
    const name = (text: LocalizedText) => text[language];
    const { identification, situation, background, assessment, recommendation } = record.summary;
    const notGiven = t(`${K}.notGiven`);

    const municipality = identification.municipality
        ? catalogue.region.municipalities.find((entry) => entry.id === identification.municipality)
        : undefined;
    const identificationLines = [
        t(`${K}.identification.name`, { name: identification.name ?? notGiven }),
        t(`${K}.identification.municipality`, {
            municipality: municipality ? name(municipality.names) : (identification.municipality ?? notGiven),
        }),
        t(`${K}.identification.language`, { language: t(`${K}.languages.${record.language}`) }),
        t(`${K}.identification.received`, { time: formatTime(record.createdAt, t), channel: record.channel }),
    ];

    const situationLines = [
        t(`${K}.situation.reason.${record.reason}`),
        t(`${K}.situation.urgency`, { urgency: t(`${K}.urgency.${record.urgency}`) }),
        t(`${K}.situation.residentWords`, { words: situation.residentWords }),
    ];

    const situations = record.lifeSituations.map((id) => {
        const found = catalogue.lifeSituationsById.get(id);
        return found ? name(found.names) : id;
    });
    const backgroundLines = [
        situations.length > 0
            ? t(`${K}.background.lifeSituations`, { situations: situations.join(', ') })
            : t(`${K}.background.noLifeSituation`),
        ...(background.answers.length > 0
            ? background.answers.map((answer) => {
                  const question = catalogue.lifeSituationsById
                      .get(answer.lifeSituationId)
                      ?.questions.find((entry) => entry.id === answer.questionId);
                  const option = question?.options.find((entry) => entry.id === answer.optionId);
                  // Content may have changed since the handover: the ids still tell staff what was answered.
                  return t(`${K}.background.answer`, {
                      question: question ? name(question.text) : answer.questionId,
                      answer: option ? name(option.label) : answer.optionId,
                  });
              })
            : [t(`${K}.background.noAnswers`)]),
    ];

    const services = assessment.suggestedServiceIds.map((id) => {
        const service = catalogue.servicesById.get(id);
        if (!service) return t(`${K}.assessment.unknownService`, { id });
        const kind = catalogue.kinds.get(service.kind);
        return t(`${K}.assessment.service`, {
            name: name(service.names),
            kind: kind ? name(kind.names) : service.kind,
        });
    });
    const assessmentLines = [
        ...(assessment.dangerCategory
            ? [t(`${K}.assessment.danger`, { danger: t(`${K}.danger.${assessment.dangerCategory}`) })]
            : []),
        ...(services.length > 0 ? [t(`${K}.assessment.suggested`), ...services] : [t(`${K}.assessment.noSuggestions`)]),
        t(`${K}.assessment.disclaimer`),
    ];

    const { contact } = record;
    const recommendationLines = [
        t(`${K}.recommendation.request`, { request: t(`${K}.contact.${recommendation.request}`) }),
        ...(contact.preference !== recommendation.request
            ? [t(`${K}.recommendation.contactNow`, { preference: t(`${K}.contact.${contact.preference}`) })]
            : []),
        ...(contact.phone ? [t(`${K}.recommendation.phone`, { phone: contact.phone })] : []),
        ...(contact.preferredTime ? [t(`${K}.recommendation.preferredTime`, { time: contact.preferredTime })] : []),
        ...(recommendation.note ? [t(`${K}.recommendation.note`, { note: recommendation.note })] : []),
    ];

    const lines: Record<IsbarSectionId, string[]> = {
        identification: identificationLines,
        situation: situationLines,
        background: backgroundLines,
        assessment: assessmentLines,
        recommendation: recommendationLines,
    };
    return ISBAR_SECTIONS.map((id) => ({ id, heading: t(`${K}.headings.${id}`), lines: lines[id] }));
}

/** The sections as one text: heading, its lines, a blank line between sections. */
export function isbarPlainText(sections: readonly IsbarSection[]): string {
    return sections.map((section) => [section.heading, ...section.lines].join('\n')).join('\n\n');
}

/**
 * The language `t` answers in, from the locale files themselves ("handover.isbar.readerLanguage"): this works for any
 * TFunction (fixed or not) and always matches the language the strings actually came from.
 */
function readerLanguage(t: TFunction): Language {
    const code = t(`${K}.readerLanguage`);
    const language = LANGUAGES.find((candidate) => candidate === code);
    if (!language)
        throw new Error(
            `renderIsbar: the translation function has no handover strings ("${K}.readerLanguage" gave "${code}"); ` +
                'load src/i18n/locales/handover.*.json into its resources.',
        );
    return language;
}

/**
 * "14.3.2025 klo 11.26" in Helsinki time. Built from fixed numeric patterns (the ones formatHours uses) rather than
 * Intl's locale formats, which differ between ICU versions; only the word between date and time is translated.
 */
function formatTime(iso: string, t: TFunction): string {
    const local = DateTime.fromISO(iso, { zone: ZONE });
    return t(`${K}.dateTime`, { date: local.toFormat('d.M.yyyy'), time: local.toFormat('HH.mm') });
}
