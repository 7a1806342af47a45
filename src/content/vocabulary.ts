/** Ids shared with evaluation, statistics and routing (../shared/README.md): keep them verbatim. */
export const SERVICE_KINDS = [
    'service-counselling',
    'health-centre',
    'emergency-care',
    'medical-helpline',
    'emergency-number',
    'crisis-help',
    'mental-health',
    'substance-use',
    'dental-care',
    'rehabilitation',
    'maternity-child-clinic',
    'family-support',
    'child-welfare',
    'school-student-health',
    'adult-social-work',
    'financial-support',
    'employment-support',
    'housing-support',
    'senior-services',
    'home-care',
    'caregiver-support',
    'disability-services',
    'violence-support',
    'digital-services',
    'client-rights',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const LIFE_SITUATION_IDS = [
    'families-with-children',
    'older-people',
    'mental-health-and-substance-use',
    'money-work-and-housing',
    'disability',
    'caring-for-a-relative',
    'health-and-illness',
    'crisis-and-violence',
    'many-services',
] as const;
export type LifeSituationId = (typeof LIFE_SITUATION_IDS)[number];

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Who a service is for; a coarse version of PTV target groups so an importer can map them. */
export const TARGET_GROUPS = [
    'everyone',
    'children',
    'young-people',
    'families',
    'adults',
    'older-people',
    'people-with-disabilities',
    'family-carers',
    'immigrants',
    'professionals',
] as const;

export const URGENCIES = ['emergency', 'urgent', 'normal'] as const;

/** PTV serviceChargeType / supportPhones.serviceChargeType, in our spelling. */
export const CHARGE_TYPES = ['free', 'chargeable', 'other'] as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
