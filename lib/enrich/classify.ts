import type { Classification } from './classify/classifier';
import { shippedClassifier } from './classify/shipped';

export type { Classification, TopicClassifier } from './classify/classifier';

/**
 * Topic and gratitude of a text with the shipped model and the rule file. Imports and `pmap enrich` use the rules
 * recorded in the database instead (classify/store.ts loadClassifier), with the same shipped model.
 */
export function classifyText(text: string | null | undefined): Classification {
  return shippedClassifier().classify(text);
}
