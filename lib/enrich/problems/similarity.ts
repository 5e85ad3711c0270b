import { contentStems } from '../classify/text';

/**
 * The words of an appeal that can say what its problem is: content stems of the text, minus the stems of its own
 * address and street. The place is already compared by distance; two appeals on "ул. Ленина" must not look alike
 * just because both name the street.
 */
export function problemTerms(text: string | null, address?: string | null, street?: string | null): Set<string> {
  const place = new Set(contentStems(`${address ?? ''} ${street ?? ''}`));
  const out = new Set<string>();
  for (const s of contentStems(text ?? '')) if (!place.has(s)) out.add(s);
  return out;
}

/**
 * Cosine similarity of two stem sets (the Ochiai coefficient): |A∩B| / √(|A|·|B|). Unlike Jaccard it does not punish
 * a short hotline summary against a long social-network post that says the same and more. 0 when either is empty:
 * an appeal without words is never "similar".
 */
export function termSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const t of small) if (large.has(t)) common++;
  return common / Math.sqrt(a.size * b.size);
}
