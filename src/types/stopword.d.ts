declare module 'stopword' {
    export const fin: string[];
    export const swe: string[];
    export const eng: string[];
}
