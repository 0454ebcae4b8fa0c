import type { Logger } from '../logger';
import type {
  ApprovalStatus,
  ItemRef,
  PendingWrite,
  WriteIdentity,
  WriteOptions,
  WriteResult,
} from '../services/ports/intune';
import type { GraphTokenProvider } from './credential';
import { GraphError } from './graph-error';
import { idSegment } from './graph-ids';
import type { GraphHttp, GraphVersion } from './graph-http';
import { APPS, POLICIES } from './intune-reader';
import { MANAGED_APP_CONFIGS } from './managed-app-config-mapping';
import { approvalCodeOf, approvalHeaders, pendingWrite, toApprovalStatus } from './maa';

const CAST = 'microsoft.graph.managedDeviceMobileAppConfiguration';

/** The approver's identity as the token provider of a call that runs as them. */
function delegated(as: WriteIdentity | undefined): GraphTokenProvider | undefined {
  return as && { kind: 'on-behalf-of', getToken: () => as.token() };
}

export interface IntuneWriterOptions {
  http: GraphHttp;
  version: GraphVersion;
  logger: Logger;
}

/**
 * The writing half of the Intune port: posts a full assignment set (apps on `.../assign`,
 * managed device configuration policies on the cast path with the plain path as fallback,
 * managed app configuration policies on `targetedManagedAppConfigurations/{id}/assign`), with the Multi Admin
 * Approval justification on every write; a held write comes back with what is needed to replay it.
 */
export class IntuneWriter {
  constructor(private readonly options: IntuneWriterOptions) {}

  /** Status of a Multi Admin Approval request by its approval code. */
  async approvalStatus(approvalCode: string): Promise<ApprovalStatus> {
    const path = `/deviceManagement/operationApprovalRequests/${encodeURIComponent(approvalCode)}`;
    const response = await this.options.http.send<{ status?: string }>({
      method: 'GET',
      version: 'beta',
      path,
    });
    return toApprovalStatus(response.body.status);
  }

  /** Replays a held write, identical, with its approval code. */
  async replay(
    pending: PendingWrite,
    options: Pick<WriteOptions, 'beforeAttempt' | 'as'> = {},
  ): Promise<{ requestId: string; clientRequestId: string }> {
    const headers = approvalHeaders(pending.justification, pending.approvalCode);
    const response = await this.options.http.send({
      method: 'POST',
      version: pending.version,
      path: pending.path,
      headers,
      body: pending.body,
      write: true,
      beforeAttempt: options.beforeAttempt,
      as: delegated(options.as),
    });
    return { requestId: response.requestId, clientRequestId: response.clientRequestId };
  }

  /** Posts the full set; `assignments` is never empty (the caller checks). */
  async write(item: ItemRef, assignments: unknown[], options: WriteOptions): Promise<WriteResult> {
    const version = this.options.version;
    const id = idSegment(item.id);
    if (item.kind === 'app') {
      return this.post(`${APPS}/${id}/assign`, { mobileAppAssignments: assignments }, options);
    }
    const body = { assignments };
    if (item.kind === 'managedAppConfig') {
      return this.post(`${MANAGED_APP_CONFIGS}/${id}/assign`, body, options);
    }
    try {
      return await this.post(`${POLICIES}/${id}/${CAST}/assign`, body, options);
    } catch (error) {
      if (!(
        error instanceof GraphError &&
        error.status === 400 &&
        /No method match route template/i.test(error.message)
      ))
        throw error;
      this.options.logger.warn(
        { version, item },
        'cast assign path refused; falling back to the plain path',
      );
      return this.post(`${POLICIES}/${id}/assign`, body, options);
    }
  }

  private async post(path: string, body: unknown, options: WriteOptions): Promise<WriteResult> {
    const version = this.options.version;
    const justification = options.justification;
    try {
      const response = await this.options.http.send({
        method: 'POST',
        version,
        path,
        headers: approvalHeaders(justification),
        body,
        write: true,
        beforeAttempt: options.beforeAttempt,
        as: delegated(options.as),
      });
      return {
        status: 'written',
        requestId: response.requestId,
        clientRequestId: response.clientRequestId,
      };
    } catch (error) {
      const code = approvalCodeOf(error);
      if (code === undefined) throw error;
      return {
        status: 'held',
        pending: pendingWrite(code, { path, version, body, justification }),
      };
    }
  }
}
