import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, badRequest, notFound } from '../shared/errors.js';
import { audit } from '../audit/log.js';
import { staffPrincipal } from './hooks.js';
import { findInvitation, redeemInvitation } from './invitations.repository.js';
import { passwordProblem } from './common-passwords.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { FAILED_LOGINS_PER_ACCOUNT, FailedLogins } from './failed-logins.js';
import { normaliseEmail } from './accounts.js';
import { InvitationView, Session } from './session.schemas.js';
import { Done } from '../shared/vocabulary.js';
import { createSession, deleteSession, deleteUserSessions, findActiveSession } from './sessions.repository.js';
import { findUserByEmail, setPassword } from './users.repository.js';
import { recordConsent } from './consent.repository.js';
import { recordLogin } from './logins.repository.js';
import { sessionView } from './session-view.js';
import { STAFF_CONSENT_VERSION } from '../shared/rules/staff-consent.js';
import { codeStep } from './two-factor/totp.js';
import { createChallenge, endChallenge, findChallenge, useStep } from './two-factor/two-factor.repository.js';
import { SecondFactorLogin, SecondFactorRequired } from './two-factor/two-factor.schemas.js';

const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200 });
const LoginBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const ConsentVersion = Type.String({ maxLength: 50 });
const ConsentBody = Type.Object({ consentVersion: Type.Optional(ConsentVersion) }, { additionalProperties: false });

