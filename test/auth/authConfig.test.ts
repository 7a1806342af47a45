import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('auth configuration', () => {
    it('should not mark the session cookie Secure unless COOKIE_SECURE says so', () => {
        expect(loadConfig({}).cookieSecure).to.equal(false);
        expect(loadConfig({ COOKIE_SECURE: 'true' }).cookieSecure).to.equal(true);
        expect(loadConfig({ COOKIE_SECURE: '1' }).cookieSecure).to.equal(true);
        expect(loadConfig({ COOKIE_SECURE: 'false' }).cookieSecure).to.equal(false);
    });

    it('should refuse a COOKIE_SECURE that is not a boolean', () => {
        expect(() => loadConfig({ COOKIE_SECURE: 'sometimes' })).to.throw(ConfigError, /COOKIE_SECURE/);
    });

    it('should take LUOTSI_PASSWORD as it is, and treat an empty one as unset', () => {
        expect(loadConfig({ LUOTSI_PASSWORD: '  spaced secret  ' }).userAddPassword).to.equal('  spaced secret  ');
        expect(loadConfig({ LUOTSI_PASSWORD: '' }).userAddPassword).to.equal(undefined);
        expect(loadConfig({}).userAddPassword).to.equal(undefined);
    });
});
