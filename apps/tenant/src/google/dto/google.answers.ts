import { z } from 'zod';

/** What `POST /auth/google/start` answers, for the OpenAPI document (see `ApiAnswer`). */
export const googleStartAnswer = z.object({
  url: z.url().describe("The identity provider's page to open; the flow cookie is set."),
});
