import { expect } from 'chai';
import { TestAdapter, type Activity } from 'botbuilder';
import { LuotsiBot } from '../../src/bot/luotsiBot.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { realCatalogue, realSearch } from '../helpers.js';

async function newAdapter(locale = 'fi-FI') {
    const bot = new LuotsiBot({ catalogue: await realCatalogue(), search: await realSearch(), i18n: createI18n() });
    return new TestAdapter((context) => bot.run(context), { locale });
}

function textOf(activity: Partial<Activity>): string {
    return activity.text ?? '';
}

describe('LuotsiBot (before the dialogs)', () => {
    it('should answer in Finnish with dental services and their phone numbers', async () => {
        const adapter = await newAdapter();
        await adapter.send('tarvitsen hammaslääkäriajan').assertReply((reply) => {
            expect(textOf(reply)).to.match(/^Nämä palvelut voisivat sopia sinulle:/);
            expect(textOf(reply)).to.match(/hammas/i);
            expect(textOf(reply)).to.match(/Puhelin \d/);
        });
    });

    it('should answer in Swedish when the resident writes Swedish on a Finnish channel', async () => {
        const adapter = await newAdapter('fi-FI');
        await adapter.send('min mamma klarar sig inte hemma längre').assertReply((reply) => {
            expect(textOf(reply)).to.match(/^De här tjänsterna kunde passa dig:/);
        });
    });

    it('should answer in English and mark demo data as made up', async () => {
        const adapter = await newAdapter('en-US');
        await adapter.send('I need help paying my rent').assertReply((reply) => {
            expect(textOf(reply)).to.match(/^These services could suit you:/);
            expect(textOf(reply)).to.include('Demo: this local information is made up');
        });
    });

    it('should give service counselling in the channel language when nothing fits', async () => {
        const adapter = await newAdapter('sv-FI');
        await adapter.send('xyzzy').assertReply((reply) => {
            expect(textOf(reply)).to.include('Servicerådgivningen hjälper dig vidare: ring 000 555 1000');
            expect(textOf(reply)).to.include('mån–fre 08:00–16:00');
        });
    });

    it('should ask for words when the message is empty', async () => {
        const adapter = await newAdapter('en-US');
        await adapter.send('   ').assertReply((reply) => {
            expect(textOf(reply)).to.include('Tell me in your own words');
        });
    });
});
