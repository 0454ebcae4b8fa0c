import { AppError } from '../domain/errors';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import betaSchema from '../../schemas/graph/graph-beta-assign.schema.json';
import v1Schema from '../../schemas/graph/graph-v1.0-assign.schema.json';

/** Graph API versions the schemas cover. */
export type GraphVersion = 'beta' | 'v1.0';

/** Entry points of the official schemas (see `schemas/graph/README.md`). */
export type SchemaEntry =
  | 'mobileApp_assign_request'
  | 'managedDeviceMobileAppConfiguration_assign_request'
  | 'targetedManagedAppConfiguration_assign_request'
  | 'mobileAppAssignment_collection_response'
  | 'odataError'
  | 'mobileApp_response'
  | 'group_response'
  | 'managedDeviceMobileAppConfiguration_response'
  | 'deviceAndAppManagementAssignmentFilter_response';

const CUSTOM_KEYWORDS = [
  'x-csdl-type',
  'x-csdl-action',
  'x-concrete-subtypes',
  'x-known-values',
  'x-beta-only',
  'x-source',
  'x-entry-points',
];

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addVocabulary(CUSTOM_KEYWORDS);
    ajv.addSchema(betaSchema, 'beta');
    ajv.addSchema(v1Schema, 'v1.0');
  }
  return ajv;
}

/** The outcome of validating a body: `errors` are short, human-readable lines. */
export interface SchemaResult {
  valid: boolean;
  errors: string[];
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(body)';
  const extra =
    error.keyword === 'additionalProperties'
      ? ` '${String((error.params as { additionalProperty?: string }).additionalProperty)}'`
      : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}

/**
 * Validates a JSON value against one of Microsoft's official Graph schemas (extracted from the
 * Graph metadata, never hand-written). Validators are compiled once and cached.
 */
export function validateAgainstGraphSchema(
  version: GraphVersion,
  entry: SchemaEntry,
  value: unknown,
): SchemaResult {
  const key = `${version}#/$defs/${entry}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = instance().getSchema(key);
    if (!validate) throw new AppError('internal-error', `No schema entry ${key}`);
    compiled.set(key, validate);
  }
  const valid = validate(value) as boolean;
  if (valid) return { valid, errors: [] };
  const errors = (validate.errors ?? []).map(describe);
  return { valid, errors: [...new Set(errors)].slice(0, 10) };
}
