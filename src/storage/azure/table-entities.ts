import type { TableEntity } from '@azure/data-tables';
import { AppError } from '../../domain/errors';
import type { AssignmentRequest } from '../../domain/request';
import { idKey, tenantKey } from '../compare-keys';
import {
  ALL_SCOPE,
  DIRECTIONS,
  indexPrefix,
  orderKey,
  REQUESTS,
  requestKey,
  requesterScope,
  statusScope,
} from './table-keys';

/** Characters in one string property: Azure Tables keeps at most 32 K (64 KiB) in each. */
const CHUNK = 32_000;

/**
 * The longest JSON the store keeps: four properties. A transition writes the request seven
 * times (its row and six index rows) in one transaction, which must stay under 4 MiB.
 */
export const MAX_JSON = 4 * CHUNK;

/** A row key may be 1 KiB: 512 UTF-16 characters. */
const MAX_KEY = 512;

/** JSON text as `json0`, `json1`, ...: a string property holds at most {@link CHUNK} characters. */
export function jsonProperties(json: string, what: string): Record<string, string> {
  if (json.length > MAX_JSON) {
    throw new AppError(
      'invalid-request',
      `${what} is ${json.length} characters of JSON, more than Azure Table storage keeps (${MAX_JSON}).`,
    );
  }
  const properties: Record<string, string> = {};
  for (let i = 0; i * CHUNK < Math.max(json.length, 1); i += 1) {
    properties[`json${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  }
  return properties;
}

/** The value kept by {@link jsonProperties}, parsed. */
export function parseJson<T>(entity: Record<string, unknown>): T {
  let json = '';
  for (let i = 0; typeof entity[`json${i}`] === 'string'; i += 1) {
    json += entity[`json${i}`] as string;
  }
  return JSON.parse(json) as T;
}

/** The row of the request itself: what `get` reads and what a transition's ETag is checked on. */
export function requestEntity(request: AssignmentRequest): TableEntity {
  return {
    partitionKey: REQUESTS,
    rowKey: requestKey(request.id),
    revision: request.revision,
    ...jsonProperties(JSON.stringify(request), `Request ${request.id}`),
  };
}

/**
 * The keys of a request's index rows: every request, its status and its requester, each in both
 * directions. They change only when the status, number or requester does.
 */
export function indexKeys(request: AssignmentRequest): string[] {
  const scopes = [ALL_SCOPE, statusScope(request.status), requesterScope(request.requester.id)];
  const keys = scopes.flatMap((scope) =>
    DIRECTIONS.map((direction) => indexPrefix(scope, direction) + orderKey(request, direction)),
  );
  const long = keys.find((key) => key.length > MAX_KEY);
  if (long !== undefined) {
    throw new AppError(
      'invalid-request',
      `Request ${request.id} has an id or requester too long for an Azure Table key.`,
    );
  }
  return keys;
}

/**
 * An index row: the request's JSON and the fields listings filter on (see `table-list`), so a
 * listing is one range read and each row it returns is the request as that row's transaction
 * left it. `expiresAt` is `''` when there is none, so a filter never depends on how the service
 * compares a missing property.
 */
export function indexEntity(rowKey: string, request: AssignmentRequest): TableEntity {
  return {
    partitionKey: REQUESTS,
    rowKey,
    id: request.id,
    status: request.status,
    requesterKey: idKey(request.requester.id),
    tenantKey: tenantKey(request.tenantId),
    expiresAt: request.expiresAt ?? '',
    ...jsonProperties(JSON.stringify(request), `Request ${request.id}`),
  };
}

/** A small JSON value (a setting, a fence, a card copy) in a row. */
export function valueEntity(partitionKey: string, rowKey: string, value: unknown): TableEntity {
  return {
    partitionKey,
    rowKey,
    ...jsonProperties(JSON.stringify(value), `The value of ${rowKey}`),
  };
}
