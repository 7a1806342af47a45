import { expect } from 'chai';

/** A strict RFC 4180 reader, written here so the test does not trust the writer's own idea of the format. */
export function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let index = 0; index < text.length; index++) {
        const char = text[index]!;
        if (quoted) {
            if (char === '"' && text[index + 1] === '"') {
                field += '"';
                index++;
            } else if (char === '"') {
                quoted = false;
            } else {
                field += char;
            }
        } else if (char === '"' && field === '') {
            quoted = true;
        } else if (char === ',') {
            row.push(field);
            field = '';
        } else if (char === '\r' && text[index + 1] === '\n') {
            row.push(field);
            rows.push(row);
            row = [];
            field = '';
            index++;
        } else {
            expect(char, `bare line break or quote at ${index}`).to.not.be.oneOf(['\r', '\n', '"']);
            field += char;
        }
    }
    expect(field === '' && row.length === 0, 'the last record ends with CRLF').to.equal(true);
    return rows;
}
