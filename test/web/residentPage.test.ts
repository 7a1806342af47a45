import { expect } from 'chai';
import type { Catalogue } from '../../src/content/catalogue.js';
import { LANGUAGES } from '../../src/content/vocabulary.js';
import { LOCALE_RESOURCES } from '../../src/i18n/i18n.js';
import {
    renderResidentPage,
    WEB_CHAT_LOCALES,
    WEB_CHAT_STYLE_OPTIONS,
    type ResidentClientConfig,
} from '../../src/web/residentPage.js';
import { realCatalogue } from '../helpers.js';
import { attribute, expectConsistentIds, hostileRegion, translator, withoutInertMarkup } from './webFixtures.js';

function clientConfig(html: string): ResidentClientConfig {
    const match = /<script type="application\/json" id="resident-config">([\s\S]*?)<\/script>/.exec(html);
    expect(match, 'config block').to.not.equal(null);
    expect(match![1]).to.not.contain('<');
    return JSON.parse(match![1]!) as ResidentClientConfig;
}

describe('resident chat page', () => {
    let catalogue: Catalogue;

    before(async () => {
        catalogue = await realCatalogue();
    });

    for (const language of LANGUAGES) {
        describe(`in ${language}`, () => {
            let html: string;
            let missing: string[];

            before(async () => {
                const translation = await translator(language);
                html = renderResidentPage(translation.t, language, catalogue.region);
                missing = translation.missing;
            });

            it('should find every key it uses in the locale files', () => {
                expect(missing).to.deep.equal([]);
            });

            it('should set the lang attribute, viewport and a title naming the region', () => {
                expect(html).to.contain(`<html lang="${language}">`);
                expect(html).to.contain('<meta name="viewport" content="width=device-width, initial-scale=1">');
                expect(/<title>([^<]+)<\/title>/.exec(html)?.[1]).to.contain(catalogue.region.names[language]);
            });

            it("should show the region's name and customer promise", () => {
                expect(html).to.contain(`<span class="brand__region">${catalogue.region.names[language]}</span>`);
                expect(html).to.contain(catalogue.region.customerPromise[language]);
            });

            it('should have landmarks, a skip link to the chat and exactly one h1', () => {
                expect(html).to.match(/<a class="skip-link" href="#chat">[^<]+<\/a>/);
                expect(html).to.match(/<header class="site-header">/);
                expect(html).to.match(/<main id="main"/);
                expect(html).to.match(/<footer class="site-footer">/);
                expect(html.match(/<h1[\s>]/g)).to.have.length(1);
                expectConsistentIds(html);
            });

            it('should link every language in its own language, marking the current one', () => {
                for (const target of LANGUAGES) {
                    expect(html).to.match(
                        new RegExp(`<a href="/\\?lang=${target}" lang="${target}" hreflang="${target}"`),
                    );
                }
                expect(html).to.match(new RegExp(`href="/\\?lang=${language}"[^>]*aria-current="true"`));
                expect(html.match(/aria-current="true"/g)).to.have.length(1);
            });

            it('should give the Web Chat container a name and a description', () => {
                const container = /<div id="webchat"[^>]*>/.exec(html)?.[0] ?? '';
                expect(attribute(container, 'role')).to.equal('region');
                expect(attribute(container, 'aria-labelledby')).to.equal('chat-heading');
                expect(html).to.match(/<h2 id="chat-heading">[^<]+<\/h2>/);
                expect(attribute(container, 'aria-describedby')).to.equal('chat-intro');
            });

            it('should tell residents to call 112 in an emergency and 116 117 when unsure', () => {
                expect(html).to.match(/<section class="emergency" aria-labelledby="emergency-heading">/);
                const emergency = /<section class="emergency"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
                expect(emergency).to.contain('112');
                expect(emergency).to.contain('116 117');
            });

            it('should link the accessibility statement, the privacy notice and the feedback channel', () => {
                expect(html).to.contain(`href="/accessibility?lang=${language}"`);
                expect(html).to.contain(`href="/privacy?lang=${language}"`);
                expect(html).to.contain(`href="/accessibility?lang=${language}#feedback"`);
            });

            it('should prepare a translated error with the service-counselling phone, shown only by the script', () => {
                const template = /<template id="chat-error-template">([\s\S]*?)<\/template>/.exec(html)?.[1] ?? '';
                const phone = catalogue.region.serviceCounselling.phone.number;
                expect(template).to.contain(`href="tel:${phone.replace(/\s/g, '')}"`);
                expect(template).to.match(/<button type="button"[^>]*data-action="retry">[^<]+<\/button>/);
                expect(html).to.match(/<div id="chat-error" class="chat-error" role="alert"><\/div>/);
                expect(html).to.match(/<noscript>[\s\S]*tel:/);
            });

            it('should start Web Chat in the page language with the page colours and no upload button', () => {
                const config = clientConfig(html);
                expect(config.locale).to.equal(WEB_CHAT_LOCALES[language]);
                expect(config.tokenUrl).to.equal('/api/webchat/token');
                expect(config.embed).to.equal(false);
                expect(config.styleOptions.hideUploadButton).to.equal(true);
                expect(config.styleOptions.primaryFont).to.equal("'Source Sans Pro', Arial, sans-serif");
                expect(config.styleOptions.accent).to.equal('#2A6EBB');
                expect(config.styleOptions).to.deep.equal(WEB_CHAT_STYLE_OPTIONS);
            });

            it('should load the Web Chat bundle before the page script, both from this server', () => {
                const bundle = html.indexOf('<script src="/web/webchat.js" defer></script>');
                const script = html.indexOf('<script src="/web/resident.js" defer></script>');
                expect(bundle).to.be.greaterThan(-1);
                expect(script).to.be.greaterThan(bundle);
                expect(html).to.contain('<link rel="stylesheet" href="/web/resident.css">');
                const base = html.indexOf('<link rel="stylesheet" href="/web/base.css">');
                expect(base).to.be.greaterThan(-1);
                expect(html.indexOf('<link rel="stylesheet" href="/web/resident.css">')).to.be.greaterThan(base);
                expect(html).to.not.match(/<script(?![^>]*type="application\/json")[^>]*>[^<]/);
                expect(html).to.not.match(/\sstyle="/);
                expect(html).to.not.match(/https?:\/\//);
            });
        });

        describe(`embedded, in ${language}`, () => {
            let html: string;
            let missing: string[];

            before(async () => {
                const translation = await translator(language);
                html = renderResidentPage(translation.t, language, catalogue.region, { embed: true });
                missing = translation.missing;
            });

            it('should render the chat-only layout with one (visually hidden) h1 naming the chat', () => {
                expect(missing).to.deep.equal([]);
                expect(html).to.contain(`<html lang="${language}">`);
                expect(html).to.contain('<body class="layout-embed">');
                expect(html.match(/<h1[\s>]/g)).to.have.length(1);
                expect(html).to.match(/<h1 id="chat-heading" class="visually-hidden">[^<]+<\/h1>/);
                expect(html).to.not.contain('class="site-header"');
                expectConsistentIds(html);
            });

            it('should keep the 112 notice, the statements (in a new tab) and the language switch', () => {
                expect(html).to.match(/<p class="emergency emergency--compact"><strong>[^<]*112[^<]*<\/strong><\/p>/);
                expect(html).to.match(/<a href="\/accessibility\?lang=\w\w" target="_blank" rel="noopener">/);
                expect(html).to.match(/<a href="\/privacy\?lang=\w\w" target="_blank" rel="noopener">/);
                for (const target of LANGUAGES) expect(html).to.contain(`href="/?lang=${target}&amp;embed=1"`);
            });

            it('should tell the script it runs embedded', () => {
                expect(clientConfig(html).embed).to.equal(true);
            });

            it('should load the shared base stylesheet before resident.css', () => {
                const base = html.indexOf('<link rel="stylesheet" href="/web/base.css">');
                expect(base).to.be.greaterThan(-1);
                expect(html.indexOf('<link rel="stylesheet" href="/web/resident.css">')).to.be.greaterThan(base);
            });
        });
    }

    describe('escaping', () => {
        it('should escape markup in the region texts', async () => {
            const { t } = await translator('fi');
            const region = hostileRegion(catalogue.region);
            for (const embed of [false, true]) {
                const html = renderResidentPage(t, 'fi', region, { embed });
                expect(withoutInertMarkup(html)).to.not.contain('<script>alert');
                expect(html).to.not.contain('<script>alert');
            }
            const html = renderResidentPage(t, 'fi', region);
            expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;');
        });

        it('should escape markup in locale texts', async () => {
            const resource = structuredClone(LOCALE_RESOURCES.fi);
            (resource.web as { resident: { heading: string } }).resident.heading = '<img src=x onerror=alert(1)>';
            const { t } = await translator('fi', resource);
            const html = renderResidentPage(t, 'fi', catalogue.region);
            expect(html).to.contain('<h1>&lt;img src=x onerror=alert(1)&gt;</h1>');
        });
    });
});
