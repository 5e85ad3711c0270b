import { builtinClassifier } from './classify/builtin';
import type { Classification } from './classify/classifier';

export type { Classification, TopicClassifier } from './classify/classifier';

/**
 * Topic and gratitude of a text with the built-in classifier (rules + a model trained on the demo corpus). Imports
 * and `pmap enrich` use the model stored in the database instead (classify/store.ts loadClassifier).
 */
export function classifyText(text: string | null | undefined): Classification {
  return builtinClassifier().classify(text);
}
