import fs from 'node:fs';
import { PmapError, type ErrorCode } from '../errors';

/**
 * Reads a JSON file a user names (an import mapping, the topic rules): a missing file is `file_not_found`
 * ("<what> not found"), text that is not JSON is `badCode` ("not valid JSON: …"). The caller checks the shape.
 */
export function readJsonFile(file: string, what: string, badCode: ErrorCode): unknown {
  if (!fs.existsSync(file)) throw new PmapError('file_not_found', `${what} not found`, { file });
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PmapError(badCode, `not valid JSON: ${(e as Error).message}`, { file });
  }
}
