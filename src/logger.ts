/** Structured one-line JSON logs; callers pass only ids and categories, never message text or personal data. */
export interface Logger {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
    error(message: string, fields?: Record<string, unknown>): void;
}

export function createConsoleLogger(): Logger {
    const write = (level: string, message: string, fields?: Record<string, unknown>) =>
        console.error(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
    return {
        info: (message, fields) => write('info', message, fields),
        warn: (message, fields) => write('warn', message, fields),
        error: (message, fields) => write('error', message, fields),
    };
}

/** For tests: keeps what was logged so a test can assert on it. */
export function createMemoryLogger(): Logger & {
    readonly entries: { level: string; message: string; fields?: Record<string, unknown> }[];
} {
    const entries: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
    return {
        entries,
        info: (message, fields) => entries.push({ level: 'info', message, fields }),
        warn: (message, fields) => entries.push({ level: 'warn', message, fields }),
        error: (message, fields) => entries.push({ level: 'error', message, fields }),
    };
}
