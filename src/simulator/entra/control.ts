import { badRequest, GraphError } from '../errors';
import { isRecord, noContent, ok, type SimResponse } from '../http-types';
import { findBy } from '../indexes';
import type { SimulatorState } from '../state';
import type { EntraAuthority } from './authority';
import { SIMULATED_BOT_APP, TOKEN_LIFETIME_SECONDS } from './constants';

/**
 * The simulator's control surface for the simulated Entra ID (`/_sim/entra/...`): where the token
 * service runs (URL, certificate, tenant, bot app), the SSO token Teams would obtain for a user,
 * an app-only Graph token, and users' consents. Never part of Entra.
 */

export interface EntraControl {
  /**
   * The SSO token Teams obtains for the bot for user `userId` (an object id of the tenant).
   * `expiresInSeconds` (default 3600) may be negative for an already expired token.
   */
  teamsToken(userId: string, options?: { expiresInSeconds?: number }): string;
  /** An app-only Graph token for `appId` (default: the bot's client id). */
  appToken(options?: { appId?: string; roles?: string[] }): string;
  /** Records that the user consented to `clientId` (default: the bot) using Graph for them. */
  grantConsent(userId: string, clientId?: string): void;
  revokeConsent(userId: string, clientId?: string): void;
  /** The users' own consents recorded (admin consent is the `adminConsent` setting). */
  consents(): { clientId: string; userId: string }[];
  /** Makes every authorization code issued so far `seconds` older (to test an expired one). */
  ageCodes(seconds: number): void;
}

function running(state: SimulatorState): EntraAuthority {
  if (!state.entra) {
    throw new GraphError(
      409,
      'Conflict',
      'The simulated Entra ID token service is not running: start the simulator with the entra option.',
    );
  }
  return state.entra;
}

const botId = (state: SimulatorState) => state.entra?.bot.clientId ?? SIMULATED_BOT_APP.clientId;

function userOf(state: SimulatorState, userId: string) {
  const user = findBy(state.tenant.users, userId);
  if (!user) throw new GraphError(404, 'NotFound', `No user '${userId}' in the simulated tenant.`);
  return user;
}

export function createEntraControl(state: SimulatorState): EntraControl {
  return {
    teamsToken: (userId, options = {}) => {
      const authority = running(state);
      const lifetime = options.expiresInSeconds ?? TOKEN_LIFETIME_SECONDS;
      if (!Number.isInteger(lifetime)) throw badRequest('expiresInSeconds must be an integer.');
      return authority.teamsToken(userOf(state, userId), lifetime);
    },
    appToken: (options = {}) => {
      const authority = running(state);
      return authority.graphTokenForApp(
        options.appId ?? authority.bot.clientId,
        options.roles ?? [],
      );
    },
    grantConsent: (userId, clientId = botId(state)) =>
      state.consents.grant(clientId, userOf(state, userId).id),
    revokeConsent: (userId, clientId = botId(state)) => state.consents.revoke(clientId, userId),
    consents: () => state.consents.list(),
    ageCodes: (seconds) => state.codes.age(seconds),
  };
}

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value === '') throw badRequest(`'${name}' must be a string.`);
  return value;
};

const optionalText = (value: unknown, name: string) =>
  value === undefined ? undefined : text(value, name);

/** `/_sim/entra/...`; `segments` follow `entra`, `body` is the parsed JSON body. */
export function handleEntraControl(
  method: string,
  segments: string[],
  body: unknown,
  state: SimulatorState,
): SimResponse | undefined {
  const control = createEntraControl(state);
  const input = isRecord(body) ? body : {};
  const [resource = '', userId] = segments;
  switch (`${method} ${resource}${segments.length > 1 ? '/*' : ''}`) {
    case 'GET ':
      return ok(running(state).handle());
    case 'POST teams-token': {
      const expires = input.expiresInSeconds;
      if (expires !== undefined && typeof expires !== 'number') {
        throw badRequest('expiresInSeconds must be an integer.');
      }
      const token = control.teamsToken(text(input.userId, 'userId'), { expiresInSeconds: expires });
      return ok({ token });
    }
    case 'POST app-token': {
      const roles = input.roles;
      if (
        roles !== undefined &&
        !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))
      ) {
        throw badRequest("'roles' must be a list of strings.");
      }
      return ok({ token: control.appToken({ appId: optionalText(input.appId, 'appId'), roles }) });
    }
    case 'GET consents':
      return ok({ adminConsent: state.settings.adminConsent, value: control.consents() });
    case 'POST consents':
      control.grantConsent(text(input.userId, 'userId'), optionalText(input.clientId, 'clientId'));
      return noContent();
    case 'DELETE consents/*':
      if (segments.length === 2 && userId) {
        control.revokeConsent(userId);
        return noContent();
      }
  }
  return undefined;
}
