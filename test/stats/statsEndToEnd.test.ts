import { expect } from 'chai';
import { Conversation } from '../conversation.js';
import { realCatalogue } from '../helpers.js';

const catalogue = await realCatalogue();

describe('statistics from real conversations', () => {
    it('should count a guided conversation without keeping any of its words or identifiers', async () => {
        const conversation = await Conversation.start();
        await conversation.say(
            'Olen Maija, hetu 131052-308T, puh 040 123 4567, maija@example.com, tili FI49 5000 9420 0287 30',
        );
        const situation = catalogue.lifeSituationsById.get('older-people')!;
        await conversation.say(situation.names.fi);
        for (const question of situation.questions) await conversation.say(question.options[0]!.label.fi);
        await conversation.say('Valmis');
        await conversation.say('5 – Paljon apua');
        await conversation.say('Kiitos! Soita 040 123 4567 jos tarvitaan');
        await conversation.say('junan aikataulu Tampereelle');

        const events = await conversation.statsStore.events();
        const types = events.map((event) => event.type);
        expect(types).to.include.members([
            'conversation-started',
            'life-situation-chosen',
            'path-completed',
            'feedback',
            'search',
        ]);
        expect(new Set(events.map((event) => event.conversation)).size).to.equal(1);
        const stored = JSON.stringify({ events, unmatched: await conversation.statsStore.unmatched() });
        for (const secret of ['131052-308T', '040 123 4567', 'maija@example.com', 'FI49', 'Maija', 'Convo1', 'user1']) {
            expect(stored, secret).not.to.include(secret);
        }
        const unmatched = await conversation.statsStore.unmatched();
        expect(unmatched.map((row) => row.text)).to.include('junan aikataulu tampereelle');
    });

    it('should count a crisis interrupt by category only', async () => {
        const conversation = await Conversation.start({ locale: 'en-GB' });
        await conversation.say('I want to end my life');
        const events = await conversation.statsStore.events();
        const crisis = events.find((event) => event.type === 'crisis-interrupt');
        expect(crisis).to.include({ category: 'self-harm', language: 'en' });
        expect(JSON.stringify(events)).not.to.include('end my life');
    });
});