/** Attempts to accept an invitation per address in the window: a real person mistypes a few times, not dozens. */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: '15 minutes' };

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const failedLogins = new FailedLogins(app.limits, 'login');
  const failedAccountLogins = new FailedLogins(app.limits, 'login-account', FAILED_LOGINS_PER_ACCOUNT);

  async function startSession(req: FastifyRequest, reply: FastifyReply, userId: number): Promise<Session> {
    // A new session id at every login: a session fixed before login is never promoted.
    const old = req.cookies[app.sessionCookie.name];
    if (old) await deleteSession(app.db, old);
    const session = await createSession(app.db, userId);
    reply.setCookie(app.sessionCookie.name, session.cookie, app.sessionCookie.options(req, session.cookieExpiresAt));
    const active = await findActiveSession(app.db, session.cookie);
    return sessionView(app.db, active!.principal, session.csrfToken);
  }

  app.post(
    '/api/auth/login',
    {
      schema: { body: LoginBody, response: { 200: Type.Union([Session, SecondFactorRequired]) } },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const email = normaliseEmail(req.body.email);
      await refuseWhileLimited(req, reply, email);
      const user = await findUserByEmail(app.db, email);
      const ok = await verifyPassword(user?.password_hash ?? null, req.body.password);
      if (!user || !ok || user.disabled_at) {
        await Promise.all([failedLogins.recordFailure(req.ip), failedAccountLogins.recordFailure(req.ip, email)]);
        // The account, when the address names one; never the address typed, nor the password: the log must not
        // become a list of e-mails (a mistyped one is often a person's other address) or of near-passwords.
        const reason = !user ? 'unknown_account' : !ok ? 'wrong_password' : 'disabled';
        await audit(app.db, { userId: null, action: 'auth.login_failed', entity: 'user', entityId: user?.id ?? null, details: { reason, ip: req.ip } });
        throw new ApiError(401, 'invalid_credentials', 'Wrong e-mail or password');
      }
      // The password alone opens nothing on an account with a second factor: the page gets a challenge for the code.
      if (user.totp_secret) return { secondFactor: 'totp' as const, challenge: await createChallenge(app.db, user.id) };
      return completeLogin(req, reply, user.id, {});
    },
  );

  app.post('/api/auth/login/code', { schema: { body: SecondFactorLogin, response: { 200: Session } }, config: { access: 'public' } }, async (req, reply) => {
    const challenge = await findChallenge(app.db, req.body.challenge);
    if (!challenge || !challenge.totp_secret || challenge.disabled_at) {
      await failedLogins.recordFailure(req.ip);
      throw new ApiError(401, 'login_challenge_expired', 'The login has expired; enter the e-mail and password again');
    }
    await refuseWhileLimited(req, reply, challenge.email);
    const step = codeStep(challenge.totp_secret, req.body.code);
    // A wrong code and a used one count alike toward the login limits: guessing codes is guessing passwords.
    if (step === null || !(await useStep(app.db, challenge.id, step))) {
      await Promise.all([failedLogins.recordFailure(req.ip), failedAccountLogins.recordFailure(req.ip, challenge.email)]);
      await audit(app.db, { userId: null, action: 'auth.login_failed', entity: 'user', entityId: challenge.id, details: { reason: 'wrong_code', ip: req.ip } });
      throw new ApiError(401, 'wrong_code', 'The code is wrong or was already used; wait for the next one');
    }
    await endChallenge(app.db, req.body.challenge);
    return completeLogin(req, reply, challenge.id, { secondFactor: 'totp' });
  });

  /** A login that succeeded: the time kept for «Предыдущий вход», the audit entry, the session. */
  async function completeLogin(req: FastifyRequest, reply: FastifyReply, userId: number, details: Record<string, unknown>) {
    await recordLogin(app.db, userId);
    await audit(app.db, { userId, action: 'auth.login', entity: 'user', entityId: userId, details: { ip: req.ip, ...details } });
    return startSession(req, reply, userId);
  }

  async function refuseWhileLimited(req: FastifyRequest, reply: FastifyReply, email: string) {
    const retryAfter = await failedLogins.retryAfterSeconds(req.ip);
    if (retryAfter > 0) {
      reply.header('retry-after', retryAfter);
      throw new ApiError(429, 'too_many_logins', `Too many failed logins from this address; try again in ${Math.ceil(retryAfter / 60)} min`);
    }
    const accountRetryAfter = await failedAccountLogins.retryAfterSeconds(req.ip, email);
    if (accountRetryAfter > 0) {
      reply.header('retry-after', accountRetryAfter);
      throw new ApiError(429, 'rate_limited', `Too many failed logins to this account; try again in ${Math.ceil(accountRetryAfter / 60)} min`);
    }
  }

  app.post('/api/auth/logout', { schema: { response: { 200: Done } }, config: { access: 'account' } }, async (req, reply) => {
    const principal = staffPrincipal(req);
    await app.db.transaction().execute(async (trx) => {
      await deleteSession(trx, req.cookies[app.sessionCookie.name]!);
      await audit(trx, { userId: principal.id, action: 'auth.logout', entity: 'user', entityId: principal.id });
    });
    reply.clearCookie(app.sessionCookie.name, app.sessionCookie.options(req));
    return { ok: true as const };
  });

  // A staff route runs only with a session, so its CSRF token is set too.
  app.get('/api/me', { schema: { response: { 200: Session } }, config: { access: 'account' } }, async (req) =>
    sessionView(app.db, staffPrincipal(req), req.csrfToken!),
  );

  // Asked at login when the consent text changed since the account last agreed to it.
  app.post('/api/auth/consent', { schema: { body: ConsentBody, response: { 200: Session } }, config: { access: 'account' } }, async (req) => {
    const principal = staffPrincipal(req);
    refuseWithoutConsent(req.body.consentVersion);
    await app.db.transaction().execute(async (trx) => {
      await recordConsent(trx, principal.id, STAFF_CONSENT_VERSION);
      await audit(trx, { userId: principal.id, action: 'consent.give', entity: 'user', entityId: principal.id, details: { version: STAFF_CONSENT_VERSION } });
    });
    return sessionView(app.db, principal, req.csrfToken!);
  });

  app.post(
    '/api/auth/password',
    {
      schema: {
        body: Type.Object({ currentPassword: Type.String({ maxLength: 200 }), newPassword: Password }, { additionalProperties: false }),
        response: { 200: Session },
      },
      config: { access: 'account' },
    },
    async (req, reply) => {
      const principal = staffPrincipal(req);
      const user = await findUserByEmail(app.db, principal.email);
      if (!(await verifyPassword(user?.password_hash ?? null, req.body.currentPassword))) {
        throw badRequest('wrong_password', 'The current password is wrong');
      }
      refuseGuessable(req.body.newPassword, principal.email);
      await setPassword(app.db, principal.id, await hashPassword(req.body.newPassword));
      // Every other session of the account ends: a password change is how people lock out a leaked session.
      await deleteUserSessions(app.db, principal.id);
      await audit(app.db, { userId: principal.id, action: 'password.change', entity: 'user', entityId: principal.id });
      return startSession(req, reply, principal.id);
    },
  );

  /** The client sends the version it showed: a consent to a text the person never saw is no consent. */
  function refuseWithoutConsent(version: string | undefined) {
    if (version !== STAFF_CONSENT_VERSION) {
      throw badRequest('consent_required', `Consent to the processing of personal data, version ${STAFF_CONSENT_VERSION}, is required`);
    }
  }

  function refuseGuessable(password: string, email: string) {
    const problem = passwordProblem(password, email);
    if (problem === 'common_password') throw badRequest(problem, 'This password is among the most common ones; choose another');
    if (problem === 'email_password') throw badRequest(problem, 'The password must not contain the name of the e-mail address');
  }

  const InvitationParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });

  async function liveInvitation(token: string) {
    const invitation = await findInvitation(app.db, token);
    if (!invitation || invitation.disabled_at) throw notFound('invitation_not_found', 'This invitation link is not valid');
    if (invitation.used_at) throw new ApiError(410, 'invitation_used', 'This invitation was already used; log in with your password');
    if (invitation.expires_at < new Date()) throw new ApiError(410, 'invitation_expired', 'This invitation has expired; ask the administrator for a new one');
    return invitation;
  }

  app.get(
    '/api/auth/invitations/:token',
    { schema: { params: InvitationParams, response: { 200: InvitationView } }, config: { access: 'public' } },
    async (req) => {
      const invitation = await liveInvitation(req.params.token);
      return { email: invitation.email, name: invitation.name };
    },
  );

  app.post(
    '/api/auth/invitations/:token',
    {
      schema: {
        params: InvitationParams,
        body: Type.Object({ password: Password, consentVersion: Type.Optional(ConsentVersion) }, { additionalProperties: false }),
        response: { 200: Session },
      },
      config: { access: 'public', rateLimit: LOGIN_RATE_LIMIT },
    },
    async (req, reply) => {
      const invitation = await liveInvitation(req.params.token);
      refuseWithoutConsent(req.body.consentVersion);
      refuseGuessable(req.body.password, invitation.email);
      const passwordHash = await hashPassword(req.body.password);
      await app.db.transaction().execute(async (trx) => {
        if (!(await redeemInvitation(trx, invitation.token_hash))) {
          throw new ApiError(410, 'invitation_used', 'This invitation was already used; log in with your password');
        }
        await setPassword(trx, invitation.user_id, passwordHash);
        await recordConsent(trx, invitation.user_id, STAFF_CONSENT_VERSION);
        await recordLogin(trx, invitation.user_id);
        await audit(trx, {
          userId: invitation.user_id,
          action: 'invitation.accept',
          entity: 'user',
          entityId: invitation.user_id,
          details: { consentVersion: STAFF_CONSENT_VERSION },
        });
      });
      return startSession(req, reply, invitation.user_id);
    },
  );
};
