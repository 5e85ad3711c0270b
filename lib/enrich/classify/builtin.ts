import { demoAppeals } from '../../demo';
import { makeClassifier, type TopicClassifier } from './classifier';
import { trainNb, type LabelledText } from './model';
import { defaultRules } from './rules';

/** Size of the built-in corpus: enough to cover every demo template many times, ~1 s to generate and count. */
export const BUILTIN_CORPUS_SIZE = 30_000;

/** The demo generator's appeals as labelled texts: the corpus every model starts from. */
export function* demoCorpus(count = BUILTIN_CORPUS_SIZE): Generator<LabelledText> {
  for (const a of demoAppeals({ count })) yield { text: a.text, topic: a.topic, address: a.address };
}

let builtin: TopicClassifier | undefined;

/**
 * The classifier used before any model is stored in the database: the rule file plus a model trained on the demo
 * corpus. Built once per process, on first use.
 */
export function builtinClassifier(): TopicClassifier {
  builtin ??= makeClassifier(defaultRules(), trainNb(demoCorpus()));
  return builtin;
}
