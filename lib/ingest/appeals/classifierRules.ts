import type { Session } from '../../../db';
import { defaultRules, type Rules } from '../../enrich/classify/rules';
import { activeModel } from '../../enrich/classify/store';

/**
 * The rules of the classifier loadClassifier (lib/enrich/classify/store.ts) gives an import: those `pmap enrich`
 * last ran with, else the rule file. A row worker rebuilds the same classifier from them and the shipped model.
 */
export async function classifierRules(s: Session): Promise<Rules> {
  return (await activeModel(s))?.rules ?? defaultRules();
}
