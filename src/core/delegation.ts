/**
 * Delegation (委托): while a delegation is active, the delegate may act on the delegator's steps, and the step
 * records `受托人(代 委托人)`.
 */

const ON_BEHALF = /^(.+?)\s*[((]\s*代\s*(.+?)\s*[))]$/;

/** `受托人(代 委托人)` as written in a step column. */
export function onBehalfText(delegate: string, delegator: string): string {
  return `${delegate}(代 ${delegator})`;
}

/** Who acted and for whom, from a step column's text. */
export function parseActor(text: string | null): { actor: string; onBehalfOf: string | null } {
  const t = (text ?? '').trim();
  const m = ON_BEHALF.exec(t);
  return m ? { actor: m[1], onBehalfOf: m[2] } : { actor: t, onBehalfOf: null };
}

/** The person who actually acted. */
export function actorOf(text: string | null): string {
  return parseActor(text).actor;
}
