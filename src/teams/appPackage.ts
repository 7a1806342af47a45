import { COLOR_ICON_SIZE, OUTLINE_ICON_SIZE, colorIconPng, outlineIconPng } from './icons.js';
import {
    ICON_FILES,
    MANIFEST_FILE,
    TeamsManifestError,
    buildLocalizationFiles,
    buildTeamsManifest,
    validateLocalizationFile,
    validateManifest,
    type TeamsManifest,
    type TeamsManifestOptions,
} from './manifest.js';
import { PngError, readPngInfo } from './png.js';
import type { ZipEntry } from './zip.js';

/** Everything that goes into the Teams app package (the .zip an admin uploads), already checked. */
export interface AppPackage {
    readonly manifest: TeamsManifest;
    readonly files: readonly ZipEntry[];
}

const PNG_RGBA = 6;

function json(value: unknown): Buffer {
    return Buffer.from(`${JSON.stringify(value, null, 4)}\n`, 'utf8');
}

function parseJson(entry: ZipEntry): unknown {
    return JSON.parse(Buffer.from(entry.data).toString('utf8'));
}

function iconProblems(entry: ZipEntry | undefined, name: string, size: number): string[] {
    if (!entry) return [`${name}: is referenced by the manifest but missing`];
    try {
        const info = readPngInfo(entry.data);
        const problems: string[] = [];
        if (info.width !== size || info.height !== size) {
            problems.push(`${name}: must be ${size}×${size} pixels, is ${info.width}×${info.height}`);
        }
        if (info.colorType !== PNG_RGBA || info.bitDepth !== 8) {
            problems.push(`${name}: must be 8-bit RGBA, so transparency works`);
        }
        return problems;
    } catch (error) {
        if (error instanceof PngError) return [`${name}: ${error.message}`];
        throw error;
    }
}

/**
 * Checks the files as Teams will read them: manifest.json valid, every file it names present (icons of the right
 * size, localization files valid) and nothing else in the package. Throws TeamsManifestError listing every problem.
 */
export function checkAppPackage(files: readonly ZipEntry[]): TeamsManifest {
    const byName = new Map(files.map((entry) => [entry.name, entry]));
    const manifestEntry = byName.get(MANIFEST_FILE);
    if (!manifestEntry) throw new TeamsManifestError('the app package', [`${MANIFEST_FILE}: is missing`]);
    const manifest = validateManifest(parseJson(manifestEntry));

    const problems = [
        ...iconProblems(byName.get(manifest.icons.color), manifest.icons.color, COLOR_ICON_SIZE),
        ...iconProblems(byName.get(manifest.icons.outline), manifest.icons.outline, OUTLINE_ICON_SIZE),
    ];
    for (const { file } of manifest.localizationInfo.additionalLanguages) {
        const entry = byName.get(file);
        if (!entry) {
            problems.push(`${file}: is referenced by the manifest but missing`);
            continue;
        }
        try {
            validateLocalizationFile(file, parseJson(entry));
        } catch (error) {
            if (!(error instanceof TeamsManifestError)) throw error;
            problems.push(...error.problems.map((problem) => `${file}: ${problem}`));
        }
    }
    const referenced = new Set([
        MANIFEST_FILE,
        manifest.icons.color,
        manifest.icons.outline,
        ...manifest.localizationInfo.additionalLanguages.map(({ file }) => file),
    ]);
    for (const name of byName.keys()) {
        if (!referenced.has(name)) problems.push(`${name}: is not referenced by the manifest`);
    }
    if (problems.length > 0) throw new TeamsManifestError('the app package', problems);
    return manifest;
}

/** Builds the manifest, icons and localization files, then checks the whole package before anyone writes it. */
export function buildAppPackage(options: TeamsManifestOptions): AppPackage {
    const manifest = buildTeamsManifest(options);
    const files: ZipEntry[] = [
        { name: MANIFEST_FILE, data: json(manifest) },
        { name: ICON_FILES.color, data: colorIconPng() },
        { name: ICON_FILES.outline, data: outlineIconPng() },
        ...buildLocalizationFiles(manifest).map(({ file, content }) => ({ name: file, data: json(content) })),
    ];
    return { manifest: checkAppPackage(files), files };
}
