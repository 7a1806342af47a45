import { expect } from 'chai';
import { REDACTION_PLACEHOLDERS, isValidHenkilotunnus, redactPersonalData } from '../../src/privacy/redact.js';

const { henkilotunnus: HETU, phone: PHONE, email: EMAIL, iban: IBAN } = REDACTION_PLACEHOLDERS;

describe('privacy/redact', () => {
    describe('isValidHenkilotunnus', () => {
        it('should accept real codes with every kind of century sign, including those added in 2023', () => {
            for (const code of [
                '131052-308T',
                '131052+308T',
                '131052Y308T',
                '131052U308T',
                '010594Y9021',
                '010594Y9032',
                '020502E902X',
                '010100A123D',
                '010100B123D',
                '290224F123F',
            ]) {
                expect(isValidHenkilotunnus(code), code).to.equal(true);
            }
        });

        it('should accept a lower-case check character as people type it', () => {
            expect(isValidHenkilotunnus('131052-308t')).to.equal(true);
        });

        it('should tell look-alikes from real codes', () => {
            expect(isValidHenkilotunnus('131052-308U'), 'wrong check character').to.equal(false);
            expect(isValidHenkilotunnus('310223-123X'), 'no 31 February').to.equal(false);
            expect(isValidHenkilotunnus('290223A1237'), '2023 is no leap year').to.equal(false);
            expect(isValidHenkilotunnus('131052-001W'), 'individual number 001 is unused').to.equal(false);
            expect(isValidHenkilotunnus('131052G308T'), 'G is no century sign').to.equal(false);
            expect(isValidHenkilotunnus('131052-308'), 'too short').to.equal(false);
        });
    });

    describe('redactPersonalData', () => {
        it('should redact valid personal identity codes with old and new century signs', () => {
            for (const code of ['131052-308T', '131052Y308T', '010594Y9021', '020502E902X', '010100B123D']) {
                expect(redactPersonalData(`Hetuni on ${code}, kiitos.`), code).to.equal(`Hetuni on ${HETU}, kiitos.`);
            }
        });

        it('should redact plausible look-alikes too: wrong check character, impossible date, lower case, dash variants', () => {
            for (const code of ['131052-308U', '310223-123X', '131052a308t', '131052–308T', '131052+308T']) {
                expect(redactPersonalData(`tunnus ${code}`), code).to.equal(`tunnus ${HETU}`);
            }
        });

        it('should leave codes with no date shape alone', () => {
            expect(redactPersonalData('tilausnumero 991399-123X')).to.equal('tilausnumero 991399-123X');
        });

        it('should redact Finnish phone numbers in their common formats', () => {
            for (const phone of [
                '040 123 4567',
                '0401234567',
                '040-123 4567',
                '050 1234 567',
                '+358 40 123 4567',
                '+358401234567',
                '+358 (0)40 123 4567',
                '00358 40 123 4567',
                '09 123 4567',
                '(09) 1234 567',
                '09-1234567',
                '0800 12345',
            ]) {
                expect(redactPersonalData(`Soita ${phone}, kiitos`), phone).to.equal(`Soita ${PHONE}, kiitos`);
            }
        });

        it('should redact foreign international numbers', () => {
            expect(redactPersonalData('ring +46 70 123 45 67')).to.equal(`ring ${PHONE}`);
        });

        it('should keep a year that follows a phone number and separate two adjacent numbers', () => {
            expect(redactPersonalData('soitin 040 123 4567 2024')).to.equal(`soitin ${PHONE} 2024`);
            expect(redactPersonalData('040 123 4567 040 765 4321')).to.equal(`${PHONE} ${PHONE}`);
        });

        it('should redact e-mail addresses, including the (at) form', () => {
            expect(redactPersonalData('Maili: matti.meikäläinen+palaute@example.fi.')).to.equal(`Maili: ${EMAIL}.`);
            expect(redactPersonalData('e-post anna(at)exempel.fi')).to.equal(`e-post ${EMAIL}`);
            expect(redactPersonalData('mail me at John.Doe@mail.example.co.uk')).to.equal(`mail me at ${EMAIL}`);
        });

        it('should redact Finnish IBANs with or without spaces and other IBANs', () => {
            for (const iban of [
                'FI21 1234 5600 0007 85',
                'FI2112345600000785',
                'fi21 1234 5600 0007 85',
                'FI21 12345600 000785',
                'DE89 3704 0044 0532 0130 00',
                'SE4550000000058398257466',
                'NO93 8601 1117 947',
            ]) {
                expect(redactPersonalData(`tili ${iban}.`), iban).to.equal(`tili ${IBAN}.`);
            }
        });

        it('should redact several kinds of data in one text', () => {
            const text = 'Olen 131052-308T, puh. 040 123 4567, matti@example.fi, tili FI21 1234 5600 0007 85.';
            expect(redactPersonalData(text)).to.equal(`Olen ${HETU}, puh. ${PHONE}, ${EMAIL}, tili ${IBAN}.`);
        });

        it('should not redact ordinary numbers', () => {
            for (const text of [
                'Vuonna 2024 ja 1999',
                'Maksu oli 25 € ja 12,50 €',
                'Auki ma–pe 8–16 ja la 10-14',
                'klo 08.00–16.00, 08-16',
                'Osoite Sairaalantie 1, 99100 Rovaniemi',
                'PL 5, 00101 Helsinki, 02100 Espoo',
                'Hätänumero 112 ja päivystysapu 116 117',
                'päivämäärä 01.02.2024 ja 1.2.2024',
                'asiakasmaksu 41,80 euroa, 3 kertaa, 60 minuuttia',
                'Aukioloajat 7.30–15.30, 5 000 € tuki',
            ]) {
                expect(redactPersonalData(text), text).to.equal(text);
            }
        });

        it('should leave text without personal data unchanged', () => {
            expect(redactPersonalData('Kiitos, sain hyvää palvelua!')).to.equal('Kiitos, sain hyvää palvelua!');
            expect(redactPersonalData('')).to.equal('');
        });
    });
});
