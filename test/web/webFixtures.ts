import { expect } from 'chai';
import type { Region } from '../../src/content/schema.js';
import type { Language } from '../../src/content/vocabulary.js';
import { LOCALE_RESOURCES } from '../../src/i18n/i18n.js';
import { translatorFrom, type Translator } from '../helpers.js';

/** A translator from every resource of one language, as the resident pages get it. */
export function translator(
    language: Language,
    resource: Record<string, unknown> = LOCALE_RESOURCES[language],
): Promise<Translator> {
    return translatorFrom(language, resource);
}

/** A copy of the region whose every resident-visible text tries to inject markup. */
export function hostileRegion(region: Region): Region {
    const attack = (text: string) => `${text} <script>alert(1)</script> & "x" 'y'`;
    return {
        ...region,
        names: { fi: attack(region.names.fi), sv: attack(region.names.sv), en: attack(region.names.en) },
        customerPromise: {
            fi: attack(region.customerPromise.fi),
            sv: attack(region.customerPromise.sv),
            en: attack(region.customerPromise.en),
        },
    };
}

/** The value of one attribute in a tag's markup. */
export function attribute(tag: string, name: string): string | undefined {
    return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Every id on the page, to check that labels and skip links point somewhere and that no id repeats. */
export function ids(html: string): string[] {
    return [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
}

/** Checks that ids are unique and every reference (aria-*by, for, skip link) points at an existing id. */
export function expectConsistentIds(html: string): void {
    const all = ids(html);
    expect(
        all.filter((id, index) => all.indexOf(id) !== index),
        'repeated ids',
    ).to.deep.equal([]);
    const references = [
        ...[...html.matchAll(/\saria-(?:labelledby|describedby|controls)="([^"]+)"/g)].flatMap((m) => m[1]!.split(' ')),
        ...[...html.matchAll(/\shref="#([^"]+)"/g)].map((m) => m[1]!),
    ];
    for (const reference of references) expect(all, `reference to #${reference}`).to.include(reference);
}

/** Markup with the text of `<template>` and `<noscript>` removed, for checks of what is on the page at load. */
export function withoutInertMarkup(html: string): string {
    return html.replace(/<template\b[\s\S]*?<\/template>/g, '').replace(/<noscript\b[\s\S]*?<\/noscript>/g, '');
}
