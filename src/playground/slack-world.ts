import type { FakeSlackUser } from '../simulator/slack/fake-slack';
import type { TenantData } from '../simulator/tenant-data';
import type { Persona, PersonaKey } from './personas';

/** The Slack workspace the playground pretends to be, and its approvals channel. */
export const PLAYGROUND_SLACK = {
  teamId: 'T0CONTOSO1',
  teamDomain: 'contoso',
  teamName: 'Contoso',
  channelId: 'C0APPROVAL',
  channelName: 'app-approvals',
} as const;

/** The personas' Slack member ids. */
const MEMBER_IDS: Record<PersonaKey, string> = {
  megan: 'U0MEGAN001',
  patti: 'U0PATTI001',
  nestor: 'U0NESTOR01',
  joni: 'U0JONI0001',
};

/** A persona as a member of the Slack workspace. */
export type SlackMember = FakeSlackUser & { persona: PersonaKey };

/**
 * The personas as Slack members. Each one's email is their Entra sign-in name in the simulated
 * tenant, which is how the bot tells who a Slack user is.
 */
export function slackMembers(personas: readonly Persona[], tenant: TenantData): SlackMember[] {
  return personas.map((p) => {
    const user = tenant.users.find((u) => u.id === p.aadObjectId);
    return {
      persona: p.key,
      id: MEMBER_IDS[p.key],
      teamId: PLAYGROUND_SLACK.teamId,
      name: p.key,
      realName: p.name,
      displayName: p.name,
      email: String(user?.userPrincipalName ?? `${p.key}@playground.invalid`),
    };
  });
}
