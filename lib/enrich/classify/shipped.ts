import { DEFAULT_WEIGHTS, makeClassifier, type ShippedModel, type TopicClassifier } from './classifier';
import { linearModelHash, parseModel, type ModelFile } from './linear';
import modelFile from './model/topic-model.json';
import { defaultRules, type Rules } from './rules';

/** Where the shipped model lives, relative to the repository: scripts/train-classifier.ts writes it. */
export const MODEL_FILE = 'lib/enrich/classify/model/topic-model.json';

/** A model file as the classifier uses it. */
export function shippedFromFile(f: ModelFile, where = MODEL_FILE): ShippedModel {
  return { model: parseModel(f, where), hash: linearModelHash(f), weights: f.evidence ?? DEFAULT_WEIGHTS };
}

let shipped: ShippedModel | undefined;

/**
 * The model committed with the code, decoded once per process on first use. The app, the CLI and imports classify
 * with it; nothing trains at start-up (`npm run train:classifier` makes a new one offline).
 */
export function shippedModel(): ShippedModel {
  shipped ??= shippedFromFile(modelFile as ModelFile);
  return shipped;
}

const classifiers = new Map<string, TopicClassifier>();

/** The shipped model with the given rules (the rule file by default); one classifier per rule set is kept. */
export function shippedClassifier(rules: Rules = defaultRules()): TopicClassifier {
  const key = JSON.stringify(rules);
  let c = classifiers.get(key);
  if (!c) {
    if (classifiers.size > 8) classifiers.clear();
    classifiers.set(key, (c = makeClassifier(rules, shippedModel())));
  }
  return c;
}
