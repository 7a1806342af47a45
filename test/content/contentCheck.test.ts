import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem } from '../../src/content/contentProblem.js';
import { checkContent } from '../../src/content/loadCatalogue.js';
import { SERVICE_KINDS, LIFE_SITUATION_IDS } from '../../src/content/vocabulary.js';
import { CONTENT_DIR, copyOfContent, editJson, removeDir, runScript } from '../helpers.js';

type Json = Record<string, any>;

async function problemsAfter(change: (dir: string) => Promise<void>): Promise<string[]> {
    const dir = await copyOfContent();
    try {
        await change(dir);
        const { problems } = await checkContent(dir);
        return problems.map(formatProblem);
    } finally {
        await removeDir(dir);
    }
}

const SERVICES_FILE = 'services/health-and-crisis.json';
const FAMILIES_FILE = 'life-situations/families-with-children.json';

describe('content check', () => {
    it('should accept the shipped catalogue with full coverage of kinds, life situations and languages', async () => {
        const { catalogue, problems } = await checkContent(CONTENT_DIR);
        expect(problems.map(formatProblem)).to.deep.equal([]);
        expect(catalogue!.services.length).to.be.at.least(80);
        expect(new Set(catalogue!.services.map((service) => service.kind))).to.have.lengthOf(SERVICE_KINDS.length);
        expect(catalogue!.lifeSituations.map((situation) => situation.id)).to.have.members([...LIFE_SITUATION_IDS]);
    });

    it('should give demo services only impossible 000 numbers or real national help numbers', async () => {
        const { catalogue } = await checkContent(CONTENT_DIR);
        const national = new Set(
            catalogue!.helpNumbers.flatMap((help) => [
                help.phone.number,
                ...Object.values(help.phoneByLanguage ?? {}).map((phone) => phone.number),
            ]),
        );
        for (const service of catalogue!.services) {
            const phones = service.channels.flatMap((channel) =>
                'phone' in channel && channel.phone ? [channel.phone.number] : [],
            );
            for (const number of phones) {
                if (service.demo)
                    expect(/^000 /.test(number) || national.has(number), `${service.id} ${number}`).to.equal(true);
                else expect(national.has(number), `${service.id} ${number}`).to.equal(true);
            }
        }
    });

    it('should name file, entry, field and language when a language version is missing', async () => {
        const problems = await problemsAfter((dir) =>
            editJson<Json[]>(path.join(dir, SERVICES_FILE), (services) => {
                delete services[0]!.names.sv;
            }),
        );
        expect(problems).to.deep.equal([
            `${SERVICES_FILE}: entry "national-emergency-112": field names.sv: language sv: the sv version is missing`,
        ]);
    });

    it('should reject an empty text as well as a missing one', async () => {
        const problems = await problemsAfter((dir) =>
            editJson<Json[]>(path.join(dir, SERVICES_FILE), (services) => {
                services[1]!.summary.en = '  ';
            }),
        );
        expect(problems).to.have.lengthOf(1);
        expect(problems[0]).to.match(
            /entry "national-medical-helpline-116117": field summary\.en: language en: must not be empty$/,
        );
    });

    it('should reject a kind that is not in the shared list', async () => {
        const problems = await problemsAfter((dir) =>
            editJson<Json[]>(path.join(dir, SERVICES_FILE), (services) => {
                services.find((service) => service.id === 'demo-health-station-koskela')!.kind = 'hospital';
            }),
        );
        expect(problems).to.deep.equal([
            `${SERVICES_FILE}: entry "demo-health-station-koskela": field kind: "hospital" is not one of the shared service kinds`,
        ]);
    });

    it('should report a duplicate service id with the file of the first one', async () => {
        const problems = await problemsAfter((dir) =>
            editJson<Json[]>(path.join(dir, SERVICES_FILE), (services) => {
                services[1]!.id = services[0]!.id;
            }),
        );
        expect(problems).to.include(
            `${SERVICES_FILE}: entry "national-emergency-112": field id: duplicate service id (first in ${SERVICES_FILE})`,
        );
    });

    it('should report a path step that points to a missing service', async () => {
        const problems = await problemsAfter((dir) =>
            editJson<Json>(path.join(dir, FAMILIES_FILE), (situation) => {
                situation.paths[0].steps[0].serviceId = 'no-such-service';
            }),
        );
        expect(problems).to.deep.equal([
            `${FAMILIES_FILE}: entry "families-with-children": field paths[0].steps[0].serviceId: unknown service "no-such-service"`,
        ]);
    });

    it('should report a path condition on an unknown question or option', async () => {
        const problems = await problemsAfter((dir) =>
            editJson<Json>(path.join(dir, FAMILIES_FILE), (situation) => {
                const question = situation.questions[0].id as string;
                situation.paths[0].when = { [question]: ['no-such-option'], 'no-such-question': ['x'] };
            }),
        );
        expect(
            problems.some((line) => /field paths\[0\]\.when\.[a-z-]+: unknown option "no-such-option"$/.test(line)),
        ).to.equal(true);
        expect(problems).to.include(
            `${FAMILIES_FILE}: entry "families-with-children": field paths[0].when: unknown question "no-such-question"`,
        );
    });

    it('should require the last path to be the default one', async () => {
        const problems = await problemsAfter((dir) =>
            editJson<Json>(path.join(dir, FAMILIES_FILE), (situation) => {
                const question = situation.questions[0];
                situation.paths.at(-1).when = { [question.id]: [question.options[0].id] };
            }),
        );
        expect(problems).to.have.lengthOf(1);
        expect(problems[0]).to.match(/the last path must be the default one/);
    });

    it('should report a missing life situation and a kind left without services', async () => {
        const problems = await problemsAfter(async (dir) => {
            await writeFile(path.join(dir, FAMILIES_FILE), '');
            await editJson<Json[]>(path.join(dir, 'services/adults-and-seniors.json'), (services) => {
                services.forEach((service) => {
                    if (service.kind === 'caregiver-support') service.kind = 'home-care';
                });
            });
        });
        expect(problems[0]).to.match(new RegExp(`^${FAMILIES_FILE}: is not valid JSON`));
        expect(problems).to.include('life-situations/: entry "families-with-children": life situation is missing');
        expect(problems).to.include('services/: no service of kind "caregiver-support"');
    });

    it('should report unknown fields and unknown municipalities', async () => {
        const problems = await problemsAfter((dir) =>
            editJson<Json[]>(path.join(dir, SERVICES_FILE), (services) => {
                services[0]!.colour = 'red';
                services[2]!.area = 'municipalities';
                services[2]!.municipalities = ['atlantis'];
            }),
        );
        expect(problems).to.include(`${SERVICES_FILE}: entry "national-emergency-112": unknown field(s): colour`);
        expect(
            problems.some((line) => line.endsWith('field municipalities: unknown municipality "atlantis"')),
        ).to.equal(true);
    });

    describe('npm run content:check', () => {
        it('should exit 0 and say ok on the shipped content', async () => {
            const result = await runScript('src/cli/contentCheck.ts', []);
            expect(result.code, result.stderr).to.equal(0);
            expect(result.stdout).to.match(/^ok: .* \d+ services, 9 life situations/);
        });

        it('should print one line per problem and exit non-zero on broken content given with --content', async () => {
            const dir = await copyOfContent();
            try {
                await editJson<Json[]>(path.join(dir, SERVICES_FILE), (services) => {
                    delete services[0]!.names.sv;
                    services[1]!.kind = 'hospital';
                });
                const result = await runScript('src/cli/contentCheck.ts', ['--content', dir]);
                expect(result.code).to.equal(1);
                const lines = result.stderr.trim().split('\n');
                expect(lines).to.have.lengthOf(3);
                expect(lines[0]).to.include('names.sv');
                expect(lines[1]).to.include('"hospital" is not one of the shared service kinds');
                expect(lines[2]).to.equal(`2 problem(s) in ${dir}`);
            } finally {
                await removeDir(dir);
            }
        });
    });
});
