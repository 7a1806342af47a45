/** Where a progress bar is drawn: stderr, so it never mixes with data written to stdout. */
export interface ProgressStream {
    write(text: string): unknown;
    readonly isTTY?: boolean;
}

/** One line of a text progress bar, e.g. "[########------------]  40% 400/1000 conversations". */
export function progressLine(done: number, total: number, label: string, width = 30): string {
    const fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
    const filled = Math.round(fraction * width);
    const percent = String(Math.floor(fraction * 100)).padStart(3);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${done}/${total} ${label}`;
}

/**
 * A progress bar for command-line tools. On a terminal the line is redrawn in place whenever the percentage
 * changes; elsewhere (a log file, CI) a new line is written only every tenth, so the log stays readable.
 */
export class ProgressBar {
    private lastStep = -1;
    private drawn = false;

    constructor(
        private readonly stream: ProgressStream,
        /** What is being counted, e.g. "conversations". */
        private readonly label: string,
    ) {}

    update(done: number, total: number): void {
        const fraction = total <= 0 ? 1 : done / total;
        const step = Math.floor(fraction * (this.stream.isTTY ? 100 : 10));
        if (step === this.lastStep) return;
        this.lastStep = step;
        this.drawn = true;
        const line = progressLine(done, total, this.label);
        this.stream.write(this.stream.isTTY ? `\r${line}` : `${line}\n`);
    }

    /** Ends the bar's line on a terminal, so the next message starts on a line of its own. */
    finish(): void {
        if (this.drawn && this.stream.isTTY) this.stream.write('\n');
    }
}
