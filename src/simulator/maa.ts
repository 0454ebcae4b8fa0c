import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { CallerIdentity, SimulatorSettings } from './control-types';
import { badRequest, GraphError } from './errors';
import type { GraphVersion } from './graph-schemas';
import type { GraphRequest } from './http-types';
import type { GraphObject } from './tenant-data';

/**
 * Intune Multi Admin Approval: while it is on, a write is held until a second administrator
 * approves it, and only the identical request replayed with `x-msft-approval-code` is applied.
 */

/** The exact write an approval request holds, compared on replay. */
export interface HeldOperation {
  method: string;
  version: GraphVersion;
  path: string;
  body: unknown;
}

/** An approval request: its Graph (beta) shape and the held write (simulator-only). */
export interface ApprovalRecord {
  request: GraphObject;
  held: HeldOperation;
}

export type ApprovalDecision = 'approve' | 'reject';

/** How long a request stays actionable. Intune's exact window is not documented; chosen here. */
const EXPIRY_MS = 24 * 60 * 60 * 1000;
const MAX_JUSTIFICATION = 1024;

export class ApprovalStore {
  private readonly records = new Map<string, ApprovalRecord>();

  /** A new request held for approval; `caller` is named as its requestor. */
  create(
    held: HeldOperation,
    justification: string,
    caller: CallerIdentity = { kind: 'application' },
  ): ApprovalRecord {
    const now = new Date();
    const code = randomUUID();
    const request: GraphObject = {
      '@odata.type': '#microsoft.graph.operationApprovalRequest',
      id: code,
      requestDateTime: now.toISOString(),
      expirationDateTime: new Date(now.getTime() + EXPIRY_MS).toISOString(),
      lastModifiedDateTime: now.toISOString(),
      requestor: requestorOf(caller),
      approver: null,
      status: 'needsApproval',
      requestJustification: justification,
      approvalJustification: null,
      requiredOperationApprovalPolicyTypes: ['app'],
    };
    const record = { request, held };
    this.records.set(code, record);
    return record;
  }

  /** A record by code, with its status moved to `expired` when its time has passed. */
  get(code: string): ApprovalRecord | undefined {
    const record = this.records.get(code);
    if (record) expireIfDue(record);
    return record;
  }

  list(): ApprovalRecord[] {
    return [...this.records.keys()].map((code) => this.get(code) as ApprovalRecord);
  }

  /** An admin's decision in the Intune admin center; only a request that needs approval can be decided. */
  decide(code: string, decision: ApprovalDecision): ApprovalRecord {
    const record = this.get(code);
    if (!record) throw new GraphError(404, 'ResourceNotFound', `No approval request '${code}'.`);
    if (record.request.status !== 'needsApproval') {
      throw new GraphError(
        409,
        'Conflict',
        `Approval request '${code}' is ${String(record.request.status)}; only a request that needs approval can be decided.`,
      );
    }
    setStatus(record, decision === 'approve' ? 'approved' : 'rejected');
    record.request.approver = { user: { id: 'sim-intune-admin', displayName: 'Intune admin' } };
    return record;
  }

  complete(code: string): void {
    const record = this.records.get(code);
    if (record) setStatus(record, 'completed');
  }

  clear(): void {
    this.records.clear();
  }
}

/** The `identitySet` of whoever asked: the calling app, and the user a delegated token names. */
function requestorOf(caller: CallerIdentity): GraphObject['requestor'] {
  const appId = caller.kind === 'application' ? caller.appId : undefined;
  return {
    application: {
      id: appId || 'simulated-client-app',
      displayName: 'Graph client (simulated)',
    },
    user: caller.kind === 'user' ? { id: caller.id, displayName: caller.name } : null,
    device: null,
  };
}

function setStatus(record: ApprovalRecord, status: string): void {
  record.request.status = status;
  record.request.lastModifiedDateTime = new Date().toISOString();
}

function expireIfDue(record: ApprovalRecord): void {
  const status = record.request.status;
  const due = Date.parse(String(record.request.expirationDateTime)) <= Date.now();
  if (due && (status === 'needsApproval' || status === 'approved')) setStatus(record, 'expired');
}

/** Decodes `x-msft-approval-justification`: strict Base64, at most 1024 characters decoded. */
function justificationOf(req: GraphRequest): string {
  const header = req.headers['x-msft-approval-justification'];
  if (header === undefined) {
    throw badRequest(
      'This operation is protected by Multi Admin Approval: the x-msft-approval-justification header (Base64) is required.',
    );
  }
  if (header.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(header)) {
    throw badRequest('The x-msft-approval-justification header is not valid Base64.');
  }
  const text = Buffer.from(header, 'base64').toString('utf8');
  if (text.trim() === '' || [...text].length > MAX_JUSTIFICATION) {
    throw badRequest(
      `The approval justification must be 1 to ${MAX_JUSTIFICATION} characters once decoded.`,
    );
  }
  return text;
}

/**
 * Decides whether a valid write may be applied now. Without MAA: yes. With MAA and no code: a new
 * approval request is created and the write is refused with the code in `x-msft-approval-code`.
 * With a code: only an approved request holding this exact method, path and body lets it through;
 * the caller marks it completed once applied. Returns the code to complete, if any.
 */
export function guardWrite(
  req: GraphRequest,
  settings: SimulatorSettings,
  approvals: ApprovalStore,
): string | undefined {
  if (!settings.multiAdminApproval) return undefined;
  const justification = justificationOf(req);
  const held: HeldOperation = {
    method: req.method,
    version: req.version,
    path: req.path,
    body: req.body,
  };
  const code = req.headers['x-msft-approval-code'];
  if (code === undefined) {
    const record = approvals.create(held, justification, req.caller);
    throw new GraphError(
      settings.approvalRequiredStatus,
      'ApprovalRequired',
      `This operation is protected by Multi Admin Approval. Approval request '${record.request.id}' was created; another administrator must approve it before the identical request is replayed with x-msft-approval-code.`,
      { 'x-msft-approval-code': record.request.id },
    );
  }
  const record = approvals.get(code);
  if (!record) throw forbidden(`The approval code '${code}' does not match any approval request.`);
  if (record.request.status !== 'approved') {
    throw forbidden(
      `Approval request '${code}' is ${String(record.request.status)}; only an approved request can be replayed.`,
    );
  }
  if (!isDeepStrictEqual(record.held, held)) {
    throw forbidden(
      `This request does not match approval request '${code}': the method, version, path and body must be identical to the held request.`,
    );
  }
  return code;
}

function forbidden(message: string): GraphError {
  return new GraphError(403, 'Forbidden', message);
}
