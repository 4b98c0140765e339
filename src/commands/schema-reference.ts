// Where a saved scenario's first line points editors for the scenario schema.

import { dirname, join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../catalogue/load.js';

/**
 * The scenario schema this package ships, as a path relative to a file saved at `file`:
 * ../schema/scenario.schema.json in this repository's scenarios/, node_modules/llm-tco/schema/...
 * in a project that installs it. Editors with the YAML language server then check and complete keys.
 */
export function schemaReference(file: string, root = packageRoot()): string {
  const path = relative(dirname(resolve(file)), join(root, 'schema', 'scenario.schema.json')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
