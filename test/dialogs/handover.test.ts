import { expect } from 'chai';
import { ActivityTypes } from 'botbuilder';
import { Conversation, lastButtons, shown } from '../conversation.js';
import { realCatalogue } from '../helpers.js';

const catalogue = await realCatalogue();
const SATURDAY_NOON = new Date('2026-12-05T12:00:00+02:00');

async function waitingHandover(
    conversation: Conversation,
    say: string[] = ['ihminen', 'Kyllä, välitä', 'Keskustele nyt'],
) {
    for (const text of say) await conversation.say(text);
    const [record] = await conversation.handovers.list();
    return record!;
}

describe('HandoverDialog', () => {
    it('should hand over with a summary of the resident’s own words, answers and suggestions, redacted', async () => {
        const conversation = await Conversation.start();
        await conversation.say('Isäni ei pärjää enää kotona, hetu 010203-123N, soita 040 765 4321');
        const situation = catalogue.lifeSituationsById.get('older-people')!;
        await conversation.say(situation.names.fi);
        for (const question of situation.questions) await conversation.say(question.options[0]!.label.fi);
        const record = await waitingHandover(conversation);
        expect(record).to.include({ reason: 'asked', urgency: 'normal', language: 'fi', status: 'waiting' });
        expect(record.lifeSituations).to.include('older-people');
        expect(record.summary.background.answers.map((answer) => answer.questionId)).to.include(
            situation.questions[0]!.id,
        );
        expect(record.summary.situation.residentWords).to.include('Isäni ei pärjää enää kotona');
        expect(record.summary.situation.residentWords).not.to.include(situation.names.fi);
        const everything = JSON.stringify(record);
        expect(everything).not.to.include('010203-123N');
        expect(everything).not.to.include('040 765 4321');
    });

    it('should show the queue position and estimated wait, pass messages on and let the resident leave the queue', async () => {
        const conversation = await Conversation.start({ locale: 'en-GB' });
        const replies = await Promise.resolve()
            .then(() => conversation.say('a real person'))
            .then(() => conversation.say('Yes, pass it on'))
            .then(() => conversation.say('Chat now'));
        expect(shown(replies)).to.match(/You are number 1 in the queue\. The estimated wait is about \d+ min/);
        const ack = await conversation.say('my mother fell last week and is confused');
        expect(shown(ack)).to.include('Your message has been passed to the counsellor');
        const [record] = await conversation.handovers.list();
        expect(record!.messages.map((message) => message.text)).to.include('my mother fell last week and is confused');
        const left = await conversation.say('Leave the queue');
        expect(shown(left)).to.include('You have left the queue');
        expect((await conversation.handovers.get(record!.id))!.status).to.equal('abandoned');
    });

    it('should relay between resident and counsellor while connected, staying quiet itself', async () => {
        const conversation = await Conversation.start();
        const record = await waitingHandover(conversation);
        await conversation.handovers.accept(record.id, 'neuvoja.anna', new Date());
        const joined = await conversation.proactive((context) =>
            conversation.bot.handleCounsellorEvent(context, record, { type: 'accepted', counsellor: 'Anna' }),
        );
        expect(shown(joined)).to.include('Neuvoja Anna liittyi keskusteluun');

        const quiet = await conversation.say('hei, äiti on kaatunut kaksi kertaa tällä viikolla');
        expect(quiet).to.deep.equal([]);
        const counsellorText = await conversation.proactive((context) =>
            conversation.bot.handleCounsellorEvent(context, record, {
                type: 'message',
                text: 'Kiitos, soitan kotihoitoon.',
            }),
        );
        expect(shown(counsellorText)).to.include('Neuvoja: Kiitos, soitan kotihoitoon.');
        const messages = (await conversation.handovers.get(record.id))!.messages;
        expect(messages.map((message) => message.text)).to.include('hei, äiti on kaatunut kaksi kertaa tällä viikolla');

        const danger = await conversation.say('en jaksa enää elää');
        expect(shown(danger)).to.include('112');
        expect((await conversation.handovers.get(record.id))!.messages.map((m) => m.text)).to.include(
            'en jaksa enää elää',
        );

        await conversation.handovers.close(record.id, { outcome: 'resolved', by: 'neuvoja.anna', now: new Date() });
        const closed = await conversation.proactive((context) =>
            conversation.bot.handleCounsellorEvent(context, record, { type: 'closed' }),
        );
        expect(shown(closed)).to.include('Neuvoja päätti keskustelun');
        expect(shown(closed)).to.include('Anna arvio 1–5');
    });

    it('should hand over as a crisis, first in the queue, when a person is asked for right after danger', async () => {
        const conversation = await Conversation.start({ locale: 'sv-FI' });
        const other = await Conversation.start({ locale: 'sv-FI', handovers: conversation.handovers });
        await waitingHandover(other, ['människa', 'Ja, skicka', 'Chatta nu']);
        const crisis = await conversation.say('jag vill inte leva längre');
        expect(lastButtons(crisis)).to.include('Tala med en människa nu');
        await conversation.say('Tala med en människa nu');
        await conversation.say('Ja, skicka');
        await conversation.say('Chatta nu');
        const [first] = await conversation.handovers.list({ status: 'waiting' });
        expect(first).to.include({ reason: 'crisis', urgency: 'crisis' });
        expect(first!.summary.assessment.dangerCategory).to.equal('self-harm');
    });

    it('should hand over for many needs with that reason', async () => {
        const conversation = await Conversation.start({ locale: 'en-GB' });
        for (const id of ['money-work-and-housing', 'mental-health-and-substance-use'] as const) {
            const situation = catalogue.lifeSituationsById.get(id)!;
            await conversation.say(situation.names.en);
            for (const question of situation.questions) await conversation.say(question.options[0]!.label.en);
        }
        await conversation.say('Talk to a person');
        await conversation.say('Yes, pass it on');
        await conversation.say('Chat now');
        const [record] = await conversation.handovers.list();
        expect(record).to.include({ reason: 'many-needs' });
    });

    it('should say when counsellors are away and take a call-back request with the number given for it', async () => {
        const conversation = await Conversation.start({ now: SATURDAY_NOON });
        await conversation.say('ihminen');
        const closed = await conversation.say('Kyllä, välitä');
        expect(shown(closed)).to.include('Neuvojat ovat paikalla');
        expect(shown(closed)).to.include('116 117');
        await conversation.say('Jätä soittopyyntö');
        const again = await conversation.say('soita joskus');
        expect(shown(again)).to.include('Numero ei näyttänyt puhelinnumerolta');
        await conversation.say('040 123 4567');
        const name = await conversation.say('Aamupäivällä');
        expect(shown(name)).to.include('Kenelle neuvoja soittaa');
        const booked = await conversation.say('Maija');
        expect(shown(booked)).to.include('Soittopyyntösi on vastaanotettu');
        const [record] = await conversation.handovers.list();
        expect(record).to.include({ status: 'callback-requested' });
        expect(record!.summary.identification.name).to.equal('Maija');
        expect(record!.contact).to.include({ preference: 'callback', phone: '040 123 4567' });
    });

    it('should send a handoff.initiate event with the summary and transcript in event mode, and follow handoff.status', async () => {
        const conversation = await Conversation.start({ handoffMode: 'event', locale: 'en-GB' });
        await conversation.say('I need help with my rent');
        await conversation.say('a real person');
        await conversation.say('Yes, pass it on');
        const replies = await conversation.say('Chat now');
        const event = replies.find((reply) => reply.type === ActivityTypes.Event)!;
        expect(event.name).to.equal('handoff.initiate');
        const value = event.value as { summary: { section: string }[]; reason: string };
        expect(value.reason).to.equal('asked');
        expect(value.summary.map((section) => section.section)).to.deep.equal([
            'identification',
            'situation',
            'background',
            'assessment',
            'recommendation',
        ]);
        expect((event.attachments ?? [])[0]!.name).to.equal('Transcript');
        expect(JSON.stringify(event.attachments)).to.include('I need help with my rent');
        expect(await conversation.handovers.list()).to.deep.equal([]);

        const accepted = await conversation.say({
            type: ActivityTypes.Event,
            name: 'handoff.status',
            value: { state: 'accepted' },
        });
        expect(shown(accepted)).to.include('A counsellor has joined');
        const completed = await conversation.say({
            type: ActivityTypes.Event,
            name: 'handoff.status',
            value: { state: 'completed' },
        });
        expect(shown(completed)).to.include('rating from 1 to 5');
    });
});
