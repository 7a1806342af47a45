import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { createCatalogue, type Catalogue } from './catalogue.js';
import { ContentError, languageOfPath, type ContentProblem } from './contentProblem.js';
import { crossCheck } from './crossCheck.js';
import { HelpNumbers, LifeSituation, Region, Service, ServiceFile, ServiceKindLabels } from './schema.js';

interface Parsed<T> {
    readonly value?: T;
    readonly problems: ContentProblem[];
}

/** Reads and validates every file under a content directory; problems are collected, never thrown one by one. */
export async function checkContent(contentDir: string): Promise<{ catalogue?: Catalogue; problems: ContentProblem[] }> {
    const problems: ContentProblem[] = [];
    const take = <T>(parsed: Parsed<T>): T | undefined => {
        problems.push(...parsed.problems);
        return parsed.value;
    };

    const region = take(await parseFile(contentDir, 'region.json', Region));
    const helpNumbers = take(await parseFile(contentDir, 'help-numbers.json', HelpNumbers));
    const kinds = take(await parseFile(contentDir, 'service-kinds.json', ServiceKindLabels));
    const services: { file: string; service: Service }[] = [];
    // Broken entries still declare their id and kind, so one typo does not cascade into "unknown service" everywhere.
    const declared = { ids: new Set<string>(), kinds: new Set<string>() };
    for (const file of await jsonFilesIn(contentDir, 'services', problems)) {
        const entries = take(await parseFile(contentDir, file, ServiceFile)) ?? [];
        entries.forEach((entry, index) => {
            if (typeof entry.id === 'string') declared.ids.add(entry.id);
            if (typeof entry.kind === 'string') declared.kinds.add(entry.kind);
            const result = Service.safeParse(entry);
            if (result.success) services.push({ file, service: result.data });
            else
                problems.push(
                    ...result.error.issues.map((issue) =>
                        problemFromIssue(file, entries, { ...issue, path: [index, ...issue.path] }),
                    ),
                );
        });
    }
    const lifeSituations = [];
    for (const file of await jsonFilesIn(contentDir, 'life-situations', problems)) {
        const situation = take(await parseFile(contentDir, file, LifeSituation));
        if (situation) lifeSituations.push({ file, situation });
    }

    if (!region || !helpNumbers || !kinds) return { problems };
    problems.push(...crossCheck({ region, kinds, services, lifeSituations, declared }));
    if (problems.length > 0) return { problems };
    return {
        problems,
        catalogue: createCatalogue({
            region,
            helpNumbers,
            kinds,
            services: services.map(({ service }) => service),
            lifeSituations: lifeSituations.map(({ situation }) => situation),
        }),
    };
}

/** The catalogue, or a ContentError listing every problem. */
export async function loadCatalogue(contentDir: string): Promise<Catalogue> {
    const { catalogue, problems } = await checkContent(contentDir);
    if (!catalogue) throw new ContentError(problems);
    return catalogue;
}

async function jsonFilesIn(contentDir: string, folder: string, problems: ContentProblem[]): Promise<string[]> {
    try {
        const names = await readdir(path.join(contentDir, folder));
        return names
            .filter((name) => name.endsWith('.json'))
            .sort()
            .map((name) => `${folder}/${name}`);
    } catch {
        problems.push({ file: `${folder}/`, message: 'folder is missing' });
        return [];
    }
}

async function parseFile<S extends z.ZodType>(contentDir: string, file: string, schema: S) {
    let raw: unknown;
    try {
        raw = JSON.parse(await readFile(path.join(contentDir, file), 'utf8'));
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const message = code === 'ENOENT' ? 'file is missing' : `is not valid JSON (${(error as Error).message})`;
        return { problems: [{ file, message }] };
    }
    const result = schema.safeParse(raw);
    if (result.success) return { value: result.data as z.output<S>, problems: [] };
    return { problems: result.error.issues.map((issue) => problemFromIssue(file, raw, issue)) };
}

function problemFromIssue(file: string, raw: unknown, issue: z.core.$ZodIssue): ContentProblem {
    const issuePath = issue.path;
    // Array files name the entry by its id so an editor can search for it; object files are one entry.
    const entryPath = Array.isArray(raw) ? issuePath.slice(0, 1) : [];
    const entry = valueAt(raw, entryPath);
    const entryId = idOf(entry) ?? idOf(raw) ?? (entryPath.length ? `#${String(entryPath[0])}` : undefined);
    const fieldPath = issuePath.slice(entryPath.length);
    const language = languageOfPath(fieldPath);
    return {
        file,
        entryId,
        field: fieldPath.length ? formatPath(fieldPath) : undefined,
        language,
        message: describeIssue(issue, valueAt(raw, issuePath), language),
    };
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown, language: string | undefined): string {
    if (issue.code === 'invalid_type' && value === undefined) {
        return language ? `the ${language} version is missing` : 'is missing';
    }
    if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
    if (issue.code === 'invalid_value' && issue.path.at(-1) === 'kind') {
        return `"${String(value)}" is not one of the shared service kinds`;
    }
    if (issue.code === 'invalid_value')
        return `"${String(value)}" is not allowed; use one of: ${issue.values.join(', ')}`;
    return issue.message;
}

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
    let value = root;
    for (const key of keys) {
        if (value === null || typeof value !== 'object') return undefined;
        value = (value as Record<PropertyKey, unknown>)[key];
    }
    return value;
}

function idOf(value: unknown): string | undefined {
    if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string') return value.id;
    return undefined;
}

function formatPath(keys: readonly PropertyKey[]): string {
    return keys.reduce<string>(
        (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
        '',
    );
}
