import { expect } from 'chai';
import { Conversation, lastButtons, shown, submitData } from '../conversation.js';

describe('Teams for professionals', () => {
    for (const conversationType of ['personal', 'channel'] as const) {
        it(`should look up a service with its route and share its card (${conversationType})`, async () => {
            const conversation = await Conversation.start({ channelId: 'msteams', conversationType });
            const welcome = await conversation.open();
            expect(shown(welcome)).to.include('Ammattilaisena voit hakea palveluja');
            const results = await conversation.say('<at>Luotsi</at> kotihoito');
            expect(shown(results)).to.include('Kotihoito');
            const share = submitData(results).find((data) => data.action === 'share')!;
            expect(share).to.be.an('object');
            const shared = await conversation.submit(share);
            expect(shown(shared)).to.include('Tässä palvelu jaettavaksi');
            const details = await conversation.submit({ action: 'details', serviceId: String(share.serviceId) });
            expect(shown(details)).to.include('Näin saat palvelun');
        });
    }

    it('should make a Social Welfare Act § 35 contact with consent recorded, as a professional-consult handover', async () => {
        const conversation = await Conversation.start({ channelId: 'msteams', conversationType: 'personal' });
        const kind = await conversation.say('konsultoi');
        expect(lastButtons(kind)).to.include('Yhteydenotto sosiaalihuoltoon (SHL 35 §)');
        const consent = await conversation.say('Yhteydenotto sosiaalihuoltoon (SHL 35 §)');
        expect(shown(consent)).to.include('onko asiakas antanut suostumuksen');
        await conversation.say('Kyllä, suostumus on annettu');
        await conversation.say('Iäkäs asiakas, muisti heikentynyt, asuu yksin eikä selviä arjesta. Hetu 131052-308T.');
        await conversation.say('Keskustele nyt');
        const [record] = await conversation.handovers.list();
        expect(record).to.include({ reason: 'professional-consult', urgency: 'normal', channel: 'msteams' });
        expect(record!.summary.recommendation.note).to.include('SHL 35 §');
        expect(record!.summary.recommendation.note).to.include('suostumus on annettu');
        expect(record!.summary.situation.residentWords).to.include('muisti heikentynyt');
        expect(JSON.stringify(record)).not.to.include('131052-308T');
    });

    it('should not pass a § 35 contact on without consent unless a child or safety requires it', async () => {
        const conversation = await Conversation.start({ channelId: 'msteams', locale: 'en-US' });
        await conversation.say('consult');
        await conversation.say('Contact social services (Social Welfare Act section 35)');
        const none = await conversation.say('No consent');
        expect(shown(none)).to.include('Without consent you may contact social services only');
        expect(await conversation.handovers.list()).to.deep.equal([]);

        await conversation.say('consult');
        await conversation.say('Contact social services (Social Welfare Act section 35)');
        await conversation.say("No – the child's interest requires it");
        await conversation.say('Children aged 3 and 5 often alone at home in the evenings.');
        await conversation.say('Chat now');
        const [record] = await conversation.handovers.list();
        expect(record).to.include({ reason: 'professional-consult', urgency: 'high' });
    });

    it('should phrase the danger message for a professional writing about a client', async () => {
        const conversation = await Conversation.start({ channelId: 'msteams' });
        const replies = await conversation.say('asiakas sanoi että aikoo tappaa itsensä tänä iltana');
        const text = shown(replies);
        expect(text).to.include('Jos asiakas tai joku muu on välittömässä vaarassa, soita heti hätänumeroon 112');
        expect(text).to.include('09 2525 0111');
        expect(lastButtons(replies)).to.include('Konsultoi sosiaaliohjaajaa');
    });
});
