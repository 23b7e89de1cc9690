/** The release model as JSON, described by schema/release.schema.json. */
import type { Renderer } from './types.js';

export const SCHEMA_ID = 'https://pressready.dev/schema/release-2.schema.json';

export const jsonRenderer: Renderer = {
  format: 'json',
  extension: 'json',
  render: ({ release }) => `${JSON.stringify({ $schema: SCHEMA_ID, ...release }, null, 2)}\n`,
};
