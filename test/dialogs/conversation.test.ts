import { expect } from 'chai';
import { MemoryStorage } from 'botbuilder';
import { Conversation, lastButtons, shown, submitData } from '../conversation.js';
import { realCatalogue } from '../helpers.js';

const catalogue = await realCatalogue();

describe('conversation', () => {
    describe('welcome', () => {
        it('should welcome with the customer promise, language buttons and the nine life situations', async () => {
            const conversation = await Conversation.start({ locale: 'sv-FI' });
            const replies = await conversation.open();
            expect(shown(replies)).to.include(catalogue.region.customerPromise.sv);
            const buttons = lastButtons(replies);
            for (const situation of catalogue.lifeSituations) expect(buttons).to.include(situation.names.sv);
            expect(buttons).to.include.members(['Suomi', 'English']);
        });

        it('should greet and answer when the first message already says what is needed', async () => {
            const conversation = await Conversation.start();
            const replies = await conversation.say('tarvitsen hammaslääkärin');
            expect(replies[0]!.text).to.include(catalogue.region.customerPromise.fi);
            expect(shown(replies)).to.include('Nämä palvelut voisivat sopia sinulle');
        });
    });

    describe('search, details and feedback', () => {
        it('should show cards, open details with how to get the service, and store anonymous feedback', async () => {
            const conversation = await Conversation.start();
            await conversation.open();
            const results = await conversation.say('tarvitsen hammaslääkärin');
            expect(results.at(-1)!.attachments!.length).to.be.within(1, 3);
            const details = submitData(results).find((data) => data.action === 'details')!;
            const dental = catalogue.servicesById.get(String(details.serviceId))!;
            expect(dental.kind).to.equal('dental-care');

            const shownDetails = await conversation.submit(details);
            const detailsText = shown(shownDetails);
            expect(detailsText).to.include(dental.howToGet.fi);
            expect(detailsText).to.match(/Puhelin \d/);
            expect(detailsText).to.match(/Auki nyt|Suljettu nyt/);

            const afterDetails = await conversation.say('Valmis');
            expect(shown(afterDetails)).to.include('Anna arvio 1–5');
            const comment = await conversation.say('5 – Paljon apua');
            expect(shown(comment)).to.include('Haluatko kertoa lisää');
            const thanks = await conversation.say('Hyvä! Soittakaa 040 123 4567 tai maija@example.com');
            expect(shown(thanks)).to.include('Kiitos palautteesta');

            const [entry] = await conversation.feedback.list();
            expect(entry).to.include({ rating: 5, language: 'fi', channel: 'test' });
            expect(entry!.comment).not.to.include('040 123 4567');
            expect(entry!.comment).not.to.include('maija@example.com');
            expect(Object.keys(entry!)).not.to.include.members(['userId', 'conversationId']);
        });

        it('should ask for the municipality once and show the nearest location', async () => {
            const withLocations = catalogue.services.find((service) => {
                const places = new Set(
                    service.channels.flatMap((c) => (c.type === 'service-location' ? [c.address.municipality] : [])),
                );
                return places.size > 1;
            });
            if (!withLocations) return;
            const conversation = await Conversation.start({ locale: 'sv-FI' });
            await conversation.say('hej');
            const ask = await conversation.submit({ action: 'details', serviceId: withLocations.id });
            expect(shown(ask)).to.include('I vilken kommun bor du');
            const details = await conversation.say('Strandby');
            expect(shown(details)).to.include(withLocations.howToGet.sv);
        });

        it('should ask one refining question after "none of these" and offer a person after the second', async () => {
            const conversation = await Conversation.start({ locale: 'en-GB' });
            await conversation.open();
            await conversation.say('I need a dentist');
            const refine = await conversation.say('None of these');
            expect(shown(refine)).to.include('Tell me a little more');
            const again = await conversation.say('my tooth broke and it hurts');
            expect(shown(again)).to.include('These services could suit you');
            const person = await conversation.say('None of these');
            expect(shown(person)).to.include('May I pass this conversation and a short summary to a counsellor?');
            const declined = await conversation.say('No thanks');
            expect(shown(declined)).to.include(catalogue.region.serviceCounselling.phone.number);
            expect(await conversation.handovers.list()).to.deep.equal([]);
        });

        it('should offer a person after two searches that find nothing', async () => {
            const conversation = await Conversation.start();
            await conversation.open();
            const first = await conversation.say('junan aikataulu Tampereelle');
            expect(shown(first)).to.include('En löytänyt vielä sopivaa palvelua');
            const second = await conversation.say('bussilla Tampereelle huomenna');
            expect(shown(second)).to.include('Voinko välittää tämän keskustelun');
            await conversation.say('Kyllä, välitä');
            await conversation.say('Keskustele nyt');
            const [handover] = await conversation.handovers.list();
            expect(handover).to.include({ reason: 'no-match', urgency: 'normal', status: 'waiting' });
        });

        it('should send plain text instead of cards on a channel that cannot show them', async () => {
            const conversation = await Conversation.start({ channelId: 'sms' });
            const replies = await conversation.say('hammaslääkäri');
            expect(replies.every((reply) => !reply.attachments?.length)).to.equal(true);
            expect(shown(replies)).to.match(/1\. .*hammas/i);
        });
    });

    describe('commands that work everywhere', () => {
        for (const [locale, word, decline] of [
            ['fi-FI', 'ihminen', 'Ei kiitos'],
            ['sv-FI', 'en riktig människa', 'Nej tack'],
            ['en-GB', 'a real person', 'No thanks'],
        ] as const) {
            it(`should ask consent to hand over on "${word}" and, when declined, give the phone and go on`, async () => {
                const conversation = await Conversation.start({ locale });
                const situation = catalogue.lifeSituationsById.get('older-people')!;
                const language = locale.slice(0, 2) as 'fi' | 'sv' | 'en';
                await conversation.say(situation.names[language]);
                const consent = await conversation.say(word);
                expect(lastButtons(consent)).to.include(decline);
                const declined = await conversation.say(decline);
                expect(shown(declined)).to.include('000 555 1000');
                expect(shown(declined)).to.include(situation.questions[0]!.text[language]);
                const next = await conversation.say(situation.questions[0]!.options[0]!.label[language]);
                expect(shown(next)).not.to.include(situation.questions[0]!.text[language]);
                expect(await conversation.handovers.list()).to.deep.equal([]);
            });
        }

        for (const [locale, word, expected] of [
            ['fi-FI', 'apua', 'Kirjoita omin sanoin'],
            ['sv-FI', 'hjälp', 'Skriv med egna ord'],
            ['en-GB', 'help', 'Tell me in your own words'],
        ] as const) {
            it(`should answer "${word}" in the middle of a life situation`, async () => {
                const conversation = await Conversation.start({ locale });
                const situation = catalogue.lifeSituationsById.get('older-people')!;
                const language = locale.slice(0, 2) as 'fi' | 'sv' | 'en';
                await conversation.say(situation.names[language]);
                const replies = await conversation.say(word);
                expect(shown(replies)).to.include(expected);
                const next = await conversation.say(situation.questions[0]!.options[0]!.label[language]);
                expect(shown(next)).not.to.include(situation.questions[0]!.text[language]);
            });
        }

        for (const [locale, word] of [
            ['fi-FI', 'alku'],
            ['sv-FI', 'börja om'],
            ['en-GB', 'start over'],
        ] as const) {
            it(`should start over on "${word}"`, async () => {
                const conversation = await Conversation.start({ locale });
                const language = locale.slice(0, 2) as 'fi' | 'sv' | 'en';
                await conversation.say(catalogue.lifeSituationsById.get('disability')!.names[language]);
                const replies = await conversation.say(word);
                for (const situation of catalogue.lifeSituations)
                    expect(lastButtons(replies)).to.include(situation.names[language]);
            });
        }

        it('should switch language mid-path and go on with the same path', async () => {
            const conversation = await Conversation.start();
            const situation = catalogue.lifeSituations.find((s) => s.questions.length >= 2)!;
            await conversation.say(situation.names.fi);
            await conversation.say(situation.questions[0]!.options[0]!.label.fi);
            const switched = await conversation.say('på svenska');
            expect(shown(switched)).to.include('vi fortsätter på svenska');
            expect(shown(switched)).to.include(situation.questions[1]!.text.sv);
            const next = await conversation.say(situation.questions[1]!.options[0]!.label.sv);
            expect(shown(next)).to.include('Din väg');
        });

        it('should switch language when the resident clearly writes in another one', async () => {
            const conversation = await Conversation.start();
            await conversation.say('hei');
            const replies = await conversation.say('I need help with paying my rent this month');
            expect(shown(replies)).to.include('These services could suit you');
        });

        it('should resume in the middle of a path after a restart over the same storage', async () => {
            const storage = new MemoryStorage();
            const situation = catalogue.lifeSituations.find((s) => s.questions.length >= 2)!;
            const before = await Conversation.start({ storage });
            await before.say(situation.names.fi);
            await before.say(situation.questions[0]!.options[0]!.label.fi);

            const after = await Conversation.start({ storage });
            let replies = await after.say(situation.questions[1]!.options[0]!.label.fi);
            for (const question of situation.questions.slice(2))
                replies = await after.say(question.options[0]!.label.fi);
            expect(shown(replies)).to.include('Polkusi');
        });

        it('should take feedback on request in the middle of a search and return to it', async () => {
            const conversation = await Conversation.start({ locale: 'en-GB' });
            await conversation.say('dentist');
            const ask = await conversation.say('feedback');
            expect(shown(ask)).to.include('rating from 1 to 5');
            await conversation.say('4');
            const back = await conversation.say('skip');
            expect(shown(back)).to.include('Thank you for your feedback');
            expect(shown(back)).to.include('These services could suit you');
            expect((await conversation.feedback.list())[0]).to.include({ rating: 4, language: 'en' });
        });
    });

    describe('odd input', () => {
        it('should ask for words on an empty message, emoji or an attachment, and go on where it was', async () => {
            const conversation = await Conversation.start();
            const situation = catalogue.lifeSituationsById.get('older-people')!;
            await conversation.say(situation.names.fi);
            expect(shown(await conversation.say(''))).to.include('Kirjoita viesti');
            expect(shown(await conversation.say('👍🙂'))).to.include('Ymmärrän parhaiten sanoja');
            const attachment = await conversation.say({
                text: '',
                attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }],
            });
            expect(shown(attachment)).to.include('En pysty avaamaan liitteitä');
            const next = await conversation.say(situation.questions[0]!.options[0]!.label.fi);
            expect(shown(next)).not.to.include(situation.questions[0]!.text.fi);
        });

        it('should say which languages it speaks when written to in another', async () => {
            const conversation = await Conversation.start();
            const replies = await conversation.say('Ich brauche bitte einen Zahnarzt für meine Tochter');
            expect(shown(replies)).to.include('Finnish, Swedish and English');
        });

        it('should answer an unknown card submission kindly', async () => {
            const conversation = await Conversation.start({ locale: 'en-GB' });
            const replies = await conversation.submit({ action: 'launchRocket' });
            expect(shown(replies)).to.include('did not recognise that choice');
        });

        it('should read a very long message up to the limit and say so', async () => {
            const conversation = await Conversation.start();
            const replies = await conversation.say(`hammaslääkäri ${'a'.repeat(3000)}`);
            expect(shown(replies)).to.include('ensimmäiset 1000 merkkiä');
        });
    });
});
