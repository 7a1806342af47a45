import { z } from 'zod';

/** Azure Direct Line's answer to tokens/generate. */
const GeneratedToken = z.object({
    conversationId: z.string().min(1),
    token: z.string().min(1),
    expires_in: z.number().optional(),
});

export interface AzureToken {
    readonly conversationId: string;
    readonly token: string;
}

/** Azure Direct Line did not give a token; `status` is its HTTP status when it answered at all. */
export class DirectLineTokenError extends Error {
    constructor(
        message: string,
        readonly status?: number,
        options?: { cause?: unknown },
    ) {
        super(message, options);
        this.name = 'DirectLineTokenError';
    }
}

/** How long the resident's page waits for Azure before Luotsi gives up. */
const AZURE_TIMEOUT_MS = 10_000;

/**
 * Exchanges the Direct Line secret for a conversation token bound to `userId`, so the secret stays on the server.
 * `endpoint` is the Direct Line base URL ending in /v3/directline.
 */
export async function generateAzureToken(endpoint: string, secret: string, userId: string): Promise<AzureToken> {
    let response: Response;
    try {
        response = await fetch(`${endpoint}/tokens/generate`, {
            method: 'POST',
            headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
            body: JSON.stringify({ user: { id: userId } }),
            signal: AbortSignal.timeout(AZURE_TIMEOUT_MS),
        });
    } catch (error) {
        throw new DirectLineTokenError('Direct Line did not answer', undefined, { cause: error });
    }
    if (!response.ok) throw new DirectLineTokenError(`Direct Line answered ${response.status}`, response.status);
    const parsed = GeneratedToken.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new DirectLineTokenError('Direct Line answered without a token', response.status);
    return { conversationId: parsed.data.conversationId, token: parsed.data.token };
}
