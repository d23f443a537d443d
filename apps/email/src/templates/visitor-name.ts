/** Longest visitor-typed name a mail shows, in characters, before it is cut with "…". */
export const VISITOR_NAME_MAX = 40;

/**
 * A name a website's visitor typed, as a mail may show it: anyone can open a widget session
 * with any name and any address, so the name is never prose of ours ("Hi <name>,") that could
 * carry a message to a stranger, only a short value in quotation marks: “Jane D…”. Line breaks,
 * control characters and the quotation marks themselves are taken out, so it stays one value.
 */
export function quotedVisitorName(typed: string | undefined): string | null {
  const cleaned = (typed ?? '')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/["“”„«»]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (!cleaned) return null;
  const characters = [...cleaned];
  const shown =
    characters.length > VISITOR_NAME_MAX
      ? `${characters
          .slice(0, VISITOR_NAME_MAX - 1)
          .join('')
          .trimEnd()}…`
      : cleaned;
  return `“${shown}”`;
}
