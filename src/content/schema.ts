import { z } from 'zod';
import {
    CHARGE_TYPES,
    LANGUAGES,
    LIFE_SITUATION_IDS,
    SERVICE_KINDS,
    TARGET_GROUPS,
    URGENCIES,
    WEEKDAYS,
} from './vocabulary.js';

const text = z.string().trim().min(1, 'must not be empty');
const slug = z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens (kebab-case)');
const clock = z.string().regex(/^(?:[01]\d|2[0-4]):[0-5]\d$/, 'must be a time HH:MM');

/** A text in every language Luotsi serves; Swedish is an equal language, never optional. */
export const LocalizedText = z.strictObject({ fi: text, sv: text, en: text });
/** Word lists per language (keywords, colloquial synonyms); a list may be empty but must exist. */
export const LocalizedWords = z.strictObject({ fi: z.array(text), sv: z.array(text), en: z.array(text) });

/** One row of PTV openingHour: dayFrom..dayTo (inclusive) from..to, Europe/Helsinki local time. */
export const OpeningHours = z.strictObject({
    dayFrom: z.enum(WEEKDAYS),
    dayTo: z.enum(WEEKDAYS).optional(),
    from: clock,
    to: clock,
});

/** PTV serviceHours, reduced to what residents need: always open, or weekly hours that close on public holidays. */
export const ServiceHours = z.union([
    z.strictObject({ alwaysOpen: z.literal(true) }),
    z.strictObject({
        weekly: z.array(OpeningHours).min(1),
        /** Finnish public holidays close the service unless this is false (PTV Exceptional hours). */
        closedOnPublicHolidays: z.boolean().default(true),
    }),
]);

/** PTV supportPhones: the number as dialled in Finland, and who pays for the call. */
export const Phone = z.strictObject({
    number: z.string().regex(/^\+?[0-9][0-9 ]{2,20}$/, 'must be digits and spaces, e.g. "09 2525 0111"'),
    chargeType: z.enum(CHARGE_TYPES),
    chargeDescription: LocalizedText.optional(),
});

const channelCommon = {
    id: slug,
    names: LocalizedText.optional(),
    languages: z.array(z.enum(LANGUAGES)).min(1),
    hours: ServiceHours.optional(),
    /** Shown instead of invented times when hours change often ("check hours on the service's site"). */
    hoursNote: LocalizedText.optional(),
};

/** PTV serviceChannelType: Phone | WebPage | EChannel | ServiceLocation. */
export const Channel = z.discriminatedUnion('type', [
    z.strictObject({ ...channelCommon, type: z.literal('phone'), phone: Phone }),
    z.strictObject({ ...channelCommon, type: z.literal('web-page'), url: z.url() }),
    z.strictObject({ ...channelCommon, type: z.literal('e-service'), url: z.url() }),
    z.strictObject({
        ...channelCommon,
        type: z.literal('service-location'),
        address: z.strictObject({
            street: LocalizedText,
            postalCode: z.string().regex(/^\d{5}$/, 'must be five digits'),
            postOffice: LocalizedText,
            municipality: slug,
        }),
        phone: Phone.optional(),
    }),
]);

export const Service = z.strictObject({
    id: slug,
    kind: z.enum(SERVICE_KINDS),
    /** Fictional demo-region entry; rendered with a demo marker so nobody dials a made-up number for real. */
    demo: z.boolean(),
    names: LocalizedText,
    alternativeNames: LocalizedWords.optional(),
    summary: LocalizedText,
    description: LocalizedText,
    /** PTV UserInstruction: what the resident does to get the service. */
    howToGet: LocalizedText,
    lifeSituations: z.array(z.enum(LIFE_SITUATION_IDS)).min(1),
    targetGroups: z.array(z.enum(TARGET_GROUPS)).min(1),
    keywords: LocalizedWords,
    /** Words residents actually use: colloquial, abbreviations, indirect descriptions. */
    synonyms: LocalizedWords,
    channels: z.array(Channel).min(1),
    /** PTV areaType: nationwide, the whole region, or the listed municipalities only. */
    area: z.enum(['nationwide', 'region', 'municipalities']),
    municipalities: z.array(slug).default([]),
    urgency: z.enum(URGENCIES),
    chargeType: z.enum(CHARGE_TYPES),
});

export const AnswerOption = z.strictObject({
    id: slug,
    label: LocalizedText,
    /** Free-text answers that mean this option. */
    synonyms: LocalizedWords.optional(),
});

export const Question = z.strictObject({
    id: slug,
    text: LocalizedText,
    options: z.array(AnswerOption).min(2),
});

export const PathStep = z.strictObject({
    serviceId: slug,
    why: LocalizedText,
    whatToDo: LocalizedText,
});

/** A path applies when every listed question was answered with one of its options; an empty `when` is the default. */
export const ServicePath = z.strictObject({
    id: slug,
    when: z.record(slug, z.array(slug).min(1)).default({}),
    steps: z.array(PathStep).min(1),
});

export const LifeSituation = z.strictObject({
    id: z.enum(LIFE_SITUATION_IDS),
    names: LocalizedText,
    intro: LocalizedText,
    keywords: LocalizedWords,
    questions: z.array(Question).min(1).max(3),
    paths: z.array(ServicePath).min(1),
});

export const Municipality = z.strictObject({ id: slug, names: LocalizedText });

export const Region = z.strictObject({
    id: slug,
    names: LocalizedText,
    demo: z.boolean(),
    contentVersion: text,
    municipalities: z.array(Municipality).min(1),
    /** The region's service-counselling contact: the fallback whenever search finds nothing. */
    serviceCounselling: z.strictObject({ serviceId: slug, phone: Phone, hours: ServiceHours }),
    /** When live counsellors answer the chat handover. */
    counsellorHours: ServiceHours,
    customerPromise: LocalizedText,
});

export const HelpNumber = z.strictObject({
    id: slug,
    category: z.enum(['emergency', 'medical', 'crisis', 'violence', 'children', 'victims', 'poison', 'substance-use']),
    names: LocalizedText,
    phone: Phone,
    /** Per-language numbers where a line has separate ones (the MIELI crisis line). */
    phoneByLanguage: z.partialRecord(z.enum(LANGUAGES), Phone).optional(),
    availability: LocalizedText,
    url: z.url().optional(),
});

export const HelpNumbers = z.array(HelpNumber).min(1);
/** A services file is a list of entries, each checked on its own so one broken entry is reported, not the file. */
export const ServiceFile = z.array(z.looseObject({ id: z.unknown(), kind: z.unknown() }));

export type LocalizedText = z.infer<typeof LocalizedText>;
export type LocalizedWords = z.infer<typeof LocalizedWords>;
export type Service = z.infer<typeof Service>;
export type Channel = z.infer<typeof Channel>;
export type ServiceHours = z.infer<typeof ServiceHours>;
export type Phone = z.infer<typeof Phone>;
export type LifeSituation = z.infer<typeof LifeSituation>;
export type ServicePath = z.infer<typeof ServicePath>;
export type Region = z.infer<typeof Region>;
export type HelpNumber = z.infer<typeof HelpNumber>;

/** Display names of the shared service kinds, also indexed by search ("neuvola", "hemvård"). */
export const ServiceKindLabel = z.strictObject({ id: z.enum(SERVICE_KINDS), names: LocalizedText });
export const ServiceKindLabels = z.array(ServiceKindLabel);
export type ServiceKindLabel = z.infer<typeof ServiceKindLabel>;
