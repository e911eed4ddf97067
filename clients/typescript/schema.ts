/**
 * Types of the Outcome Ledger API (paths, operations by operationId, components), generated from /openapi.json
 * by openapi-typescript 6.7.6: `npm run client:generate`. Do not edit by hand: test/api/typed-client.test.ts
 * fails when this file differs from a fresh generation. Use it with openapi-fetch (see ./index.ts).
 */


/** OneOf type helpers */
type Without<T, U> = { [P in Exclude<keyof T, keyof U>]?: never };
type XOR<T, U> = (T | U) extends object ? (Without<T, U> & U) | (Without<U, T> & T) : T | U;
type OneOf<T extends any[]> = T extends [infer Only] ? Only : T extends [infer A, infer B, ...infer Rest] ? OneOf<[XOR<A, B>, ...Rest]> : never;

export interface paths {
  "/healthz": {
    /**
     * Liveness: the process is up
     * @description Answers 200 as long as the process serves requests. Does not touch the database. No authentication.
     */
    get: operations["getLiveness"];
  };
  "/readyz": {
    /**
     * Readiness: the database is reachable and fully migrated
     * @description Answers 200 when the database answers and every migration of this build is applied; 503 otherwise. No authentication.
     */
    get: operations["getReadiness"];
  };
  "/v1/organisations": {
    /**
     * The directory of organisations
     * @description Names, kinds and ids, so that a payer can bind parties when registering a contract. No contract data.
     *
     * **Access:** any key.
     */
    get: operations["listOrganisations"];
    /**
     * Register an organisation
     * @description **Access:** the platform administrator.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["registerOrganisation"];
  };
  "/v1/organisations/{id}": {
    /**
     * One organisation
     * @description **Access:** any key.
     */
    get: operations["getOrganisation"];
  };
  "/v1/organisations/{id}/api-keys": {
    /**
     * An organisation's API keys (without the keys themselves)
     * @description **Access:** the platform administrator, or the organisation itself.
     */
    get: operations["listApiKeys"];
    /**
     * Issue an API key
     * @description The key is in the answer and never shown again: only its SHA-256 is stored.
     *
     * **Access:** the platform administrator, or an `admin` key of the organisation itself.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["issueApiKey"];
  };
  "/v1/organisations/{id}/api-keys/{keyId}": {
    /**
     * Revoke an API key
     * @description The key stops working at once. The record stays, marked revoked.
     *
     * **Access:** the platform administrator, or an `admin` key of the organisation itself.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    delete: operations["revokeApiKey"];
  };
  "/v1/me": {
    /**
     * Who is calling: the organisation, and the key or the person signed in
     * @description **Access:** any key, or a person signed in (session cookie).
     */
    get: operations["whoAmI"];
  };
  "/v1/organisations/{id}/invitations": {
    /**
     * An organisation's pending invitations
     * @description Invitations neither accepted nor expired (their links are never shown again).
     *
     * **Access:** the organisation's admins (people or `admin` keys) and the platform administrator (who invites admins only: an organisation's first admin). Others get 403.
     */
    get: operations["listInvitations"];
    /**
     * Invite a person to an organisation
     * @description Creates a one-time invitation link, valid for INVITATION_TTL_HOURS, shown once in the answer (only its hash is stored) and e-mailed when SMTP_URL is configured, in the invitee's language (`locale`, else the inviter's). The person accepts it with their name and a password.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** the organisation's admins (people or `admin` keys) and the platform administrator (who invites admins only: an organisation's first admin). Others get 403.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["inviteMember"];
  };
  "/v1/organisations/{id}/members": {
    /**
     * An organisation's people
     * @description Names, e-mail addresses, roles, whether each has TOTP, and when a person was removed (people removed are listed after the members).
     *
     * **Access:** any member or key of the organisation and the platform administrator. Others get 403.
     */
    get: operations["listMembers"];
  };
  "/v1/organisations/{id}/members/{memberId}": {
    /**
     * Remove a person from an organisation
     * @description For a person who leaves: their sessions end at once, everywhere; they can no longer sign in, and their e-mail address may be invited again (a new account). Their record stays, with when and by whom they were removed, so everything they did keeps naming them; the audit entry `member.removed` records it. Keys they issued stay the organisation's: revoke them apart if needed. Refused with 409, nothing written: removing yourself (another admin does it), the last admin of the organisation (invite another admin first), a person already removed.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** the organisation's admins (people or `admin` keys) and the platform administrator. Others get 403.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    delete: operations["removeMember"];
  };
  "/v1/organisations/{id}/invitations/{invitationId}": {
    /**
     * Withdraw a pending invitation
     * @description Its link stops working at once: the invitation expires now (the acceptance answers 409, as for an expired one), and the audit entry `invitation.revoked` names who withdrew it. An invitation already accepted or expired: 409, nothing written.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** the organisation's admins (people or `admin` keys) and the platform administrator (who invites admins only: an organisation's first admin). Others get 403.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    delete: operations["revokeInvitation"];
  };
  "/v1/organisations/{id}/security": {
    /**
     * Require (or stop requiring) a TOTP second factor
     * @description When required, people of the organisation without TOTP must set it up at their next sign-in before anything else, and none may turn it off. Setting the value it already has writes nothing.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** the organisation's admins (people or `admin` keys). Others get 403.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    put: operations["setTotpRequirement"];
  };
  "/v1/invitation": {
    /**
     * The invitation a link opens
     * @description For the page that accepts it: who is invited, to which organisation, until when. 404 for an unknown token; 409 once accepted or expired.
     *
     * **Access:** anyone holding the link.
     */
    get: operations["getInvitation"];
  };
  "/v1/invitation/accept": {
    /**
     * Accept an invitation: create the account
     * @description With the token of the link, the person chooses their name and password (at least 12 characters; hashed with scrypt). The link then stops working. Sign in afterwards.
     *
     * **Access:** anyone holding the link.
     *
     * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
     */
    post: operations["acceptInvitation"];
  };
  "/v1/session": {
    /**
     * The session of this cookie
     * @description Who is signed in, the stage of the session, when it ends, and its CSRF token.
     *
     * **Access:** a session, at any stage.
     */
    get: operations["getSession"];
    /**
     * Sign in with e-mail and password
     * @description Opens a session (cookie). A person with TOTP gives the code in `code`, or gets a session at stage `second_factor` and sends it to POST /v1/session/second-factor. Failed attempts are limited per account and per address (SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_FAILURES_PER_ADDRESS in SIGN_IN_FAILURE_WINDOW_MINUTES): beyond, 429 with Retry-After.
     *
     * **Session:** answers `Set-Cookie` with a new session cookie (httpOnly, SameSite=Lax, Secure over TLS): a session id known before is never the one after. Changes made with the cookie need the `X-CSRF-Token` header.
     *
     * **Access:** anyone.
     *
     * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
     */
    post: operations["signIn"];
    /**
     * Sign out
     * @description Ends this session and clears its cookie.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** a session, at any stage.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    delete: operations["signOut"];
  };
  "/v1/session/second-factor": {
    /**
     * Complete a sign-in with the TOTP code
     * @description For a session at stage `second_factor` (it lives 5 minutes): a new full session replaces it.
     *
     * **Session:** answers `Set-Cookie` with a new session cookie (httpOnly, SameSite=Lax, Secure over TLS): a session id known before is never the one after. Changes made with the cookie need the `X-CSRF-Token` header.
     *
     * **Access:** the session waiting for its code.
     *
     * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
     */
    post: operations["completeSignIn"];
  };
  "/v1/session/sign-out-everywhere": {
    /**
     * Sign out everywhere
     * @description Ends every session of the person, on every device, this one included.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** a person signed in.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["signOutEverywhere"];
  };
  "/v1/account/totp": {
    /**
     * Start setting up TOTP
     * @description A new secret for an authenticator app (as text and as an otpauth:// URI for a QR code), pending until a code from it is confirmed (POST /v1/account/totp/confirm). Starting again replaces the pending secret.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** a person signed in, for themselves.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["enrolTotp"];
  };
  "/v1/account/totp/confirm": {
    /**
     * Confirm TOTP with a code
     * @description From now on, sign-in asks for a code. A session that was waiting for this enrolment is replaced by a new full session.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** a person signed in, for themselves.
     *
     * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
     */
    post: operations["confirmTotp"];
  };
  "/v1/account/totp/disable": {
    /**
     * Turn TOTP off
     * @description With a current code. Refused (409) while the organisation requires TOTP.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** a person signed in, for themselves.
     *
     * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
     */
    post: operations["disableTotp"];
  };
  "/v1/account/password": {
    /**
     * Change the password
     * @description With the current one. Every other session of the person ends.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** a person signed in, for themselves.
     *
     * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
     */
    post: operations["changePassword"];
  };
  "/v1/account/locale": {
    /**
     * Choose the language (fr or en)
     * @description The language of e-mails and pages for this person.
     *
     * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
     *
     * **Access:** a person signed in, for themselves.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    put: operations["setLocale"];
  };
  "/v1/contracts": {
    /**
     * List the contracts you are party to
     * @description Newest first, with cursor pagination. Filters: status, your role, policy area.
     */
    get: operations["listContracts"];
    /**
     * Register a contract (as a draft)
     * @description Registers the definition as version 1, in draft. Every party key of the definition is bound to an organisation; the caller must be bound to an outcome payer. The contract becomes active when every payer, investor and operator has approved version 1 by its contentHash. Invalid definitions are refused with 422 listing every problem with its path.
     *
     * **Access:** an organisation that is an outcome payer of the submitted definition.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["registerContract"];
  };
  "/v1/contracts/{id}": {
    /**
     * A contract, with the terms in force
     * @description Status, versions in force and awaiting approval, approvals, and the definition.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getContract"];
  };
  "/v1/contracts/{id}/versions": {
    /**
     * Every version of the contract, oldest first
     * @description Versions stay readable forever, including superseded and withdrawn ones.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listContractVersions"];
  };
  "/v1/contracts/{id}/versions/{number}": {
    /**
     * One version, with its definition and party bindings
     * @description **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getContractVersion"];
  };
  "/v1/contracts/{id}/approvals": {
    /**
     * Approve the version awaiting approval
     * @description Approves the exact version read, named by its contentHash; a stale hash answers 409 `stale_version`. When every payer, investor and operator has approved, the version takes effect (a draft becomes active). Approving twice is harmless.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** outcome payer, investor, operator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["approveContractVersion"];
  };
  "/v1/contracts/{id}/amendments": {
    /**
     * Propose a variation (a new version)
     * @description Creates a new version with a description and reason. It takes effect only when every payer, investor and operator has approved it; until then the current terms stay in force. A new proposal withdraws an earlier one still awaiting approval. The reference and currency cannot change.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** outcome payer. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["proposeAmendment"];
  };
  "/v1/contracts/{id}/termination": {
    /**
     * Terminate the contract
     * @description Records the termination date and reason. A terminated contract accepts no new data.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** outcome payer. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["terminateContract"];
  };
  "/v1/schemas/contract-definition": {
    /**
     * The contract definition, as JSON Schema
     * @description JSON Schema (draft 2020-12) of a contract definition, for editors and other tools. Relations between parts (unknown metric, cohort outside the term, tiers out of order…) are checked by the API on top of it. No authentication.
     */
    get: operations["getContractDefinitionSchema"];
  };
  "/v1/schemas/contract-definition/validate": {
    /**
     * Check a contract definition without registering it
     * @description Answers 200 with the definition as it would be stored (defaults filled in), or 422 listing every problem.
     *
     * **Access:** any key.
     */
    post: operations["validateContractDefinition"];
  };
  "/v1/contracts/{id}/claims": {
    /**
     * List participant claims
     * @description Current records by default (`includeSuperseded=true` adds corrected ones); filters by status, outcome, cohort, participant, achievement date and submission; cursor pagination. Investors never see participant-level data.
     *
     * **Access:** outcome payer, operator, evaluator, validator, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listClaims"];
    /**
     * Submit participant outcome claims
     * @description Uploads participant outcome claims (rate-card and volume-banded contracts) as `text/csv` (a header row, then one row per record; streamed, so files of millions of rows are fine), as an Excel workbook (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`: the first worksheet or `?sheet=`, its first non-empty row the header; streamed; row numbers in errors are the worksheet's own) or `application/json` (`ClaimUpload`, up to the JSON body limit).
     *
     * CSV columns: `participant_ref`, `outcome`, `cohort`, `achieved_on` (required); `held_from` (sustainment outcomes), `evidence` (references separated by `;`; required when the metric lists evidence), `quantity` (units of the outcome in the metric's unit, e.g. days or sessions; default 1; paid price × quantity), `supersedes` (id of the claim corrected). Two original claims of one participant, outcome and date are duplicates unless their evidence differs.
     *
     * Spreadsheets as users have them: a CSV is UTF-8 unless `charset` says otherwise (Windows-1252, ISO-8859-1/15); its separator (`,` `;` or tab) is read from Excel's `sep=` line or detected from the header, or set with `separator`; numbers with a decimal comma or thousands separators and `dd/mm/yyyy` dates are read with `locale` (e.g. `fr-FR`). The answer's `Upload-Read-As` header says how the file was read (e.g. `charset=utf-8; separator=semicolon; locale=fr-FR`). `GET …/templates/claims.csv` (or `.xlsx`, `results.*`) gives the columns with an example row.
     *
     * The upload is atomic: every row is checked against the contract version in force (metric exists and is of the right kind, cohort or period exists, dates inside the contract term and the cohort window, values are decimals, no duplicate of another row or of a stored record, corrections name a record not yet corrected). One bad row and nothing is stored: 422 lists the first 100 problems with their data row (1 = first row after the header), column and reason (`message`, in English; a problem of a row also has its stable `code` and the `params` of its message, to say it in another language), and `totalErrors` counts them all. A 201 is sent only once the data is committed.
     *
     * Send an `Idempotency-Key` header to retry safely: the same key with the same body answers the original 201 again (header `Idempotent-Replayed: true`) and stores nothing; the same key with another body answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`.
     *
     * Only an active contract accepts data (409 otherwise).
     *
     * Participant references must be pseudonymous codes: 1-64 letters, digits and - _ . : / ; no "@" (e-mail), not a phone number (7-15 digits once + . - / ( ) and spaces are removed), not a UK National Insurance number.
     *
     * **Access:** operator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["submitClaims"];
  };
  "/v1/contracts/{id}/claims/export": {
    /**
     * Export participant claims as CSV
     * @description Every matching record as CSV or XLSX (streamed), with status and review columns. `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook.
     *
     * **Access:** outcome payer, operator, evaluator, validator, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["exportClaims"];
  };
  "/v1/contracts/{id}/claims/summary": {
    /**
     * Claim counts per outcome and cohort
     * @description Submitted, validated and rejected counts of current claims, and participants with a validated claim. No participant-level data.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getClaimSummary"];
  };
  "/v1/contracts/{id}/claims/reviews": {
    /**
     * Validate or reject participant claims
     * @description Marks records `validated` or `rejected` (a reason is required to reject), either the records listed in `ids` or, with `filter`, every current record not yet reviewed that matches it (filters: outcome, cohort, participantRef, submissionId, achievedFrom, achievedTo). Only validated records count towards payments. A review is final: to change a record, the operator submits a correction, which is reviewed in turn. Listed records that are already reviewed or superseded make the whole request fail (409).
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["reviewClaims"];
  };
  "/v1/contracts/{id}/claims/{recordId}": {
    /**
     * One claim with its correction history
     * @description The record and its correction history: every record it supersedes or is superseded by, oldest first.
     *
     * **Access:** outcome payer, operator, evaluator, validator, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getClaim"];
  };
  "/v1/contracts/{id}/results": {
    /**
     * List aggregate results
     * @description Current records by default (`includeSuperseded=true` adds corrected ones); filters by status, metric, cohort, period, measurement date and submission; cursor pagination.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listResults"];
    /**
     * Submit aggregate results
     * @description Uploads aggregate results per cohort or period (counterfactual, tiered, linear, savings and composite contracts) as `text/csv` (a header row, then one row per record; streamed, so files of millions of rows are fine), as an Excel workbook (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`: the first worksheet or `?sheet=`, its first non-empty row the header; streamed; row numbers in errors are the worksheet's own) or `application/json` (`ResultUpload`, up to the JSON body limit).
     *
     * CSV columns: `metric`, `cohort` or `period` (exactly one), `measured_on`, `treatment_value`, `methodology`, `methodology_version`, `measured_by` (required); `comparison_value` (comparison group or target), `treatment_sample_size`, `comparison_sample_size`, `supersedes`.
     *
     * Spreadsheets as users have them: a CSV is UTF-8 unless `charset` says otherwise (Windows-1252, ISO-8859-1/15); its separator (`,` `;` or tab) is read from Excel's `sep=` line or detected from the header, or set with `separator`; numbers with a decimal comma or thousands separators and `dd/mm/yyyy` dates are read with `locale` (e.g. `fr-FR`). The answer's `Upload-Read-As` header says how the file was read (e.g. `charset=utf-8; separator=semicolon; locale=fr-FR`). `GET …/templates/claims.csv` (or `.xlsx`, `results.*`) gives the columns with an example row.
     *
     * The upload is atomic: every row is checked against the contract version in force (metric exists and is of the right kind, cohort or period exists, dates inside the contract term and the cohort window, values are decimals, no duplicate of another row or of a stored record, corrections name a record not yet corrected). One bad row and nothing is stored: 422 lists the first 100 problems with their data row (1 = first row after the header), column and reason (`message`, in English; a problem of a row also has its stable `code` and the `params` of its message, to say it in another language), and `totalErrors` counts them all. A 201 is sent only once the data is committed.
     *
     * Send an `Idempotency-Key` header to retry safely: the same key with the same body answers the original 201 again (header `Idempotent-Replayed: true`) and stores nothing; the same key with another body answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`.
     *
     * Only an active contract accepts data (409 otherwise).
     *
     * **Access:** operator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["submitResults"];
  };
  "/v1/contracts/{id}/results/export": {
    /**
     * Export aggregate results as CSV
     * @description Every matching record as CSV or XLSX (streamed), with status and review columns. `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["exportResults"];
  };
  "/v1/contracts/{id}/results/reviews": {
    /**
     * Validate or reject aggregate results
     * @description Marks records `validated` or `rejected` (a reason is required to reject), either the records listed in `ids` or, with `filter`, every current record not yet reviewed that matches it (filters: metric, cohort, period, submissionId, measuredFrom, measuredTo). Only validated records count towards payments. A review is final: to change a record, the operator submits a correction, which is reviewed in turn. Listed records that are already reviewed or superseded make the whole request fail (409).
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["reviewResults"];
  };
  "/v1/contracts/{id}/results/{recordId}": {
    /**
     * One result with its correction history
     * @description The record and its correction history: every record it supersedes or is superseded by, oldest first.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getResult"];
  };
  "/v1/contracts/{id}/submissions": {
    /**
     * List submissions (uploads), newest first
     * @description Each upload: who, when, how many rows and corrections, the contract version checked against and the digest of the bytes received.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listSubmissions"];
  };
  "/v1/contracts/{id}/templates/{file}": {
    /**
     * An upload template for this contract (CSV or XLSX)
     * @description The exact columns of a claims or results upload with one example row that this contract accepts as it is (its first outcome of the right level, first cohort or period, a date inside the term and the cohort window, a participant reference matching its pattern). The XLSX has a second sheet explaining each column with the contract's own outcome keys, cohorts, periods and allowed values, in English or French (`lang`). The CSV takes the export dialect options (`locale=fr-FR` gives `;`, a decimal comma and a BOM: upload it back with `?locale=fr-FR`). The terms in force are used, else the latest proposed version. 404 when the contract has no outcome of that level (claims: participant-level; results: aggregate). Any party may download it: it shows nothing beyond the contract terms every party reads.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getUploadTemplate"];
  };
  "/v1/contracts/{id}/disputes": {
    /**
     * A contract's disputes, newest first
     * @description Filter by `state` (`open`: awaiting an evaluator), `kind` and `recordId`; cursor pagination.
     *
     * **Access:** outcome payer, operator, evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listDisputes"];
    /**
     * Dispute an evaluator's rejection of a record
     * @description The operator that submitted a rejected record contests the rejection, with a reason and a reference to its evidence. While the dispute is open the record is listed as `disputed` and counts in no evaluation. A record is disputed once: after a dismissal, submit a correction (a new record, reviewed afresh). Refused with 409 for a record that is not rejected, is superseded, or was disputed already; with 403 for a record another organisation submitted; with 422 for a blank reason or evidence reference (the problem names the field). The outcome payers and evaluators are told (`dispute.opened`).
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** operator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["openDispute"];
  };
  "/v1/contracts/{id}/disputes/{disputeId}": {
    /**
     * One dispute with its thread
     * @description The dispute, and its thread oldest first: the rejection it contests, the dispute, its resolution; each step with its audit entry.
     *
     * **Access:** outcome payer, operator, evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getDispute"];
  };
  "/v1/contracts/{id}/disputes/{disputeId}/resolution": {
    /**
     * Uphold or dismiss a dispute
     * @description `upheld`: the record becomes validated and counts from the next evaluation on (earlier evaluations are unchanged and reproducible); `dismissed`: it stays rejected, for good. A reason is required either way. Only an open dispute is resolved (409 otherwise), once. The operators, outcome payers and evaluators are told (`dispute.resolved`).
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["resolveDispute"];
  };
  "/v1/contracts/{id}/evaluations": {
    /**
     * Evaluations of the contract, newest first
     * @description **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listEvaluations"];
    /**
     * Evaluate the contract now
     * @description Runs the payment engine on the validated, current data as known now, up to the cut-off date, under the terms in force, and stores the evaluation with the obligations it creates (only the difference from what earlier obligations already cover; downward changes become negative adjustments referencing what they correct). With the same terms, cut-off and data as an earlier evaluation, nothing is created and that evaluation is returned (`unchanged`). `dryRun: true` returns the full result and stores nothing; with `scenario` it forecasts from one of the definition's scenarios instead of the data.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** outcome payer. The platform administrator may also call it. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["evaluateContract"];
  };
  "/v1/contracts/{id}/evaluations/{evaluationId}": {
    /**
     * One evaluation with its explanation and obligations
     * @description **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getEvaluation"];
  };
  "/v1/contracts/{id}/obligations": {
    /**
     * Payment obligations of the contract, oldest first
     * @description Every obligation ever created (never changed afterwards).
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listObligations"];
  };
  "/v1/contracts/{id}/obligations/{obligationId}/statement": {
    /**
     * Payment statement of an obligation
     * @description How the obligation's amount is made, as of the evaluation that created it. Each line's chain: the scope's items (what is paid for, quantity, unit price after indexation, amount before caps, each cap's cut, amount), then the rule's own caps on the scope, the other payers' shares, the caps across lines on this line, rounding to the currency's minor unit and what earlier obligations on the line already cover — adding up exactly to the obligation. Amounts before rounding are exact decimals; entitled, previously obligated and the obligation are in the minor unit. No participant-level data. For an adjustment, the line's current entitlement chain and the earlier obligations it corrects. As CSV or XLSX: `…/statement/export`.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getObligationStatement"];
  };
  "/v1/contracts/{id}/obligations/{obligationId}/statement/export": {
    /**
     * Payment statement of an obligation as CSV or XLSX
     * @description The statement of `…/obligations/{obligationId}/statement`, a row per item, cap and step. Columns: evaluation_id, obligation_id, line_key, rule, scope, payer, kind (item, item_cap, rule_cap, payer_share, line_cap, rounding, previously_obligated), item, unit, quantity, unit_price, label, limit, amount, running_total, currency. An item row carries its gross, a cap row minus its cut: the amounts of a line's rows add up to its obligation, the last running_total is the obligation. Like every export: `?format=xlsx` for a workbook, `?locale=fr-FR` (or `separator`, `decimal`, `bom`) for the CSV dialect.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["exportObligationStatement"];
  };
  "/v1/contracts/{id}/evaluations/{evaluationId}/statement": {
    /**
     * Payment statement of an evaluation
     * @description The statement of every line of the evaluation, with the obligation it created on the line, if any. Each line's chain: the scope's items (what is paid for, quantity, unit price after indexation, amount before caps, each cap's cut, amount), then the rule's own caps on the scope, the other payers' shares, the caps across lines on this line, rounding to the currency's minor unit and what earlier obligations on the line already cover — adding up exactly to the obligation. Amounts before rounding are exact decimals; entitled, previously obligated and the obligation are in the minor unit. No participant-level data. As CSV or XLSX: `…/statement/export`.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getEvaluationStatement"];
  };
  "/v1/contracts/{id}/evaluations/{evaluationId}/statement/export": {
    /**
     * Payment statement of an evaluation as CSV or XLSX
     * @description The statement of `…/evaluations/{evaluationId}/statement`, every line, a row per item, cap and step. Columns: evaluation_id, obligation_id, line_key, rule, scope, payer, kind (item, item_cap, rule_cap, payer_share, line_cap, rounding, previously_obligated), item, unit, quantity, unit_price, label, limit, amount, running_total, currency. An item row carries its gross, a cap row minus its cut: the amounts of a line's rows add up to its obligation, the last running_total is the obligation. Like every export: `?format=xlsx` for a workbook, `?locale=fr-FR` (or `separator`, `decimal`, `bom`) for the CSV dialect.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["exportEvaluationStatement"];
  };
  "/v1/contracts/{id}/drawdowns": {
    /**
     * Drawdowns, oldest first
     * @description Investors see their own drawdowns only.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listDrawdowns"];
    /**
     * Record capital drawn from an investor
     * @description A drawdown (date, amount) against an investor, optionally against one of its tranches. Investors record their own; an intermediary records any investor's. The amount is in the contract currency and drawdowns may not exceed the investor's commitment.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** investor, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["recordDrawdown"];
  };
  "/v1/contracts/{id}/settlements": {
    /**
     * Settlements, oldest first
     * @description **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listSettlements"];
    /**
     * Record a payment settling an obligation
     * @description The payer of an obligation records what it paid (amount, date, reference); partial settlements are allowed. An over-settlement, another currency or a non-positive amount is refused (422). Two settlements racing on one obligation are serialised, so it can never be over-settled. Settlements of a contract are recorded in date order. Each settlement is distributed at once through the capital stack (senior before subordinate, pro rata within a class, up to each investor's return cap; the rest to the payer or the operator as the contract says) and every distribution line is stored.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     *
     * **Access:** outcome payer. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    post: operations["recordSettlement"];
  };
  "/v1/contracts/{id}/distributions": {
    /**
     * Distribution lines, oldest first
     * @description Investors see the lines paid to them and the surplus lines, not other investors'.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listDistributions"];
  };
  "/v1/contracts/{id}/obligations/export": {
    /**
     * Export obligations as CSV
     * @description Every record as CSV or XLSX (streamed), the same visibility as the JSON listing. Amounts carry the currency's minor unit (`1200.00`). `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook with amounts as numbers.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["exportObligations"];
  };
  "/v1/contracts/{id}/settlements/export": {
    /**
     * Export settlements as CSV
     * @description Every record as CSV or XLSX (streamed), the same visibility as the JSON listing. Amounts carry the currency's minor unit (`1200.00`). `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook with amounts as numbers.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["exportSettlements"];
  };
  "/v1/contracts/{id}/distributions/export": {
    /**
     * Export distribution lines as CSV
     * @description Every record as CSV or XLSX (streamed), the same visibility as the JSON listing. Amounts carry the currency's minor unit (`1200.00`). `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook with amounts as numbers.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["exportDistributions"];
  };
  "/v1/contracts/{id}/status": {
    /**
     * Repayment status of a contract
     * @description Capital committed and drawn; outcomes achieved against the scenarios, per metric and cohort or period; obligations triggered, settled, outstanding and overdue (settlements and downward adjustments applied first due, first paid); headroom under every cap (contract, payers, cohorts and periods, rules; participant and outcome caps are applied in each evaluation and shown in its explanation); for each investor: repaid to date, money multiple, IRR to date (XIRR over dated drawdowns and repayments), return-cap headroom and projections under each scenario; the latest and the next scheduled evaluation. Investors see their own line only.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["getContractStatus"];
  };
  "/v1/portfolio": {
    /**
     * An investor's contracts side by side
     * @description Every contract where your organisation is an investor (terms in force), with its figures and totals per currency.
     *
     * **Access:** any key (empty for organisations that invest in nothing).
     */
    get: operations["getPortfolio"];
  };
  "/v1/liabilities": {
    /**
     * A payer's triggered-but-unpaid amounts and maximum remaining exposure
     * @description Every contract where your organisation is an outcome payer (terms in force), with totals per currency.
     *
     * **Access:** any key (empty for organisations that pay for nothing).
     */
    get: operations["getLiabilities"];
  };
  "/v1/contracts/{id}/export/indigo": {
    /**
     * The contract as INDIGO impact-bond data standard records (project and organisations)
     * @description The contract in the Government Outcomes Lab's INDIGO data standard, release 4.1.0: the project record (organisations and their roles, outcome metrics and pricings, investments, transactions — drawdowns, outcome payments, repayments —, results, and outcome payments planned (obligations) and actual (settlements)) and the organisation record of every organisation it names, ready for a public agency to publish. Both validate against the standard's schemas and codelists. Organisations are named by the identifier they declared when registered (org-id.guide form, e.g. `GB-COH-09506232`), else by the local identifier `XI-OUTCOMELEDGER-<organisation id>`. The signature dates are when the last required party approved the first version of the terms. Amounts are JSON numbers, as the standard has them; the exact decimal figures are in the rest of this API.
     *
     * **Access:** outcome payer, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["exportIndigoProject"];
  };
  "/v1/contracts/import/indigo": {
    /**
     * Draft a contract from an INDIGO project record
     * @description Maps an INDIGO project record (standard release 4.1.0; refused with 422 naming every problem if it does not validate against the standard) to the draft of a contract: parties and their roles, payers' commitments, investors' commitments and IRR caps, outcome metrics, prices per unit as a rate card and their caps, term, currency, policy area, jurisdiction, sources. Terms the standard cannot carry (reference, cohorts, periods, pricing rules beyond a price per unit, units and directions of metrics, seniority, indexation, evaluation schedule, distribution…) are listed in `missing`, with anything else the record lacks. Send them in `complete` (and organisation ids in `parties`) to register the draft: when the resulting definition is valid and every party is bound, the draft is registered as with `POST /v1/contracts` (201, `stored: true`); otherwise nothing is stored and the answer is 200 with `stored: false`, the draft and what is missing.
     *
     * **Access:** an organisation that is an outcome payer of the draft (to register it); any organisation to read the mapping.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["importIndigoProject"];
  };
  "/v1/contracts/{id}/audit": {
    /**
     * The contract's audit trail, oldest first
     * @description Every write concerning the contract — versions, approvals, data, reviews, evaluations, obligations, drawdowns, settlements, distributions — with who (organisation, key), what, which entity, the digest of its new state, when and the request id. Entries form a hash chain: each entry hash covers the previous one.
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["listAuditEntries"];
  };
  "/v1/contracts/{id}/audit/verify": {
    /**
     * Verify the contract's audit trail
     * @description Recomputes the hash chain and names the first broken link (`links`); re-reads every entity the chain speaks of (the contract, its versions and their party bindings, approvals, data submissions, review batches, evaluations, obligations, drawdowns, settlements, distributions) and checks its rows against the state digest of the latest entry about it (`states`: mismatches in entry order; entries from before states were recorded this way count as `unverifiable`); with `deep=true`, re-reads each evaluation's data at its ledger sequence number and checks its digest (`evaluations`). With `receipt` — the `Audit-Receipt` header of an earlier write, `<contract id>:<seq>:<entryHash>`, or `<seq>:<entryHash>` — also proves that write is still recorded: `receipt.inChain` is true only when entry `seq` of this chain carries exactly that hash and the chain links from it up to its head. A chain cut short still links, but the receipts of its removed entries are no longer in it: keep receipts to detect that. `ok` is false when anything fails (a receipt not in the chain included); `firstProblem` names the first discrepancy in a sentence (null when `ok`).
     *
     * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
     */
    get: operations["verifyAuditTrail"];
  };
  "/v1/webhook-endpoints": {
    /**
     * Your organisation's webhook endpoints (without their secrets)
     * @description Enabled and disabled, oldest first.
     *
     * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
     */
    get: operations["listWebhookEndpoints"];
    /**
     * Register a webhook endpoint
     * @description Your organisation receives the chosen events (see `webhooks` in this document) about the contracts it is party to, as the API would show them to it: a POST of the event as JSON, signed Standard Webhooks style with the `secret` of the answer — shown only in this answer. Retried with back-off for a day until a 2xx answer.
     *
     * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["registerWebhookEndpoint"];
  };
  "/v1/webhook-endpoints/{endpointId}": {
    /**
     * Disable a webhook endpoint
     * @description Nothing more is delivered to it, from now on; its delivery log stays readable. Disabling it again changes nothing.
     *
     * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    delete: operations["disableWebhookEndpoint"];
  };
  "/v1/webhook-endpoints/{endpointId}/deliveries": {
    /**
     * An endpoint's delivery log, newest first
     * @description One delivery per event sent to the endpoint: its state, attempts, the last answer or error and when it is tried next.
     *
     * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
     */
    get: operations["listWebhookDeliveries"];
  };
  "/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redelivery": {
    /**
     * Deliver an event again
     * @description Schedules the delivery now, whatever its state (failed after a day of retries, or delivered and lost on your side), with a new day of retries. The event keeps its id (`webhook-id`).
     *
     * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
     *
     * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
     */
    post: operations["redeliverWebhook"];
  };
  "/openapi.json": {
    /**
     * This API, described in OpenAPI 3.1
     * @description Generated once from the route definitions; every route, request and response schema. No authentication.
     */
    get: operations["getOpenApiDocument"];
  };
  "/docs": {
    /**
     * Interactive API reference (Scalar)
     * @description An HTML page rendering /openapi.json with the Scalar API reference, served by this service (nothing is loaded from another origin), and underneath it every operation as a plain list for readers without JavaScript. No authentication.
     */
    get: operations["getApiReference"];
  };
  "/docs/assets/{file}": {
    /**
     * A file of the API reference page (the Scalar script)
     * @description The script /docs loads, named by its version (`scalar-1.76.0.js`): cached for a year, gzip-compressed when the client accepts it. Any other name is 404. No authentication.
     */
    get: operations["getApiReferenceAsset"];
  };
}

export interface webhooks {
  "contract.version_proposed": {
    /**
     * A version of a contract (original or amendment) awaits your approval
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`contract.approve`), and only to those whose approval the version needs. Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["contractVersionProposedWebhook"];
  };
  "contract.version_in_force": {
    /**
     * A version came into force (every required party approved it)
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`contract.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["contractVersionInForceWebhook"];
  };
  "data.submitted": {
    /**
     * The operator submitted outcome data (counts only)
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`measurement.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["dataSubmittedWebhook"];
  };
  "data.reviewed": {
    /**
     * An evaluator validated or rejected outcome records (counts only)
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`measurement.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["dataReviewedWebhook"];
  };
  "evaluation.completed": {
    /**
     * An evaluation was stored (manual or scheduled)
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`evaluation.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["evaluationCompletedWebhook"];
  };
  "obligation.created": {
    /**
     * An evaluation created a payment obligation or an adjustment
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`evaluation.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["obligationCreatedWebhook"];
  };
  "obligation.overdue": {
    /**
     * An obligation passed its due date with something still unpaid (once per obligation)
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`status.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["obligationOverdueWebhook"];
  };
  "settlement.recorded": {
    /**
     * The payer recorded a settlement of an obligation
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`status.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["settlementRecordedWebhook"];
  };
  "audit.verification_failed": {
    /**
     * A verification of a contract's audit trail found a problem
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`audit.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["auditVerificationFailedWebhook"];
  };
  "dispute.opened": {
    /**
     * The operator disputed an evaluator's rejection of a record (sent to the outcome payers and evaluators)
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`dispute.read`), and only to the outcome payers, evaluators and validators (the operator opened it). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["disputeOpenedWebhook"];
  };
  "dispute.resolved": {
    /**
     * An evaluator upheld (the record is now validated) or dismissed a dispute
     * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`dispute.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
     */
    post: operations["disputeResolvedWebhook"];
  };
}

export interface components {
  schemas: {
    ContractVersionProposedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "contract.version_proposed";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        reference: string;
        /** Format: uuid */
        versionId: string;
        versionNumber: number;
        /** @enum {string} */
        kind: "original" | "amendment";
        /** @description Approve this hash: `POST /v1/contracts/{id}/approvals` */
        contentHash: string;
        /** Format: uuid */
        proposedBy: string;
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    ContractVersionInForceEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "contract.version_in_force";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        reference: string;
        /** Format: uuid */
        versionId: string;
        versionNumber: number;
        contentHash: string;
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    DataSubmittedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "data.submitted";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        /** Format: uuid */
        submissionId: string;
        /** @enum {string} */
        kind: "participant_claims" | "aggregate_results";
        rows: number;
        corrections: number;
        contractVersion: number;
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    DataReviewedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "data.reviewed";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        /** Format: uuid */
        batchId: string;
        /** @enum {string} */
        kind: "participant_claims" | "aggregate_results";
        /** @enum {string} */
        decision: "validated" | "rejected";
        records: number;
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    EvaluationCompletedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "evaluation.completed";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        /** Format: uuid */
        evaluationId: string;
        /** @enum {string} */
        trigger: "manual" | "scheduled";
        /** Format: date */
        asOf: string;
        /** @description How many obligations it created (each also sent as `obligation.created`) */
        obligations: number;
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    ObligationCreatedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "obligation.created";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        /** Format: uuid */
        obligationId: string;
        /** Format: uuid */
        evaluationId: string;
        /** @enum {string} */
        kind: "payment" | "adjustment";
        /**
         * @description Exact decimal in the currency's minor unit
         * @example 2600.00
         */
        amount: string;
        currency: string;
        /** Format: date */
        dueOn: string;
        payer: components["schemas"]["WebhookPartyRef"];
        recipient: components["schemas"]["WebhookPartyRef"];
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    WebhookPartyRef: {
      party: string;
      /** Format: uuid */
      organisationId: string;
    };
    ObligationOverdueEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "obligation.overdue";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        /** Format: uuid */
        obligationId: string;
        /**
         * @description Exact decimal in the currency's minor unit
         * @example 2600.00
         */
        amount: string;
        /**
         * @description What remained unpaid when it was noticed
         * @example 2600.00
         */
        outstanding: string;
        currency: string;
        /** Format: date */
        dueOn: string;
        payer: components["schemas"]["WebhookPartyRef"];
        recipient: components["schemas"]["WebhookPartyRef"];
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    SettlementRecordedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "settlement.recorded";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        /** Format: uuid */
        settlementId: string;
        /** Format: uuid */
        obligationId: string;
        /**
         * @description Exact decimal in the currency's minor unit
         * @example 2600.00
         */
        amount: string;
        currency: string;
        /** Format: date */
        settledOn: string;
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    AuditVerificationFailedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "audit.verification_failed";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        chain: string;
        /** Format: uuid */
        contractId: string | null;
        /** @description What is wrong first, as `GET …/audit/verify` says it */
        firstProblem: string;
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    DisputeOpenedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "dispute.opened";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        /** Format: uuid */
        disputeId: string;
        /** @enum {string} */
        kind: "participant_claims" | "aggregate_results";
        /**
         * Format: uuid
         * @description The rejected record disputed
         */
        recordId: string;
        /** @description The operator's reference to its evidence */
        evidenceRef: string;
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    DisputeResolvedEvent: {
      /**
       * Format: uuid
       * @description The event id, also sent as `webhook-id` (the same on every retry: dedupe by it)
       */
      id: string;
      /** @enum {string} */
      type: "dispute.resolved";
      /**
       * Format: date-time
       * @description When it happened
       */
      timestamp: string;
      /** Format: uuid */
      contractId: string | null;
      data: {
        /** Format: uuid */
        contractId: string;
        /** Format: uuid */
        disputeId: string;
        /** @enum {string} */
        kind: "participant_claims" | "aggregate_results";
        /** Format: uuid */
        recordId: string;
        /**
         * @description `upheld`: the record is validated and counts from the next evaluation; `dismissed`: it stays rejected
         * @enum {string}
         */
        decision: "upheld" | "dismissed";
      };
      /** @description API paths (relative to the service) of the resources concerned */
      links: {
        [key: string]: string;
      };
    };
    ClaimUpload: {
      claims: components["schemas"]["ClaimInput"][];
    };
    ClaimInput: {
      /**
       * @description Pseudonymous participant code (see the pseudonymity rule)
       * @example P-000123
       */
      participantRef: string;
      /**
       * @description Key of a participant-level metric
       * @example entry_to_accommodation
       */
      outcome: string;
      cohort: string;
      /** @description A calendar date, YYYY-MM-DD */
      achievedOn: string;
      /** @description Sustainment outcomes: start of the period held */
      heldFrom?: string;
      evidence?: string[];
      /**
       * @description Units of the outcome (days, sessions, weeks… in the metric's unit): a positive number with at most 6 decimals; default 1. Paid price × quantity.
       * @example 30
       */
      quantity?: string | number;
      /**
       * Format: uuid
       * @description Id of the claim this one corrects
       */
      supersedes?: string;
    };
    ResultUpload: {
      results: components["schemas"]["ResultInput"][];
    };
    ResultInput: {
      metric: string;
      cohort?: string;
      period?: string;
      /** @description A calendar date, YYYY-MM-DD */
      measuredOn: string;
      treatmentValue: string;
      /** @description Comparison group or target value */
      comparisonValue?: string;
      treatmentSampleSize?: number;
      comparisonSampleSize?: number;
      methodology: string;
      methodologyVersion: string;
      measuredBy: string;
      /**
       * Format: uuid
       * @description Id of the result this one corrects
       */
      supersedes?: string;
    };
    Health: {
      /** @enum {string} */
      status: "ok";
      version: string;
    };
    /** @description An RFC 9457 problem details object. `code` is stable; branch on it. */
    Problem: {
      /** @example urn:outcome-ledger:problem:validation_failed */
      type: string;
      title: string;
      status: number;
      detail: string;
      /** @enum {string} */
      code: "invalid_request" | "malformed_body" | "unauthenticated" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "stale_version" | "invalid_state" | "idempotency_key_reused" | "payload_too_large" | "unsupported_media_type" | "validation_failed" | "rate_limited" | "internal_error" | "database_unavailable";
      /** @description The request path */
      instance: string;
      requestId: string;
      errors?: components["schemas"]["FieldProblem"][];
      /** @description How many problems were found in all, when `errors` lists only the first ones */
      totalErrors?: number;
    };
    FieldProblem: {
      /** @enum {string} */
      location: "body" | "query" | "path" | "header" | "csv";
      /** @example pricing[0].metric */
      path: string;
      message: string;
      /** @description 1-based data row of an uploaded file */
      row?: number;
      column?: string;
      /**
       * @description For a row of an upload: the problem's stable code (e.g. `unknown_cohort`), to say it in another language; `message` is its English text
       * @example unknown_cohort
       */
      code?: string;
      /** @description The values the message was written with, by placeholder name (e.g. `{"value": "cohort_9"}`) */
      params?: {
        [key: string]: string;
      };
    };
    Readiness: {
      /** @enum {string} */
      status: "ready";
      /** @enum {string} */
      database: "pglite" | "postgres";
      migrations: {
        applied: number;
        pending: string[];
      };
    };
    Organisation: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @enum {string} */
      kind: "public_authority" | "investor" | "operator" | "evaluator" | "validator" | "intermediary" | "platform";
      /** @description The identifier the organisation declared at registration (org-id.guide form, e.g. GB-COH-09506232), if any */
      identifier: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    CreateOrganisation: {
      name: string;
      /**
       * @description What the organisation is. Its role in each contract is set by that contract, and one organisation may hold several.
       * @enum {string}
       */
      kind: "public_authority" | "investor" | "operator" | "evaluator" | "validator" | "intermediary";
      /**
       * @description The identifier the organisation declares from a registered list, in org-id.guide form (list code, then the identifier: `GB-COH-09506232` for a UK company, `FR-SIREN-123456789`, `GB-CHC-1234567` for a charity). Set once, at registration; open-data exports (INDIGO) name the organisation by it. Unique.
       * @example GB-COH-09506232
       */
      identifier?: string;
    };
    OrganisationPage: {
      items: components["schemas"]["Organisation"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    CreatedApiKey: components["schemas"]["ApiKey"] & ({
      /** @description The key itself. Shown this once: only its hash is stored (null in the replayed answer to a retried request: the key is not kept). */
      key: string | null;
    });
    ApiKey: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      organisationId: string;
      /** @description The first characters of the key, to recognise it */
      prefix: string;
      label: string | null;
      /**
       * @description `admin` keys also issue and revoke the organisation's keys; `member` keys do everything else the organisation may do
       * @enum {string}
       */
      scope: "admin" | "member";
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      revokedAt: string | null;
      /**
       * Format: date-time
       * @description When the key was last used, to the minute (recorded at most once a minute per key and instance); null if never
       */
      lastUsedAt: string | null;
    };
    CreateApiKey: {
      label?: string;
      /**
       * @description `admin`: may also issue and revoke this organisation's keys. Default `member`.
       * @default member
       * @enum {string}
       */
      scope?: "admin" | "member";
    };
    ApiKeyList: {
      items: components["schemas"]["ApiKey"][];
    };
    Me: {
      organisation: components["schemas"]["Organisation"];
      /**
       * Format: uuid
       * @description The calling key; null for a person signed in (session cookie)
       */
      keyId: string | null;
      isAdmin: boolean;
      /**
       * @description The key's scope; for a person, the scope their organisation role acts with (`admin` or `member`)
       * @enum {string}
       */
      scope: "admin" | "member";
      /** @description The person signed in (session cookie); null for a key */
      member: ({
        /** Format: uuid */
        id: string;
        name: string;
        email: string;
        /** @enum {string} */
        role: "admin" | "member";
      }) | null;
    };
    CreatedInvitation: components["schemas"]["Invitation"] & ({
      /** @description The one-time link to send to the person. Shown this once (null in the replayed answer to a retried request): only the hash of its token is stored. */
      link: string | null;
      /**
       * @description `emailed`: sent through SMTP_URL; `not_configured`: no SMTP server, pass the link on yourself; `failed`: the SMTP server refused it (pass the link on); `not_sent`: a replayed answer
       * @enum {string}
       */
      delivery: "emailed" | "not_configured" | "failed" | "not_sent";
    });
    Invitation: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      organisationId: string;
      /** @description The invitee's address; null only for the first platform administrator's invitation, printed at first start */
      email: string | null;
      name: string | null;
      /**
       * @description The person's role in their organisation: `admin` also invites members and sets the organisation's sign-in policy
       * @enum {string}
       */
      role: "admin" | "member";
      /**
       * @description The language the service writes to the person in: `en` or `fr`
       * @enum {string}
       */
      locale: "en" | "fr";
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      expiresAt: string;
      /** Format: date-time */
      acceptedAt: string | null;
    };
    InviteMember: {
      /**
       * Format: email
       * @example ada@example.org
       */
      email: string;
      name?: string;
      /**
       * @description The person's role in their organisation: `admin` also invites members and sets the organisation's sign-in policy
       * @default member
       * @enum {string}
       */
      role?: "admin" | "member";
      /**
       * @description The language of the invitation e-mail and of the person's account; default: the inviter's
       * @enum {string}
       */
      locale?: "en" | "fr";
    };
    MemberList: {
      /** @description Members first, then the people removed; each group in the order they joined */
      items: components["schemas"]["Member"][];
    };
    Member: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      organisationId: string;
      email: string;
      name: string;
      /**
       * @description The person's role in their organisation: `admin` also invites members and sets the organisation's sign-in policy
       * @enum {string}
       */
      role: "admin" | "member";
      /**
       * @description The language the service writes to the person in: `en` or `fr`
       * @enum {string}
       */
      locale: "en" | "fr";
      /** @description Whether sign-in asks this person for a TOTP code */
      totpEnabled: boolean;
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description When the organisation removed the person (they no longer sign in; what they did still names them); null while they are a member
       */
      removedAt: string | null;
    };
    RemovedMember: {
      member: components["schemas"]["Member"];
      /** @description The person's sessions that were still open, ended by the removal */
      sessionsEnded: number;
    };
    InvitationList: {
      items: components["schemas"]["Invitation"][];
    };
    OrganisationSecurity: {
      /** Format: uuid */
      organisationId: string;
      requireTotp: boolean;
      /** Format: date-time */
      changedAt: string | null;
    };
    OrganisationSecurityChange: {
      /** @description Whether every person of the organisation must sign in with a TOTP code */
      requireTotp: boolean;
    };
    AcceptInvitation: {
      /** @description The token of the invitation link */
      token: string;
      name: string;
      /** @description At least 12 characters */
      password: string;
      /**
       * Format: email
       * @description Only for an invitation that names no address (the first platform administrator's): the address to sign in with
       * @example ada@example.org
       */
      email?: string;
      /**
       * @description The language the service writes to the person in: `en` or `fr`
       * @enum {string}
       */
      locale?: "en" | "fr";
    };
    Session: {
      /**
       * @description `full`: signed in; `second_factor`: send the TOTP code (POST /v1/session/second-factor); `enrol_totp`: the organisation requires TOTP, set it up (POST /v1/account/totp) — nothing else is open until then
       * @enum {string}
       */
      stage: "full" | "second_factor" | "enrol_totp";
      member: components["schemas"]["Member"];
      organisation: {
        /** Format: uuid */
        id: string;
        name: string;
        kind: string;
      };
      /** @description Send it in the X-CSRF-Token header (or the `_csrf` form field) of every change made with this session */
      csrfToken: string;
      /**
       * Format: date-time
       * @description The absolute end of the session; it also ends after SESSION_IDLE_TIMEOUT_MINUTES without use
       */
      expiresAt: string;
      idleTimeoutMinutes: number;
    };
    SignIn: {
      email: string;
      password: string;
      /**
       * @description The TOTP code, for a person with TOTP who gives it at once (else the answer asks for it)
       * @example 123456
       */
      code?: string;
    };
    TotpCode: {
      /**
       * @description The current six-digit code of the authenticator app
       * @example 123456
       */
      code: string;
    };
    SignedOut: {
      sessionsEnded: number;
    };
    TotpEnrolment: {
      /** @description The base32 secret to type into an authenticator app (null in a replayed answer) */
      secret: string | null;
      /** @description The otpauth:// URI, for a QR code (null in a replayed answer) */
      uri: string | null;
    };
    ChangePassword: {
      currentPassword: string;
      /** @description At least 12 characters */
      newPassword: string;
    };
    SetLocale: {
      /**
       * @description The language the service writes to the person in: `en` or `fr`
       * @enum {string}
       */
      locale: "en" | "fr";
    };
    Contract: components["schemas"]["ContractSummary"] & {
      definition: components["schemas"]["ContractDefinition"];
      parties: components["schemas"]["PartyBindings"];
    };
    /** @description The version in force (null while a draft) */
    ContractVersionSummary: ({
      number: number;
      /** @enum {string} */
      kind: "original" | "amendment";
      /** @enum {string} */
      status: "proposed" | "in_force" | "superseded" | "withdrawn";
      /** @description sha256 of the canonical JSON of {definition, parties}: what parties approve */
      contentHash: string;
      description: string | null;
      reason: string | null;
      effectiveFrom: string | null;
      /** Format: uuid */
      proposedBy: string;
      /** Format: date-time */
      proposedAt: string;
      /** Format: date-time */
      inForceAt: string | null;
      approvals: {
        /** @description Organisations that must approve (payers, investors, operators) */
        required: string[];
        given: components["schemas"]["Approval"][];
        missing: string[];
      };
    }) | null;
    Approval: {
      /** Format: uuid */
      organisationId: string;
      contentHash: string;
      /** Format: date-time */
      approvedAt: string;
      approvedByPerson: components["schemas"]["PersonRef"];
    };
    /** @description The person (a member of the organisation, signed in) who did it; null when an API key did */
    PersonRef: {
      /** Format: uuid */
      id: string;
      name: string;
    } | null;
    /** @description The terms of an outcomes contract, as registered and approved by its parties */
    ContractDefinition: {
      reference: string;
      title: string;
      /** @enum {string} */
      policyArea: "criminal_justice" | "employment_and_training" | "homelessness" | "education" | "child_and_family_welfare" | "health" | "agriculture_and_environment" | "poverty_reduction" | "other";
      jurisdiction: string;
      /** @description ISO 4217 currency code */
      currency: string;
      /** @description Contract start and end dates */
      term: {
        /** @description A calendar date, YYYY-MM-DD */
        start: string;
        /** @description A calendar date, YYYY-MM-DD */
        end: string;
      };
      parties: components["schemas"]["ContractParty"][];
      payers: components["schemas"]["PayerTerms"][];
      /** @default [] */
      investors?: components["schemas"]["InvestorTerms"][];
      /** @description Cap on all outcome payments under the contract */
      maximumOutcomePayment?: string;
      cohorts: components["schemas"]["Cohort"][];
      /** @default [] */
      periods?: components["schemas"]["Period"][];
      metrics: components["schemas"]["Metric"][];
      data?: components["schemas"]["OutcomeDataRules"];
      pricing: components["schemas"]["PricingRule"][];
      indexation?: components["schemas"]["Indexation"];
      /**
       * @default {
       *   "surplus": "payer"
       * }
       */
      distribution?: {
        /**
         * @description What happens to outcome payments above the investors' return caps: payer = never paid (the obligation is capped); operator = paid to the operator as a performance bonus
         * @default payer
         * @enum {string}
         */
        surplus?: "payer" | "operator";
        /** @description A stable identifier within the contract, e.g. `cohort_1` */
        operatorParty?: string;
        /** @description Party that receives outcome payments (holds the outcomes contract). Default: the first intermediary, else the first operator. */
        paymentRecipient?: string;
      };
      /** @default [] */
      scenarios?: components["schemas"]["Scenario"][];
      evaluation: components["schemas"]["EvaluationSchedule"];
      /** @description Where the terms come from */
      source?: {
        notes: string;
        /** @default [] */
        urls?: string[];
      };
      /**
       * @description Every term that is assumed or illustrative rather than taken from the signed contract
       * @default []
       */
      assumptions?: string[];
      publication?: components["schemas"]["Publication"];
    };
    /** @description An organisation taking part, by its key in this contract. One party may hold several roles. */
    ContractParty: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name: string;
      roles: components["schemas"]["PartyRole"][];
    };
    /** @enum {string} */
    PartyRole: "outcome_payer" | "investor" | "operator" | "evaluator" | "validator" | "intermediary";
    PayerTerms: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      party: string;
      /** @description The most this payer will ever pay under the contract (a cap) */
      maximumCommitment: string;
    };
    InvestorTerms: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      party: string;
      /** @description Capital committed */
      commitment: string;
      /**
       * @description senior is repaid before subordinate; grants are not repaid; guarantees pay out only on a shortfall
       * @enum {string}
       */
      seniority: "senior" | "subordinate" | "grant" | "guarantee";
      /** @default [] */
      tranches?: components["schemas"]["Tranche"][];
      returnCap?: components["schemas"]["ReturnCap"];
    };
    Tranche: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      /** @description An amount greater than zero, as a decimal string */
      amount: string;
      /** @description A calendar date, YYYY-MM-DD */
      plannedDate: string;
    };
    ReturnCap: OneOf<[{
      /** @enum {string} */
      kind: "irr";
      /** @description Maximum internal rate of return, e.g. "0.15" for 15% a year */
      annualRate: string;
    }, {
      /** @enum {string} */
      kind: "multiple";
      /** @description Maximum money multiple (total received / total drawn), e.g. "1.5" */
      multiple: string;
    }]>;
    Cohort: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name: string;
      /** @description Window in which participants join this cohort */
      enrolment: {
        /** @description A calendar date, YYYY-MM-DD */
        start: string;
        /** @description A calendar date, YYYY-MM-DD */
        end: string;
      };
      /** @description How long outcomes are observed after the intervention */
      followUpMonths: number;
      /** @description How long official data takes to record the outcome */
      recordingLagMonths: number;
      expectedParticipants?: number;
      /** @description Cap on all payments attributed to this cohort */
      maxPayment?: string;
    };
    /** @description A measurement period (e.g. a contract year) for period-based rules and caps */
    Period: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name: string;
      /** @description A calendar date, YYYY-MM-DD */
      start: string;
      /** @description A calendar date, YYYY-MM-DD */
      end: string;
      /** @description Cap on all payments attributed to this period */
      maxPayment?: string;
    };
    /** @description An outcome metric: what is measured, how, and which way is better */
    Metric: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name: string;
      description?: string;
      unit: string;
      /**
       * @description Which way is better
       * @enum {string}
       */
      direction: "increase" | "decrease";
      /**
       * @description participant: one claim per participant and outcome (rate cards); aggregate: one result per cohort or period
       * @enum {string}
       */
      level: "participant" | "aggregate";
      /** @enum {string} */
      validationMethod: "administrative_data" | "verified_evidence" | "randomised_controlled_trial" | "quasi_experimental" | "historical_baseline" | "validated_survey" | "self_reported";
      /** @default [] */
      evidenceRequired?: string[];
      /** @description For rates: the number of participants a value refers to (e.g. "100" for events per 100). Default 1. */
      scale?: string;
      /**
       * @description For aggregate metrics: how the results of one scope (a cohort or a period) combine. replace (default): a later result is a re-estimate of the same measure and replaces the earlier ones (the latest measuredOn is used, ties to the greatest id). accumulate: each measurement date is a successive period (e.g. the savings of each year) and pays on its own; the scope pays the sum over its measurement dates. In both modes a correction supersedes the record it corrects, and results of the same scope measured on the same date replace each other (ties to the greatest id). Savings-share, tiered and linear rules may use an accumulating metric; counterfactual thresholds and weighted composites compare one result per scope and may not. Participant-level metrics: replace only (each claim is paid on its own anyway).
       * @default replace
       * @enum {string}
       */
      results?: "replace" | "accumulate";
    };
    /** @description Rules that the outcome data uploaded under this contract must follow */
    OutcomeDataRules: {
      /** @description A regular expression (JavaScript syntax, Unicode mode) that every participant reference uploaded under this contract must match as a whole: it is anchored at both ends, so "P[0-9]{6}" and "^P[0-9]{6}$" mean the same. It narrows the platform's own rules (no e-mail addresses, phone numbers, IBANs, NIRs, National Insurance numbers or names; at least one digit), never loosens them. Checked at registration: it must compile, and, since it runs on every row, may not use backreferences or lookaround, nor repeat a group that itself contains a repetition or an alternation. */
      participantReferencePattern?: string;
      /** @description The locale of the spreadsheets the operator uploads (a BCP 47 tag such as "fr-FR"): decimal commas, thousands separators and day/month/year dates are read as in it when an upload does not say `?locale=`. ISO dates and plain decimals are always accepted. */
      spreadsheetLocale?: string;
    };
    PricingRule: components["schemas"]["RateCardRule"] | components["schemas"]["CounterfactualThresholdRule"] | components["schemas"]["TieredRule"] | components["schemas"]["LinearRule"] | components["schemas"]["VolumeBandedRule"] | components["schemas"]["SavingsShareRule"] | components["schemas"]["WeightedCompositeRule"];
    /** @description A price per outcome per participant, with claim limits, prerequisites, sustainment clocks and caps */
    RateCardRule: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name?: string;
      /** @description Who pays what share of this rule. Optional when the contract has a single outcome payer. */
      payers?: components["schemas"]["PayerShare"][];
      cap?: components["schemas"]["RuleCap"];
      /** @enum {string} */
      kind: "rate_card";
      outcomes: components["schemas"]["RateCardOutcome"][];
      /** @description Most paid for one participant under this rule */
      participantCap?: string;
      /** @description Cohorts this rule covers; all when omitted */
      cohorts?: string[];
    };
    PayerShare: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      party: string;
      /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
      share: string;
    };
    RuleCap: {
      /** @description Most this rule pays in all */
      total?: string;
      /** @description Most this rule pays per cohort or period */
      perScope?: string;
    };
    RateCardOutcome: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      metric: string;
      /** @description An amount greater than zero, as a decimal string */
      price: string;
      /**
       * @description Most claims (or units, see claimLimitCounts) of this outcome paid per participant, over the term or per claimLimitPer; null: no limit (the outcome pays every time it recurs). Default 1.
       * @default 1
       */
      maxClaimsPerParticipant?: number | null;
      /**
       * @description The limit applies over the whole term (default) or per calendar month, quarter or year of the achievement date
       * @default term
       * @enum {string}
       */
      claimLimitPer?: "term" | "month" | "quarter" | "year";
      /**
       * @description What the limit counts: claims (default) or units (the claims' quantities, e.g. days)
       * @default claims
       * @enum {string}
       */
      claimLimitCounts?: "claims" | "units";
      /**
       * @description Outcomes the participant must have achieved first (on or before)
       * @default []
       */
      requires?: string[];
      /**
       * @description Retroactive eligibility: claims of this outcome are held ("awaiting <metric>", not refused) until the participant has a claim of each awaited metric, at any date; they become payable at the first evaluation after the condition is met (e.g. days housed are paid once a one-year tenancy is reached)
       * @default []
       */
      awaits?: {
          /** @description A stable identifier within the contract, e.g. `cohort_1` */
          metric: string;
          /** @description Only claims achieved at most this many months before the condition are made payable by it (a look-back window) */
          withinMonths?: number;
        }[];
      sustainment?: components["schemas"]["Sustainment"];
      /** @description Most paid for this outcome across all participants */
      cap?: string;
    };
    /** @description A sustainment outcome pays only if the clock has run `months` without a reset: some clock start on or before the achievement date minus `months`, with no reset after it up to the achievement date. */
    Sustainment: {
      /** @description Metric whose claims start (and restart) the clock, e.g. entry to accommodation */
      clockStart: string;
      months: number;
      /**
       * @description Metrics whose claims stop the clock (e.g. accommodation ended)
       * @default []
       */
      resetBy?: string[];
    };
    /** @description Pays per cohort when it beats a comparison group by a threshold, with an optional pooled fallback */
    CounterfactualThresholdRule: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name?: string;
      /** @description Who pays what share of this rule. Optional when the contract has a single outcome payer. */
      payers?: components["schemas"]["PayerShare"][];
      cap?: components["schemas"]["RuleCap"];
      /** @enum {string} */
      kind: "counterfactual_threshold";
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      metric: string;
      cohorts: string[];
      /** @description Minimum relative improvement vs the comparison group for a cohort to pay, e.g. "0.10" */
      cohortThreshold: string;
      /** @description Price per unit improved (e.g. per reconviction event avoided) */
      pricePerUnit: string;
      /** @description Fallback once every pooled cohort has a result: if the pooled improvement (sample-size weighted) reaches the threshold, it pays units improved x price, less what this rule already paid. */
      pooled?: {
        /** @description Minimum pooled relative improvement, e.g. "0.075" */
        threshold: string;
        /** @description Cohorts pooled; the rule cohorts when omitted */
        cohorts?: string[];
      };
    };
    /** @description Fixed amounts at achievement bands */
    TieredRule: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name?: string;
      /** @description Who pays what share of this rule. Optional when the contract has a single outcome payer. */
      payers?: components["schemas"]["PayerShare"][];
      cap?: components["schemas"]["RuleCap"];
      /** @enum {string} */
      kind: "tiered";
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      metric: string;
      /** @enum {string} */
      scope: "cohort" | "period";
      /** @description Which cohorts or periods; all of them when omitted */
      scopes?: string[];
      measure: components["schemas"]["Measure"];
      /** @description In increasing order; the highest tier reached pays its amount (not the sum) */
      tiers: {
          /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
          atLeast: string;
          /** @description An amount greater than zero, as a decimal string */
          amount: string;
        }[];
    };
    /**
     * @description relative_improvement: (comparison - treatment) / comparison for decrease metrics, the reverse for increase; absolute_improvement: the difference in the better direction; units_improved: absolute_improvement x treatment sample size / metric scale; value: the treatment value; achievement: treatment value / target.
     * @enum {string}
     */
    Measure: "relative_improvement" | "absolute_improvement" | "units_improved" | "value" | "achievement";
    /** @description Nothing below a floor, then a price per unit of improvement */
    LinearRule: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name?: string;
      /** @description Who pays what share of this rule. Optional when the contract has a single outcome payer. */
      payers?: components["schemas"]["PayerShare"][];
      cap?: components["schemas"]["RuleCap"];
      /** @enum {string} */
      kind: "linear";
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      metric: string;
      /** @enum {string} */
      scope: "cohort" | "period";
      /** @description Which cohorts or periods; all of them when omitted */
      scopes?: string[];
      measure: components["schemas"]["Measure"];
      /** @description Nothing is paid below this */
      floor: string;
      /** @description An amount greater than zero, as a decimal string */
      pricePerUnit: string;
      /**
       * @description Size of one priced unit of the measure, e.g. "0.01" for a percentage point
       * @default 1
       */
      unitSize?: string;
      /**
       * @description floor: only the part above the floor is paid; zero: once above the floor, the whole measure is paid
       * @default floor
       * @enum {string}
       */
      paysFrom?: "floor" | "zero";
    };
    /** @description The unit price depends on how many outcomes were reached so far (in order of achievement); a band may pay nothing (a baseline) and may have a maximum amount */
    VolumeBandedRule: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name?: string;
      /** @description Who pays what share of this rule. Optional when the contract has a single outcome payer. */
      payers?: components["schemas"]["PayerShare"][];
      cap?: components["schemas"]["RuleCap"];
      /** @enum {string} */
      kind: "volume_banded";
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      metric: string;
      /** @default 1 */
      maxClaimsPerParticipant?: number;
      /** @description In order; `upTo` is the cumulative count where the band ends; the last band has no `upTo` */
      bands: {
          upTo?: number;
          /** @description Price of each outcome in this band (indexed); "0" for outcomes that pay nothing, e.g. a baseline band of the first N outcomes */
          price: string;
          /** @description Most this band pays in all, across the rule's cohorts: outcomes in the band are paid in achievement order until it is reached (the outcome crossing it is paid in part); the cut is explained as a cap effect of the band */
          maxAmount?: string;
        }[];
      cohorts?: string[];
    };
    /** @description A share of measured savings, higher until investors are repaid with interest, lower afterwards */
    SavingsShareRule: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name?: string;
      /** @description Who pays what share of this rule. Optional when the contract has a single outcome payer. */
      payers?: components["schemas"]["PayerShare"][];
      cap?: components["schemas"]["RuleCap"];
      /** @enum {string} */
      kind: "savings_share";
      /** @description An aggregate metric whose treatment value is the measured public saving */
      metric: string;
      /** @enum {string} */
      scope: "cohort" | "period";
      /** @description Which cohorts or periods; all of them when omitted */
      scopes?: string[];
      /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
      initialShare: string;
      /** @description When cumulative payments under this rule reach this, the share drops for good. principalPlusInterest: total investor commitment plus simple interest (actual/365) from the term start to the date each payment falls due (the due date of the obligation that first pays it: its evaluation cut-off + evaluation.paymentTermsDays). */
      threshold: {
        /** @description An amount greater than zero, as a decimal string */
        amount: string;
      } | {
        principalPlusInterest: {
          /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
          annualRate: string;
        };
      };
      /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
      subsequentShare: string;
    };
    /** @description Several metrics against targets, weighted into one achievement ratio */
    WeightedCompositeRule: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name?: string;
      /** @description Who pays what share of this rule. Optional when the contract has a single outcome payer. */
      payers?: components["schemas"]["PayerShare"][];
      cap?: components["schemas"]["RuleCap"];
      /** @enum {string} */
      kind: "weighted_composite";
      /** @enum {string} */
      scope: "cohort" | "period";
      /** @description Which cohorts or periods; all of them when omitted */
      scopes?: string[];
      components: {
          /** @description A stable identifier within the contract, e.g. `cohort_1` */
          metric: string;
          /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
          weight: string;
          /** @description Target value; the result's comparison value when omitted */
          target?: string;
          /** @description Cap on this component's achievement ratio, e.g. "2.0" */
          maxAchievement?: string;
        }[];
      /** @description Paid when the weighted achievement is exactly 100% */
      paymentAtFullAchievement: string;
      /** @description Weighted achievement below this pays nothing */
      minimumAchievement?: string;
    };
    /** @description Contracted price increases, applied to unit prices and tier amounts at the achievement date (aggregate results: the end of their cohort enrolment or period). annual_rate compounds on each full year since baseDate; schedule multiplies by the factor of the latest step in effect. Caps are not indexed. */
    Indexation: OneOf<[{
      /** @enum {string} */
      kind: "annual_rate";
      /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
      rate: string;
      /** @description Prices apply as written until the first anniversary of this date */
      baseDate: string;
    }, {
      /** @enum {string} */
      kind: "schedule";
      steps: {
          /** @description A calendar date, YYYY-MM-DD */
          effectiveFrom: string;
          /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
          factor: string;
        }[];
    }]>;
    /** @description Expected outcomes under one scenario, for forecasts (dry-run evaluations) */
    Scenario: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      key: string;
      name: string;
      description?: string;
      expectations: components["schemas"]["ScenarioExpectation"][];
    };
    ScenarioExpectation: {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      metric: string;
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      cohort: string;
      /** @description Participant-level outcomes expected */
      count: number;
      /** @description Over how many participants the outcomes are spread (round-robin); as many as outcomes when omitted */
      participants?: number;
    } | {
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      metric: string;
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      cohort?: string;
      /** @description A stable identifier within the contract, e.g. `cohort_1` */
      period?: string;
      /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
      treatmentValue: string;
      /** @description A decimal fraction or ratio as a string: "0.10" is 10% */
      comparisonValue?: string;
      treatmentSampleSize?: number;
      comparisonSampleSize?: number;
    };
    EvaluationSchedule: {
      /** @description Five-field cron expression */
      schedule: string;
      /** @description IANA time zone the cron expression is read in */
      timeZone: string;
      /**
       * @description Days from an evaluation cut-off to the due date of the obligations it creates
       * @default 30
       */
      paymentTermsDays?: number;
    };
    /** @description Whether and what the public sees of this contract. The public page shows the reference, the PUBLIC fields and the latest audit head hash; participant-level data is never published. */
    Publication: {
      /** @description Whether the contract has a public page (/public/contracts/{reference}) once these terms are in force */
      published: boolean;
      /**
       * @description Per field, PUBLIC or PRIVATE; a field not listed is PRIVATE
       * @default {}
       */
      disclosure?: {
        /**
         * @description The contract title
         * @enum {string}
         */
        title?: "PUBLIC" | "PRIVATE";
        /**
         * @description The parties' names and roles
         * @enum {string}
         */
        parties?: "PUBLIC" | "PRIVATE";
        /**
         * @description The term: start and end dates
         * @enum {string}
         */
        term?: "PUBLIC" | "PRIVATE";
        /**
         * @description The policy area and the jurisdiction
         * @enum {string}
         */
        policyArea?: "PUBLIC" | "PRIVATE";
        /**
         * @description The cohorts: names, enrolment windows, expected participants
         * @enum {string}
         */
        cohorts?: "PUBLIC" | "PRIVATE";
        /**
         * @description The outcome metrics: names, units, which way is better, how they are validated
         * @enum {string}
         */
        outcomeMetrics?: "PUBLIC" | "PRIVATE";
        /**
         * @description Thresholds, targets, tier levels and floors of the pricing rules
         * @enum {string}
         */
        targets?: "PUBLIC" | "PRIVATE";
        /**
         * @description Prices: rate cards, prices per unit, tier and band amounts, savings shares, payment at full achievement, indexation
         * @enum {string}
         */
        prices?: "PUBLIC" | "PRIVATE";
        /**
         * @description Every cap: maximum outcome payment, payers' maximum commitments, cohort, period, rule, outcome and participant caps
         * @enum {string}
         */
        caps?: "PUBLIC" | "PRIVATE";
        /**
         * @description Outcomes achieved (aggregates only: validated outcomes and participants counted per cohort, aggregate results)
         * @enum {string}
         */
        outcomesAchieved?: "PUBLIC" | "PRIVATE";
        /**
         * @description Outcome payments made (settled totals)
         * @enum {string}
         */
        paymentsMade?: "PUBLIC" | "PRIVATE";
        /**
         * @description Investors' commitments and capital drawn
         * @enum {string}
         */
        investments?: "PUBLIC" | "PRIVATE";
        /**
         * @description Investors' return caps and what they were repaid (money multiple, IRR)
         * @enum {string}
         */
        investorReturns?: "PUBLIC" | "PRIVATE";
      };
    };
    /**
     * @description Each party key of the definition mapped to the id of the organisation that is that party
     * @example {
     *   "moj": "019a4f0e-1c1a-7000-8000-000000000001"
     * }
     */
    PartyBindings: {
      [key: string]: string;
    };
    ContractSummary: {
      /** Format: uuid */
      id: string;
      reference: string;
      title: string;
      policyArea: string;
      currency: string;
      /** @enum {string} */
      status: "draft" | "active" | "terminated";
      yourRoles: string[];
      /** Format: uuid */
      registeredBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      activatedAt: string | null;
      termination: {
        terminatedOn: string;
        reason: string;
        /** Format: date-time */
        recordedAt: string;
      } | null;
      currentVersion: components["schemas"]["ContractVersionSummary"];
      pendingVersion: components["schemas"]["ContractVersionSummary"];
    };
    RegisterContract: {
      definition: components["schemas"]["ContractDefinition"];
      parties: components["schemas"]["PartyBindings"];
    };
    ContractPage: {
      items: components["schemas"]["ContractSummary"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    ContractVersionList: {
      items: components["schemas"]["ContractVersionSummary"][];
    };
    ContractVersion: components["schemas"]["ContractVersionSummary"] & {
      definition: components["schemas"]["ContractDefinition"];
      parties: components["schemas"]["PartyBindings"];
    };
    ApproveVersion: {
      /** @description The contentHash of the version you read and approve. A stale hash is refused with 409. */
      contentHash: string;
    };
    AmendContract: {
      definition: components["schemas"]["ContractDefinition"];
      parties?: components["schemas"]["PartyBindings"];
      /** @description What the variation changes */
      description: string;
      /** @description Why it was agreed */
      reason: string;
      /** @description A calendar date, YYYY-MM-DD */
      effectiveFrom?: string;
    };
    TerminateContract: {
      /** @description A calendar date, YYYY-MM-DD */
      terminatedOn: string;
      reason: string;
    };
    Submission: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      contractId: string;
      /** @enum {string} */
      kind: "participant_claims" | "aggregate_results";
      /** @description The version in force the rows were checked against */
      contractVersion: number;
      rows: number;
      /** @description Rows that supersede an earlier record */
      corrections: number;
      contentType: string;
      /** @description sha256 of the uploaded bytes */
      bodyDigest: string;
      idempotencyKey: string | null;
      /** Format: uuid */
      submittedBy: string;
      /** Format: date-time */
      submittedAt: string;
      submittedByPerson?: components["schemas"]["PersonRef"];
    };
    ClaimPage: {
      items: components["schemas"]["Claim"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    Claim: {
      /** Format: uuid */
      id: string;
      /**
       * @description `disputed`: rejected, and the operator disputes the rejection (counts in no evaluation until an evaluator upholds it: then `validated`)
       * @enum {string}
       */
      status: "submitted" | "validated" | "rejected" | "disputed";
      superseded: boolean;
      /** Format: uuid */
      supersedes: string | null;
      /** Format: uuid */
      supersededBy: string | null;
      review: ({
        /** @enum {string} */
        decision: "validated" | "rejected";
        reason: string | null;
        /** Format: uuid */
        reviewedBy: string;
        /** Format: date-time */
        reviewedAt: string;
        reviewedByPerson: components["schemas"]["PersonRef"];
      }) | null;
      /** @description The dispute of its rejection, if any (`GET …/disputes/{disputeId}`) */
      dispute: ({
        /** Format: uuid */
        id: string;
        /** @enum {string} */
        state: "open" | "upheld" | "dismissed";
      }) | null;
      /** Format: uuid */
      submissionId: string;
      rowNumber: number;
      contractVersion: number;
      /** Format: date-time */
      submittedAt: string;
      participantRef: string;
      outcome: string;
      cohort: string;
      achievedOn: string;
      heldFrom: string | null;
      evidence: string[];
      /** @description Units of the outcome (the metric's unit); 1 for a plain outcome */
      quantity: string;
    };
    ClaimSummary: {
      items: {
          outcome: string;
          cohort: string;
          submitted: number;
          validated: number;
          rejected: number;
          /** @description Rejected claims whose rejection the operator disputes (open disputes) */
          disputed: number;
          /** @description Distinct participants with a validated claim */
          participants: number;
        }[];
    };
    ReviewOutcome: {
      /** @enum {string} */
      decision: "validated" | "rejected";
      reviewed: number;
      /** Format: uuid */
      batchId: string;
    };
    ReviewRequest: {
      /** @enum {string} */
      decision: "validated" | "rejected";
      /** @description Required when rejecting */
      reason?: string;
      /** @description Review these records (one by one) */
      ids?: string[];
      /** @description Or review every current, not yet reviewed record matching these list filters (e.g. {"cohort":"cohort_1"}) */
      filter?: {
        [key: string]: string;
      };
    };
    ResultPage: {
      items: components["schemas"]["Result"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    Result: {
      /** Format: uuid */
      id: string;
      /**
       * @description `disputed`: rejected, and the operator disputes the rejection (counts in no evaluation until an evaluator upholds it: then `validated`)
       * @enum {string}
       */
      status: "submitted" | "validated" | "rejected" | "disputed";
      superseded: boolean;
      /** Format: uuid */
      supersedes: string | null;
      /** Format: uuid */
      supersededBy: string | null;
      review: ({
        /** @enum {string} */
        decision: "validated" | "rejected";
        reason: string | null;
        /** Format: uuid */
        reviewedBy: string;
        /** Format: date-time */
        reviewedAt: string;
        reviewedByPerson: components["schemas"]["PersonRef"];
      }) | null;
      /** @description The dispute of its rejection, if any (`GET …/disputes/{disputeId}`) */
      dispute: ({
        /** Format: uuid */
        id: string;
        /** @enum {string} */
        state: "open" | "upheld" | "dismissed";
      }) | null;
      /** Format: uuid */
      submissionId: string;
      rowNumber: number;
      contractVersion: number;
      /** Format: date-time */
      submittedAt: string;
      metric: string;
      cohort: string | null;
      period: string | null;
      measuredOn: string;
      treatmentValue: string;
      comparisonValue: string | null;
      treatmentSampleSize: number | null;
      comparisonSampleSize: number | null;
      methodology: string;
      methodologyVersion: string;
      measuredBy: string;
    };
    SubmissionPage: {
      items: components["schemas"]["Submission"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    Dispute: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      contractId: string;
      /**
       * @description What the record is: a participant claim or an aggregate result
       * @enum {string}
       */
      kind: "participant_claims" | "aggregate_results";
      /** Format: uuid */
      recordId: string;
      /** @description The claim's participant (null for an aggregate result) */
      participantRef: string | null;
      /** @enum {string} */
      state: "open" | "upheld" | "dismissed";
      reason: string;
      evidenceRef: string;
      openedBy: {
        /** Format: uuid */
        organisationId: string;
        /**
         * Format: uuid
         * @description The person, when a person signed in did it (null for an API key)
         */
        memberId: string | null;
      };
      /** Format: date-time */
      openedAt: string;
      /** @description null while the dispute is open */
      resolution: ({
        /** @enum {string} */
        decision: "upheld" | "dismissed";
        reason: string;
        resolvedBy: {
          /** Format: uuid */
          organisationId: string;
          /**
           * Format: uuid
           * @description The person, when a person signed in did it (null for an API key)
           */
          memberId: string | null;
        };
        /** Format: date-time */
        resolvedAt: string;
      }) | null;
    };
    OpenDisputeRequest: {
      /**
       * @description What the record is: a participant claim or an aggregate result
       * @enum {string}
       */
      kind: "participant_claims" | "aggregate_results";
      /**
       * Format: uuid
       * @description The rejected record: a claim or result id of this contract
       */
      recordId: string;
      /**
       * @description Why the rejection is wrong (required, not blank)
       * @example The payslip was uploaded late: see the employer letter.
       */
      reason: string;
      /**
       * @description A reference to the evidence, as your records name it (a document id, a file path, a URL you control; required, not blank)
       * @example employer-letter-2024-03-14
       */
      evidenceRef: string;
    };
    DisputePage: {
      items: components["schemas"]["Dispute"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    DisputeWithThread: {
      dispute: components["schemas"]["Dispute"];
      /** @description The rejection, the dispute and its resolution, oldest first */
      thread: components["schemas"]["DisputeThreadItem"][];
    };
    DisputeThreadItem: {
      /** @enum {string} */
      event: "rejected" | "disputed" | "upheld" | "dismissed";
      by: {
        /** Format: uuid */
        organisationId: string;
        /**
         * Format: uuid
         * @description The person, when a person signed in did it (null for an API key)
         */
        memberId: string | null;
      };
      /** Format: date-time */
      at: string;
      reason: string;
      /** @description The evidence reference (the dispute only) */
      evidenceRef: string | null;
      /** @description The audit entry of this step on the contract's chain (for the rejection, the entry of its review batch) */
      audit: {
        seq: number;
        action: string;
        entryHash: string;
      } | null;
    };
    ResolveDisputeRequest: {
      /**
       * @description `upheld`: the record becomes validated (and counts from the next evaluation); `dismissed`: it stays rejected
       * @enum {string}
       */
      decision: "upheld" | "dismissed";
      /** @description Why (required, not blank, either way) */
      reason: string;
    };
    EvaluationRun: {
      /** @enum {string} */
      status: "created" | "unchanged" | "dry_run";
      evaluation: components["schemas"]["Evaluation"];
      /** @description The full result of a dry run (nothing stored) */
      forecast: ({
        asOf: string;
        contractVersion: number;
        scenario: string | null;
        dataDigest: string | null;
        result: {
          [key: string]: unknown;
        };
      }) | null;
    };
    /** @description The stored evaluation (null for a dry run) */
    Evaluation: components["schemas"]["EvaluationSummary"] & ({
      /** @description The engine result: per rule, per cohort or period (and per participant where relevant) the inputs, tests, price, gross, every cap and what it cut, and net; the lines with their cumulative entitlement. Participant-level detail is removed for investors. */
      explanation: {
        [key: string]: unknown;
      };
      obligations: components["schemas"]["Obligation"][];
    } | null);
    Obligation: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      evaluationId: string;
      /** @description `rule:scope:payer`: obligations on one line add up to its entitlement */
      lineKey: string;
      ruleKey: string;
      scope: string;
      payer: {
        party: string;
        /** Format: uuid */
        organisationId: string;
      };
      recipient: {
        party: string;
        /** Format: uuid */
        organisationId: string;
      };
      /** @description Signed decimal string in the minor unit of the currency; negative for a downward adjustment */
      amount: string;
      currency: string;
      dueOn: string;
      /** @enum {string} */
      kind: "payment" | "adjustment";
      /** @description Earlier obligations on the same line that an adjustment corrects */
      corrects: string[];
      /** Format: date-time */
      createdAt: string;
    };
    EvaluationSummary: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      trigger: "scheduled" | "manual";
      /** Format: date-time */
      scheduledFor: string | null;
      asOf: string;
      /**
       * Format: date-time
       * @description When the evaluation read the data
       */
      knownAt: string;
      /** @description The data considered is every record submitted, validated and not superseded before this number of the ledger sequence: re-reading with it gives the same data and digest */
      ledgerSequence: string;
      contractVersion: number;
      /** @description sha256 over exactly the data considered (terms hash, cut-off, records, prior obligations, drawdowns) */
      dataDigest: string;
      dataCounts: {
        [key: string]: number;
      };
      engineVersion: string;
      /** Format: uuid */
      requestedBy: string | null;
      requestedByPerson: components["schemas"]["PersonRef"];
      /** Format: date-time */
      createdAt: string;
      totals: {
        entitled: string;
        previouslyObligated: string;
        newObligations: string;
      };
    };
    RunEvaluation: {
      /** @description Cut-off date; default: today in the contract's time zone */
      asOf?: string;
      /**
       * @description Compute and return everything, store nothing (a forecast)
       * @default false
       */
      dryRun?: boolean;
      /** @description With dryRun: use this scenario of the definition instead of the recorded data */
      scenario?: string;
    };
    EvaluationPage: {
      items: components["schemas"]["EvaluationSummary"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    ObligationPage: {
      items: components["schemas"]["ReconciledObligation"][];
      /** @description null on the last page */
      nextCursor: string | null;
      /** @description Per payer and recipient, every obligation and settlement of the contract reconciled */
      accounts: components["schemas"]["ObligationAccount"][];
    };
    ReconciledObligation: components["schemas"]["Obligation"] & {
      /** @description Settled on this obligation */
      settled: string;
      line: {
        /** @description Sum of the positive obligations of the line */
        triggered: string;
        /** @description Credits applied to the line: its own downward adjustments, and credits of the same payer to the same recipient that offset it */
        credited: string;
        /** @description Decimal string in the minor unit of the currency */
        settled: string;
        /** @description triggered − settled − credited */
        outstanding: string;
      };
    };
    ObligationAccount: {
      /** Format: uuid */
      payerOrganisationId: string;
      /** Format: uuid */
      recipientOrganisationId: string;
      /** @description Decimal string in the minor unit of the currency */
      triggered: string;
      /** @description Decimal string in the minor unit of the currency */
      credits: string;
      /** @description Decimal string in the minor unit of the currency */
      settled: string;
      /** @description triggered − settled − credits; negative when more was paid than is owed */
      outstanding: string;
      /** @description Credits on lines already paid, not offset against later obligations: owed back to the payer */
      owedBack: string;
      /** @description Decimal string in the minor unit of the currency */
      overdue: string;
    };
    PaymentStatement: {
      /** Format: uuid */
      contractId: string;
      /**
       * Format: uuid
       * @description The evaluation that created the obligation
       */
      evaluationId: string;
      /** @description The evaluation's cut-off date */
      asOf: string;
      currency: string;
      obligation: components["schemas"]["Obligation"];
      /** @description For an adjustment: the earlier obligations on the line it corrects, which add up to line.previouslyObligated (empty for a payment) */
      previousObligations: components["schemas"]["PreviousObligation"][];
      line: components["schemas"]["StatementLine"];
    };
    PreviousObligation: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      evaluationId: string;
      /** @enum {string} */
      kind: "payment" | "adjustment";
      /** @description Signed decimal string in the minor unit of the currency (after rounding). */
      amount: string;
      dueOn: string;
      /** Format: date-time */
      createdAt: string;
    };
    /** @description The line's current entitlement chain in the evaluation that created the obligation; it ends at the obligation's amount */
    StatementLine: {
      /** @description `rule:scope:payer` */
      lineKey: string;
      ruleKey: string;
      /** @description The rule's kind (absent for a line whose rule or scope is no longer in the evaluation) */
      ruleKind?: string;
      scope: string;
      /** @description Party key of the payer */
      payer: string;
      currency: string;
      /**
       * @description `rule`: the rule's own items; `scope`: the rule gives no items, one item stands for the scope's amount; `none`: the line's entitlement was withdrawn (no scope in this evaluation)
       * @enum {string}
       */
      itemsFrom: "rule" | "scope" | "none";
      /** @description The scope's items, for the whole scope (a payer's share is a step) */
      items: components["schemas"]["StatementItem"][];
      /** @description Σ items gross. Exact signed decimal string, before rounding. */
      gross: string;
      /** @description Σ items net: the scope's amount before the rule's own caps, where the steps start. Exact signed decimal string, before rounding. */
      itemsNet: string;
      /** @description itemsNet + Σ steps amount = amount, exactly */
      steps: components["schemas"]["StatementStep"][];
      /** @description Cumulative entitlement of the line after every cap. Exact signed decimal string, before rounding. */
      entitledExact: string;
      /** @description Cumulative entitlement, rounded half-even. Signed decimal string in the minor unit of the currency (after rounding). */
      entitled: string;
      /** @description Σ earlier obligations on the line. Signed decimal string in the minor unit of the currency (after rounding). */
      previouslyObligated: string;
      /** @description This evaluation's obligation on the line: entitled − previouslyObligated (0 when it created none). Signed decimal string in the minor unit of the currency (after rounding). */
      amount: string;
      notes: string[];
    };
    StatementItem: {
      /** @description What is priced, in the definition's words: an outcome, a band, a tier, a component, the measure; `scope amount` when the rule states the scope as a whole */
      item: string;
      /** @description How it is counted: `claims`, the outcome's unit (`days`, `sessions`…), the measure's unit; `scope` for a scope amount */
      unit: string;
      /** @description How many units are paid for (decimal string) */
      quantity: string;
      /** @description Price per unit after indexation, when a single price applies (exact decimal string) */
      unitPrice?: string;
      /** @description Before any cap. Exact signed decimal string, before rounding. */
      gross: string;
      /** @description Caps acting on this item's claims or units (outcome cap, participant cap, band maximum…) */
      capEffects: components["schemas"]["StatementCut"][];
      /** @description gross − the cuts of capEffects. Exact signed decimal string, before rounding. */
      net: string;
    };
    StatementCut: {
      /** @description The cap, in the words of the definition (e.g. `outcome.cap (job_entry)`, `participantCap`) */
      cap: string;
      /** @description The cap's limit (decimal string) */
      limit: string;
      /** @description Amount removed from the item by this cap (positive exact decimal string) */
      cut: string;
    };
    StatementStep: {
      /**
       * @description `rule_cap`: rule.cap.perScope or rule.cap.total on the whole scope; `payer_share`: the other payers' shares of the scope; `line_cap`: a cap on this line (a rule cap's guard after the payers' split, cohort or period maxPayment, payer maximumCommitment, maximumOutcomePayment, investor return cap), in stacking order; `rounding`: half-even to the minor unit; `previously_obligated`: what earlier obligations on the line already cover; `unexplained`: a difference the evaluation's record does not explain (never expected)
       * @enum {string}
       */
      kind: "rule_cap" | "payer_share" | "line_cap" | "rounding" | "previously_obligated" | "unexplained";
      /** @description The cap in the definition's words, or what the step is */
      label: string;
      /** @description The cap's limit, for caps */
      limit?: string;
      /** @description Signed decimal string, negative for a cut: exact for caps, shares and rounding; in the minor unit of the currency for `previously_obligated` */
      amount: string;
      /** @description Running total after this step: exact before rounding, in the minor unit of the currency from `rounding` on */
      total: string;
    };
    EvaluationStatement: {
      /** Format: uuid */
      contractId: string;
      /** Format: uuid */
      evaluationId: string;
      asOf: string;
      currency: string;
      /** @description Every line of the evaluation, each adding up to its obligation (or to 0) */
      lines: (components["schemas"]["StatementLine"] & ({
          /**
           * Format: uuid
           * @description The obligation this evaluation created on the line, if any
           */
          obligationId: string | null;
        }))[];
      totals: {
        /** @description Σ lines entitled. Signed decimal string in the minor unit of the currency (after rounding). */
        entitled: string;
        /** @description Σ lines previously obligated. Signed decimal string in the minor unit of the currency (after rounding). */
        previouslyObligated: string;
        /** @description Σ lines amount = Σ the obligations created. Signed decimal string in the minor unit of the currency (after rounding). */
        newObligations: string;
      };
    };
    Drawdown: {
      /** Format: uuid */
      id: string;
      investor: {
        party: string;
        /** Format: uuid */
        organisationId: string;
      };
      tranche: string | null;
      drawnOn: string;
      amount: string;
      currency: string;
      reference: string | null;
      /** Format: uuid */
      recordedBy: string;
      /** Format: date-time */
      recordedAt: string;
      recordedByPerson: components["schemas"]["PersonRef"];
    };
    RecordDrawdown: {
      /** @description Investor party key; default: the caller's own investor party */
      investor?: string;
      /** @description Tranche key of the investor, if the capital was drawn against one */
      tranche?: string;
      /** @description A calendar date, YYYY-MM-DD */
      drawnOn: string;
      /** @description An amount greater than zero, as a decimal string */
      amount: string;
      /**
       * @description Must be the contract currency
       * @example GBP
       */
      currency: string;
      reference?: string;
    };
    DrawdownPage: {
      items: components["schemas"]["Drawdown"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    RecordedSettlement: components["schemas"]["Settlement"] & {
      /** @description How the payment flows through the capital stack; the lines add up to the amount */
      distribution: components["schemas"]["Distribution"][];
    };
    Distribution: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      settlementId: string;
      recipient: {
        party: string;
        /** Format: uuid */
        organisationId: string;
      };
      /** @enum {string} */
      role: "investor" | "outcome_payer" | "operator";
      seniority: string | null;
      amount: string;
      currency: string;
      distributedOn: string;
      explanation: string;
      /** @description A capped investor's room under its return cap before this distribution */
      capacityBefore: string | null;
    };
    Settlement: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      obligationId: string;
      /** Format: uuid */
      payerOrganisationId: string;
      amount: string;
      currency: string;
      settledOn: string;
      reference: string | null;
      /** Format: date-time */
      recordedAt: string;
      recordedByPerson: components["schemas"]["PersonRef"];
    };
    RecordSettlement: {
      /** Format: uuid */
      obligationId: string;
      /** @description Positive decimal string; partial settlements are allowed */
      amount: string;
      /** @example GBP */
      currency: string;
      /** @description A calendar date, YYYY-MM-DD */
      settledOn: string;
      /** @description Payment reference (e.g. the bank transfer id) */
      reference?: string;
    };
    SettlementPage: {
      items: components["schemas"]["Settlement"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    DistributionPage: {
      items: components["schemas"]["Distribution"][];
      /** @description null on the last page */
      nextCursor: string | null;
      /** @description Balances owed back to a payer: credits on obligations already paid and distributed, not yet offset against a later payment of the same payer to the same recipient */
      owedBack: {
          /** Format: uuid */
          payerOrganisationId: string;
          /** Format: uuid */
          recipientOrganisationId: string;
          amount: string;
        }[];
    };
    ContractStatus: {
      contract: {
        /** Format: uuid */
        id: string;
        reference: string;
        title: string;
        status: string;
        currency: string;
        contractVersion: number | null;
      };
      today: string;
      capital: {
        /** @description Decimal string in the contract currency */
        committed: string;
        /** @description Decimal string in the contract currency */
        drawn: string;
      };
      obligations: {
        /** @description Sum of the payment obligations triggered (positive amounts) */
        triggered: string;
        /** @description Sum of the downward adjustments (credits), as a positive amount */
        credits: string;
        /** @description Decimal string in the contract currency */
        settled: string;
        /** @description triggered − settled − credits; negative when more was paid than is owed (see owedBack) */
        outstanding: string;
        /** @description What the recipient owes back to the payer: credits on lines already paid, not yet offset against later obligations */
        owedBack: string;
        /** @description Decimal string in the contract currency */
        overdue: string;
        byPayer: {
            /** @description Sum of the payment obligations triggered (positive amounts) */
            triggered: string;
            /** @description Sum of the downward adjustments (credits), as a positive amount */
            credits: string;
            /** @description Decimal string in the contract currency */
            settled: string;
            /** @description triggered − settled − credits; negative when more was paid than is owed (see owedBack) */
            outstanding: string;
            /** @description What the recipient owes back to the payer: credits on lines already paid, not yet offset against later obligations */
            owedBack: string;
            /** @description Decimal string in the contract currency */
            overdue: string;
            payer: string;
          }[];
        /** @description Per payer and recipient party: credits offset later obligations of the same account */
        accounts: {
            /** @description Sum of the payment obligations triggered (positive amounts) */
            triggered: string;
            /** @description Sum of the downward adjustments (credits), as a positive amount */
            credits: string;
            /** @description Decimal string in the contract currency */
            settled: string;
            /** @description triggered − settled − credits; negative when more was paid than is owed (see owedBack) */
            outstanding: string;
            /** @description What the recipient owes back to the payer: credits on lines already paid, not yet offset against later obligations */
            owedBack: string;
            /** @description Decimal string in the contract currency */
            overdue: string;
            payer: string;
            recipient: string;
          }[];
      };
      caps: {
          cap: string;
          scope: string;
          /** @description Decimal string in the contract currency */
          limit: string;
          /** @description Decimal string in the contract currency */
          used: string;
          /** @description Decimal string in the contract currency */
          headroom: string;
        }[];
      /** @description Investors see their own line; payers and intermediaries see all; other roles none */
      investors: components["schemas"]["InvestorStatus"][];
      outcomes: ({
          metric: string;
          name: string;
          level: string;
          unit: string;
          /** @description Target set by the terms (composite components), if any */
          target?: string | null;
          /** @description Per cohort or period: achieved (validated claims, or the latest result's treatment value), comparison, participants, each scenario's expected value; for a cohort priced by a counterfactual threshold rule also threshold (the relative improvement required), improvement (achieved on the comparison, in the metric's better direction), thresholdLevel (the treatment value that reaches it) and reachesThreshold */
          byScope: {
              [key: string]: unknown;
            }[];
        })[];
      latestEvaluation: {
        /** Format: uuid */
        id: string;
        asOf: string;
        totals: {
          [key: string]: string;
        };
      } | null;
      /** Format: date-time */
      nextEvaluation: string | null;
    };
    InvestorStatus: {
      party: string;
      seniority: string;
      returnCap: string;
      /** @description Decimal string in the contract currency */
      committed: string;
      /** @description Decimal string in the contract currency */
      drawn: string;
      /** @description Decimal string in the contract currency */
      repaidToDate: string;
      /** @description Received ÷ drawn (20 significant digits) */
      moneyMultiple: string | null;
      /** @description XIRR over the dated drawdowns (out) and repayments (in); null until there is a return flow */
      irrToDate: string | null;
      /** @description What the investor may still receive today under its cap */
      returnCapHeadroom: string | null;
      projected: ({
          scenario: string;
          name: string;
          /** @description What the contract would pay in all under the scenario */
          contractTotal: string;
          /** @description What this investor would have received in all */
          projectedRepayment: string;
          multiple: string | null;
          irr: string | null;
        })[];
    };
    Portfolio: {
      contracts: ({
          /** Format: uuid */
          id: string;
          reference: string;
          title: string;
          status: string;
          currency: string;
          investments: ({
              party: string;
              seniority: string;
              returnCap: string;
              /** @description Decimal string in the contract currency */
              committed: string;
              /** @description Decimal string in the contract currency */
              drawn: string;
              /** @description Decimal string in the contract currency */
              repaidToDate: string;
              /** @description Received ÷ drawn (20 significant digits) */
              moneyMultiple: string | null;
              /** @description XIRR over the dated drawdowns (out) and repayments (in); null until there is a return flow */
              irrToDate: string | null;
              /** @description What the investor may still receive today under its cap */
              returnCapHeadroom: string | null;
            })[];
        })[];
      /** @description Per currency: committed, drawn, repaidToDate (amounts are never added across currencies) */
      totals: {
        [key: string]: {
          [key: string]: string;
        };
      };
    };
    Liabilities: {
      contracts: {
          /** Format: uuid */
          id: string;
          reference: string;
          title: string;
          status: string;
          currency: string;
          payer: string;
          /** @description Decimal string in the contract currency */
          triggered: string;
          /** @description Decimal string in the contract currency */
          credits: string;
          /** @description Decimal string in the contract currency */
          settled: string;
          /** @description Decimal string in the contract currency */
          outstanding: string;
          /** @description Decimal string in the contract currency */
          owedBack: string;
          /** @description Decimal string in the contract currency */
          overdue: string;
          /** @description Decimal string in the contract currency */
          maximumCommitment: string;
          /** @description Commitment less everything triggered so far, net of credits */
          maximumRemainingExposure: string;
        }[];
      totals: {
        [key: string]: {
          [key: string]: string;
        };
      };
    };
    IndigoExport: {
      /** @description The release of the standard the records follow */
      standard: {
        name: string;
        version: string;
      };
      project: components["schemas"]["IndigoProject"];
      /** @description The organisation records of every organisation the project names, once each */
      organisations: {
          /**
           * @description The reference the project record uses for this organisation (its organisation_id values)
           * @example GB-COH-09506232
           */
          id: string;
          data: components["schemas"]["IndigoOrganisation"];
        }[];
    };
    /** @description An INDIGO project record (the standard's schema/project.json, release 4.1.0, with its codelists). */
    IndigoProject: {
      [key: string]: unknown;
    };
    /** @description An INDIGO organisation record (schema/organisation.json) */
    IndigoOrganisation: {
      [key: string]: unknown;
    };
    ImportIndigoResult: {
      /** @description Whether a draft contract was registered (only when the definition is valid and every party is bound) */
      stored: boolean;
      contract: components["schemas"]["Contract"];
      draft: {
        /** @description The draft definition: what the record carries, with `complete` applied */
        definition: {
          [key: string]: unknown;
        };
        /** @description Party keys bound to organisations so far */
        parties: {
          [key: string]: string;
        };
      };
      /** @description What the record lacks and must be completed before the contract can be registered and approved */
      missing: {
          path: string;
          why: string;
        }[];
    };
    ImportIndigo: {
      /** @description An INDIGO project record (release 4.1.0 of the standard) */
      project: {
        [key: string]: unknown;
      };
      /** @description Organisation records named by the project (as `GET …/export/indigo` gives them): their names become the party names */
      organisations?: {
          id: string;
          data: {
            [key: string]: unknown;
          };
        }[];
      /** @description Terms of the contract definition to set over what the record carries (top-level keys replace the imported ones), e.g. the `reference`, `cohorts`, `periods`, `pricing` and `evaluation` that the standard cannot carry */
      complete?: {
        [key: string]: unknown;
      };
      /** @description Organisation ids for party keys of the draft, over those found from the record (an `XI-OUTCOMELEDGER-<id>` reference, or an identifier an organisation declared) */
      parties?: {
        [key: string]: string;
      };
    };
    AuditPage: {
      items: components["schemas"]["AuditEntry"][];
      nextAfterSeq: number | null;
    };
    AuditEntry: {
      /** Format: uuid */
      id: string;
      seq: number;
      action: string;
      entityType: string;
      entityId: string;
      stateDigest: string;
      /** Format: uuid */
      organisationId: string | null;
      /** Format: uuid */
      apiKeyId: string | null;
      requestId: string | null;
      /** Format: date-time */
      recordedAt: string;
      previousHash: string;
      entryHash: string;
      /**
       * Format: uuid
       * @description The person who did it, when a person signed in did (covered by the entry hash; absent otherwise)
       */
      memberId?: string;
    };
    AuditVerification: {
      [key: string]: unknown;
    };
    CreatedWebhookEndpoint: components["schemas"]["WebhookEndpoint"] & {
      /** @description The signing secret, `whsec_<base64>`: shown in this answer only (a retry with the same Idempotency-Key answers null). Verify each delivery with it (see the `webhooks` of this document). */
      secret: string;
    };
    /**
     * @description - `contract.version_proposed`: A version of a contract (original or amendment) awaits your approval
     * - `contract.version_in_force`: A version came into force (every required party approved it)
     * - `data.submitted`: The operator submitted outcome data (counts only)
     * - `data.reviewed`: An evaluator validated or rejected outcome records (counts only)
     * - `evaluation.completed`: An evaluation was stored (manual or scheduled)
     * - `obligation.created`: An evaluation created a payment obligation or an adjustment
     * - `obligation.overdue`: An obligation passed its due date with something still unpaid (once per obligation)
     * - `settlement.recorded`: The payer recorded a settlement of an obligation
     * - `audit.verification_failed`: A verification of a contract's audit trail found a problem
     * - `dispute.opened`: The operator disputed an evaluator's rejection of a record (sent to the outcome payers and evaluators)
     * - `dispute.resolved`: An evaluator upheld (the record is now validated) or dismissed a dispute
     * @enum {string}
     */
    WebhookEventType: "contract.version_proposed" | "contract.version_in_force" | "data.submitted" | "data.reviewed" | "evaluation.completed" | "obligation.created" | "obligation.overdue" | "settlement.recorded" | "audit.verification_failed" | "dispute.opened" | "dispute.resolved";
    WebhookEndpoint: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      organisationId: string;
      url: string;
      description: string | null;
      eventTypes: components["schemas"]["WebhookEventType"][];
      enabled: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      disabledAt: string | null;
    };
    RegisterWebhookEndpoint: {
      /**
       * Format: uri
       * @description Where events are POSTed: an http(s) URL. Private, loopback and link-local addresses are refused unless the service allows them (WEBHOOK_ALLOW_PRIVATE_TARGETS).
       * @example https://hooks.example.org/outcome-ledger
       */
      url: string;
      /** @description The event types to receive */
      eventTypes: components["schemas"]["WebhookEventType"][];
      description?: string;
    };
    WebhookEndpointList: {
      items: components["schemas"]["WebhookEndpoint"][];
    };
    WebhookDeliveryPage: {
      items: components["schemas"]["WebhookDelivery"][];
      /** @description null on the last page */
      nextCursor: string | null;
    };
    WebhookDelivery: {
      /** Format: uuid */
      id: string;
      /**
       * Format: uuid
       * @description The event, as sent in `webhook-id`
       */
      eventId: string;
      type: components["schemas"]["WebhookEventType"];
      /** Format: uuid */
      contractId: string | null;
      /** Format: date-time */
      occurredAt: string;
      /**
       * @description `failed`: no 2xx within a day of retries; redeliver it to try again
       * @enum {string}
       */
      state: "pending" | "delivered" | "failed";
      attempts: number;
      /** Format: date-time */
      lastAttemptAt: string | null;
      /** @description The HTTP status of the last attempt's answer (null: no answer) */
      lastStatus: number | null;
      lastError: string | null;
      /**
       * Format: date-time
       * @description When it is attempted next (pending deliveries only)
       */
      nextAttemptAt: string | null;
      /** Format: date-time */
      deliveredAt: string | null;
    };
    OpenAPIDocument: {
      [key: string]: unknown;
    };
  };
  responses: never;
  parameters: {
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}

export type $defs = Record<string, never>;

export type external = Record<string, never>;

export interface operations {

  /**
   * Liveness: the process is up
   * @description Answers 200 as long as the process serves requests. Does not touch the database. No authentication.
   */
  getLiveness: {
    responses: {
      /** @description Alive */
      200: {
        content: {
          "application/json": components["schemas"]["Health"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Readiness: the database is reachable and fully migrated
   * @description Answers 200 when the database answers and every migration of this build is applied; 503 otherwise. No authentication.
   */
  getReadiness: {
    responses: {
      /** @description Ready */
      200: {
        content: {
          "application/json": components["schemas"]["Readiness"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The directory of organisations
   * @description Names, kinds and ids, so that a payer can bind parties when registering a contract. No contract data.
   *
   * **Access:** any key.
   */
  listOrganisations: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        kind?: "public_authority" | "investor" | "operator" | "evaluator" | "validator" | "intermediary";
      };
    };
    responses: {
      /** @description A page of organisations */
      200: {
        content: {
          "application/json": components["schemas"]["OrganisationPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Register an organisation
   * @description **Access:** the platform administrator.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  registerOrganisation: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateOrganisation"];
      };
    };
    responses: {
      /** @description Registered */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["Organisation"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One organisation
   * @description **Access:** any key.
   */
  getOrganisation: {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description The organisation */
      200: {
        content: {
          "application/json": components["schemas"]["Organisation"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * An organisation's API keys (without the keys themselves)
   * @description **Access:** the platform administrator, or the organisation itself.
   */
  listApiKeys: {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description Keys */
      200: {
        content: {
          "application/json": components["schemas"]["ApiKeyList"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Issue an API key
   * @description The key is in the answer and never shown again: only its SHA-256 is stored.
   *
   * **Access:** the platform administrator, or an `admin` key of the organisation itself.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  issueApiKey: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CreateApiKey"];
      };
    };
    responses: {
      /** @description The new key */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["CreatedApiKey"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Revoke an API key
   * @description The key stops working at once. The record stays, marked revoked.
   *
   * **Access:** the platform administrator, or an `admin` key of the organisation itself.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  revokeApiKey: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
        keyId: string;
      };
    };
    responses: {
      /** @description Revoked */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["ApiKey"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Who is calling: the organisation, and the key or the person signed in
   * @description **Access:** any key, or a person signed in (session cookie).
   */
  whoAmI: {
    responses: {
      /** @description The calling organisation and key */
      200: {
        content: {
          "application/json": components["schemas"]["Me"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * An organisation's pending invitations
   * @description Invitations neither accepted nor expired (their links are never shown again).
   *
   * **Access:** the organisation's admins (people or `admin` keys) and the platform administrator (who invites admins only: an organisation's first admin). Others get 403.
   */
  listInvitations: {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description Pending invitations */
      200: {
        content: {
          "application/json": components["schemas"]["InvitationList"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Invite a person to an organisation
   * @description Creates a one-time invitation link, valid for INVITATION_TTL_HOURS, shown once in the answer (only its hash is stored) and e-mailed when SMTP_URL is configured, in the invitee's language (`locale`, else the inviter's). The person accepts it with their name and a password.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** the organisation's admins (people or `admin` keys) and the platform administrator (who invites admins only: an organisation's first admin). Others get 403.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  inviteMember: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["InviteMember"];
      };
    };
    responses: {
      /** @description The invitation and its link */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["CreatedInvitation"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * An organisation's people
   * @description Names, e-mail addresses, roles, whether each has TOTP, and when a person was removed (people removed are listed after the members).
   *
   * **Access:** any member or key of the organisation and the platform administrator. Others get 403.
   */
  listMembers: {
    parameters: {
      path: {
        id: string;
      };
    };
    responses: {
      /** @description The people of the organisation */
      200: {
        content: {
          "application/json": components["schemas"]["MemberList"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Remove a person from an organisation
   * @description For a person who leaves: their sessions end at once, everywhere; they can no longer sign in, and their e-mail address may be invited again (a new account). Their record stays, with when and by whom they were removed, so everything they did keeps naming them; the audit entry `member.removed` records it. Keys they issued stay the organisation's: revoke them apart if needed. Refused with 409, nothing written: removing yourself (another admin does it), the last admin of the organisation (invite another admin first), a person already removed.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** the organisation's admins (people or `admin` keys) and the platform administrator. Others get 403.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  removeMember: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
        memberId: string;
      };
    };
    responses: {
      /** @description The person, removed, and how many of their sessions ended */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["RemovedMember"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Withdraw a pending invitation
   * @description Its link stops working at once: the invitation expires now (the acceptance answers 409, as for an expired one), and the audit entry `invitation.revoked` names who withdrew it. An invitation already accepted or expired: 409, nothing written.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** the organisation's admins (people or `admin` keys) and the platform administrator (who invites admins only: an organisation's first admin). Others get 403.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  revokeInvitation: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
        invitationId: string;
      };
    };
    responses: {
      /** @description The invitation, now expired */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["Invitation"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Require (or stop requiring) a TOTP second factor
   * @description When required, people of the organisation without TOTP must set it up at their next sign-in before anything else, and none may turn it off. Setting the value it already has writes nothing.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** the organisation's admins (people or `admin` keys). Others get 403.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  setTotpRequirement: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["OrganisationSecurityChange"];
      };
    };
    responses: {
      /** @description The organisation's sign-in policy */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["OrganisationSecurity"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The invitation a link opens
   * @description For the page that accepts it: who is invited, to which organisation, until when. 404 for an unknown token; 409 once accepted or expired.
   *
   * **Access:** anyone holding the link.
   */
  getInvitation: {
    parameters: {
      query: {
        /** @description The token of the invitation link */
        token: string;
      };
    };
    responses: {
      /** @description The invitation */
      200: {
        content: {
          "application/json": components["schemas"]["Invitation"] & {
            organisationName: string;
          };
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Accept an invitation: create the account
   * @description With the token of the link, the person chooses their name and password (at least 12 characters; hashed with scrypt). The link then stops working. Sign in afterwards.
   *
   * **Access:** anyone holding the link.
   *
   * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
   */
  acceptInvitation: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["AcceptInvitation"];
      };
    };
    responses: {
      /** @description The new account */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
          /** @description The session cookie (`ol_session`, or `__Host-ol_session` over TLS) */
          "Set-Cookie"?: string;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The session of this cookie
   * @description Who is signed in, the stage of the session, when it ends, and its CSRF token.
   *
   * **Access:** a session, at any stage.
   */
  getSession: {
    responses: {
      /** @description The session */
      200: {
        content: {
          "application/json": components["schemas"]["Session"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Sign in with e-mail and password
   * @description Opens a session (cookie). A person with TOTP gives the code in `code`, or gets a session at stage `second_factor` and sends it to POST /v1/session/second-factor. Failed attempts are limited per account and per address (SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_FAILURES_PER_ADDRESS in SIGN_IN_FAILURE_WINDOW_MINUTES): beyond, 429 with Retry-After.
   *
   * **Session:** answers `Set-Cookie` with a new session cookie (httpOnly, SameSite=Lax, Secure over TLS): a session id known before is never the one after. Changes made with the cookie need the `X-CSRF-Token` header.
   *
   * **Access:** anyone.
   *
   * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
   */
  signIn: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["SignIn"];
      };
    };
    responses: {
      /** @description The new session */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
          /** @description The session cookie (`ol_session`, or `__Host-ol_session` over TLS) */
          "Set-Cookie"?: string;
        };
        content: {
          "application/json": components["schemas"]["Session"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Sign out
   * @description Ends this session and clears its cookie.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** a session, at any stage.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  signOut: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    responses: {
      /** @description Signed out */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["SignedOut"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Complete a sign-in with the TOTP code
   * @description For a session at stage `second_factor` (it lives 5 minutes): a new full session replaces it.
   *
   * **Session:** answers `Set-Cookie` with a new session cookie (httpOnly, SameSite=Lax, Secure over TLS): a session id known before is never the one after. Changes made with the cookie need the `X-CSRF-Token` header.
   *
   * **Access:** the session waiting for its code.
   *
   * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
   */
  completeSignIn: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["TotpCode"];
      };
    };
    responses: {
      /** @description The new session */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
          /** @description The session cookie (`ol_session`, or `__Host-ol_session` over TLS) */
          "Set-Cookie"?: string;
        };
        content: {
          "application/json": components["schemas"]["Session"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Sign out everywhere
   * @description Ends every session of the person, on every device, this one included.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** a person signed in.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  signOutEverywhere: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    responses: {
      /** @description How many sessions ended */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["SignedOut"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Start setting up TOTP
   * @description A new secret for an authenticator app (as text and as an otpauth:// URI for a QR code), pending until a code from it is confirmed (POST /v1/account/totp/confirm). Starting again replaces the pending secret.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** a person signed in, for themselves.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  enrolTotp: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    responses: {
      /** @description The secret */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["TotpEnrolment"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Confirm TOTP with a code
   * @description From now on, sign-in asks for a code. A session that was waiting for this enrolment is replaced by a new full session.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** a person signed in, for themselves.
   *
   * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
   */
  confirmTotp: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["TotpCode"];
      };
    };
    responses: {
      /** @description The account */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
          /** @description The session cookie (`ol_session`, or `__Host-ol_session` over TLS) */
          "Set-Cookie"?: string;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Turn TOTP off
   * @description With a current code. Refused (409) while the organisation requires TOTP.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** a person signed in, for themselves.
   *
   * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
   */
  disableTotp: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["TotpCode"];
      };
    };
    responses: {
      /** @description The account */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
          /** @description The session cookie (`ol_session`, or `__Host-ol_session` over TLS) */
          "Set-Cookie"?: string;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Change the password
   * @description With the current one. Every other session of the person ends.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** a person signed in, for themselves.
   *
   * **Not replayed:** an `Idempotency-Key` is accepted but not used, because the request holds a password or a one-time code and the answer a new secret, neither of which is kept. The answer carries `Audit-Receipt` when it appended an audit entry.
   */
  changePassword: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ChangePassword"];
      };
    };
    responses: {
      /** @description The account */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
          /** @description The session cookie (`ol_session`, or `__Host-ol_session` over TLS) */
          "Set-Cookie"?: string;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Choose the language (fr or en)
   * @description The language of e-mails and pages for this person.
   *
   * **With a session cookie,** send the session's CSRF token in `X-CSRF-Token` (or the `_csrf` form field): without it, 403.
   *
   * **Access:** a person signed in, for themselves.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  setLocale: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["SetLocale"];
      };
    };
    responses: {
      /** @description The account */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["Member"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * List the contracts you are party to
   * @description Newest first, with cursor pagination. Filters: status, your role, policy area.
   */
  listContracts: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        status?: "draft" | "active" | "terminated";
        /** @description Only contracts where you hold this role */
        role?: "outcome_payer" | "investor" | "operator" | "evaluator" | "validator" | "intermediary";
        policyArea?: string;
      };
    };
    responses: {
      /** @description A page of contracts */
      200: {
        content: {
          "application/json": components["schemas"]["ContractPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Register a contract (as a draft)
   * @description Registers the definition as version 1, in draft. Every party key of the definition is bound to an organisation; the caller must be bound to an outcome payer. The contract becomes active when every payer, investor and operator has approved version 1 by its contentHash. Invalid definitions are refused with 422 listing every problem with its path.
   *
   * **Access:** an organisation that is an outcome payer of the submitted definition.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  registerContract: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RegisterContract"];
      };
    };
    responses: {
      /** @description Registered */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["Contract"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A contract, with the terms in force
   * @description Status, versions in force and awaiting approval, approvals, and the definition.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getContract: {
    parameters: {
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description The contract */
      200: {
        content: {
          "application/json": components["schemas"]["Contract"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Every version of the contract, oldest first
   * @description Versions stay readable forever, including superseded and withdrawn ones.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listContractVersions: {
    parameters: {
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description Versions */
      200: {
        content: {
          "application/json": components["schemas"]["ContractVersionList"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One version, with its definition and party bindings
   * @description **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getContractVersion: {
    parameters: {
      path: {
        /** @description Contract id */
        id: string;
        number: number;
      };
    };
    responses: {
      /** @description The version */
      200: {
        content: {
          "application/json": components["schemas"]["ContractVersion"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Approve the version awaiting approval
   * @description Approves the exact version read, named by its contentHash; a stale hash answers 409 `stale_version`. When every payer, investor and operator has approved, the version takes effect (a draft becomes active). Approving twice is harmless.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** outcome payer, investor, operator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  approveContractVersion: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ApproveVersion"];
      };
    };
    responses: {
      /** @description Approval recorded; the contract as it now stands */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["ContractSummary"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Propose a variation (a new version)
   * @description Creates a new version with a description and reason. It takes effect only when every payer, investor and operator has approved it; until then the current terms stay in force. A new proposal withdraws an earlier one still awaiting approval. The reference and currency cannot change.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** outcome payer. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  proposeAmendment: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["AmendContract"];
      };
    };
    responses: {
      /** @description The proposed version */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["ContractVersion"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Terminate the contract
   * @description Records the termination date and reason. A terminated contract accepts no new data.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** outcome payer. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  terminateContract: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["TerminateContract"];
      };
    };
    responses: {
      /** @description Terminated */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["ContractSummary"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The contract definition, as JSON Schema
   * @description JSON Schema (draft 2020-12) of a contract definition, for editors and other tools. Relations between parts (unknown metric, cohort outside the term, tiers out of order…) are checked by the API on top of it. No authentication.
   */
  getContractDefinitionSchema: {
    responses: {
      /** @description JSON Schema */
      200: {
        content: {
          "application/schema+json": {
            [key: string]: unknown;
          };
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Check a contract definition without registering it
   * @description Answers 200 with the definition as it would be stored (defaults filled in), or 422 listing every problem.
   *
   * **Access:** any key.
   */
  validateContractDefinition: {
    requestBody: {
      content: {
        "application/json": components["schemas"]["ContractDefinition"];
      };
    };
    responses: {
      /** @description Valid */
      200: {
        content: {
          "application/json": {
            /** @enum {boolean} */
            valid: true;
            definition: components["schemas"]["ContractDefinition"];
          };
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * List participant claims
   * @description Current records by default (`includeSuperseded=true` adds corrected ones); filters by status, outcome, cohort, participant, achievement date and submission; cursor pagination. Investors never see participant-level data.
   *
   * **Access:** outcome payer, operator, evaluator, validator, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listClaims: {
    parameters: {
      query?: {
        /** @description `validated` includes records whose rejection was disputed and upheld; `rejected` excludes records under an open dispute (`disputed`) */
        status?: "submitted" | "validated" | "rejected" | "disputed";
        cohort?: string;
        submissionId?: string;
        /** @description Include records replaced by a correction (default: only current records) */
        includeSuperseded?: "true" | "false";
        outcome?: string;
        participantRef?: string;
        /** @description A calendar date, YYYY-MM-DD */
        achievedFrom?: string;
        /** @description A calendar date, YYYY-MM-DD */
        achievedTo?: string;
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description List participant claims */
      200: {
        content: {
          "application/json": components["schemas"]["ClaimPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Submit participant outcome claims
   * @description Uploads participant outcome claims (rate-card and volume-banded contracts) as `text/csv` (a header row, then one row per record; streamed, so files of millions of rows are fine), as an Excel workbook (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`: the first worksheet or `?sheet=`, its first non-empty row the header; streamed; row numbers in errors are the worksheet's own) or `application/json` (`ClaimUpload`, up to the JSON body limit).
   *
   * CSV columns: `participant_ref`, `outcome`, `cohort`, `achieved_on` (required); `held_from` (sustainment outcomes), `evidence` (references separated by `;`; required when the metric lists evidence), `quantity` (units of the outcome in the metric's unit, e.g. days or sessions; default 1; paid price × quantity), `supersedes` (id of the claim corrected). Two original claims of one participant, outcome and date are duplicates unless their evidence differs.
   *
   * Spreadsheets as users have them: a CSV is UTF-8 unless `charset` says otherwise (Windows-1252, ISO-8859-1/15); its separator (`,` `;` or tab) is read from Excel's `sep=` line or detected from the header, or set with `separator`; numbers with a decimal comma or thousands separators and `dd/mm/yyyy` dates are read with `locale` (e.g. `fr-FR`). The answer's `Upload-Read-As` header says how the file was read (e.g. `charset=utf-8; separator=semicolon; locale=fr-FR`). `GET …/templates/claims.csv` (or `.xlsx`, `results.*`) gives the columns with an example row.
   *
   * The upload is atomic: every row is checked against the contract version in force (metric exists and is of the right kind, cohort or period exists, dates inside the contract term and the cohort window, values are decimals, no duplicate of another row or of a stored record, corrections name a record not yet corrected). One bad row and nothing is stored: 422 lists the first 100 problems with their data row (1 = first row after the header), column and reason (`message`, in English; a problem of a row also has its stable `code` and the `params` of its message, to say it in another language), and `totalErrors` counts them all. A 201 is sent only once the data is committed.
   *
   * Send an `Idempotency-Key` header to retry safely: the same key with the same body answers the original 201 again (header `Idempotent-Replayed: true`) and stores nothing; the same key with another body answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`.
   *
   * Only an active contract accepts data (409 otherwise).
   *
   * Participant references must be pseudonymous codes: 1-64 letters, digits and - _ . : / ; no "@" (e-mail), not a phone number (7-15 digits once + . - / ( ) and spaces are removed), not a UK National Insurance number.
   *
   * **Access:** operator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  submitClaims: {
    parameters: {
      query?: {
        /** @description Encoding of a CSV body: `utf-8` (default), `windows-1252` (what Excel writes as "CSV (separator…)" on a Western-European Windows), `iso-8859-1` (read as windows-1252, its superset), `iso-8859-15`. The same as the `charset` parameter of `Content-Type: text/csv; charset=…` (which it must not contradict). Without either, the file must be UTF-8 (a byte order mark is fine, and a UTF-16 one is honoured): any other byte refuses the file (415) naming its line, and a U+FFFD replacement character, the trace of an earlier lossy conversion, refuses it too (422). Nothing is ever stored with a replacement character. */
        charset?: string;
        /** @description Field separator of a CSV body. Default: the one named by Excel's first line `sep=;` if present, else the one of `,` `;` or tab that splits the header into known columns. A header joined by another separator than the one used is refused with a message naming both. */
        separator?: "comma" | "semicolon" | "tab";
        /** @description How numbers and dates are written (CSV and XLSX text cells), as a BCP 47 tag: with `fr-FR` (or `fr-BE`, `de-DE`…) decimals use a comma and thousands a space or a dot (`1 000,50`, `1.000,50`) and dates are `dd/mm/yyyy`; with `en-GB` `1,000.50` and `dd/mm/yyyy`; with `en-US` `mm/dd/yyyy`. ISO dates (`yyyy-mm-dd`) are always accepted. The values are turned into canonical text (`1000.50`, `2024-03-05`) before the row checks; the body digest stays that of the bytes received. Without it, numbers use `.` with no thousands separator and dates are `yyyy-mm-dd`. */
        locale?: string;
        /** @description XLSX only: the worksheet to read, by name (case-insensitive). Default: the first worksheet. */
        sheet?: string;
      };
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "text/csv": string;
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        "application/json": components["schemas"]["ClaimUpload"];
      };
    };
    responses: {
      /** @description Stored (or, for a replayed Idempotency-Key, stored earlier) */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
          /** @description CSV and XLSX uploads: how the file was read, e.g. `charset=windows-1252; separator=semicolon; locale=fr-FR; sep-line=true` or `sheet="Claims"` */
          "Upload-Read-As"?: string;
        };
        content: {
          "application/json": components["schemas"]["Submission"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Export participant claims as CSV
   * @description Every matching record as CSV or XLSX (streamed), with status and review columns. `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook.
   *
   * **Access:** outcome payer, operator, evaluator, validator, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  exportClaims: {
    parameters: {
      query?: {
        /** @description `validated` includes records whose rejection was disputed and upheld; `rejected` excludes records under an open dispute (`disputed`) */
        status?: "submitted" | "validated" | "rejected" | "disputed";
        cohort?: string;
        submissionId?: string;
        /** @description Include records replaced by a correction (default: only current records) */
        includeSuperseded?: "true" | "false";
        outcome?: string;
        participantRef?: string;
        /** @description A calendar date, YYYY-MM-DD */
        achievedFrom?: string;
        /** @description A calendar date, YYYY-MM-DD */
        achievedTo?: string;
        /** @description `csv` (default) or `xlsx` (an Excel workbook, streamed: numbers as numbers with amounts in the currency's minor unit, dates as dates). */
        format?: "csv" | "xlsx";
        /** @description CSV field separator (default comma; `semicolon` for a French or Belgian Excel). */
        separator?: "comma" | "semicolon" | "tab";
        /** @description CSV decimal mark of numbers and amounts (default point). */
        decimal?: "point" | "comma";
        /** @description CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false). */
        bom?: "true" | "false";
        /** @description Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as `fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads. */
        locale?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description The records as CSV (`?format=csv`, the default) or as an XLSX workbook (`?format=xlsx`), streamed */
      200: {
        content: {
          "text/csv": string;
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Claim counts per outcome and cohort
   * @description Submitted, validated and rejected counts of current claims, and participants with a validated claim. No participant-level data.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getClaimSummary: {
    parameters: {
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description Claim counts per outcome and cohort */
      200: {
        content: {
          "application/json": components["schemas"]["ClaimSummary"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Validate or reject participant claims
   * @description Marks records `validated` or `rejected` (a reason is required to reject), either the records listed in `ids` or, with `filter`, every current record not yet reviewed that matches it (filters: outcome, cohort, participantRef, submissionId, achievedFrom, achievedTo). Only validated records count towards payments. A review is final: to change a record, the operator submits a correction, which is reviewed in turn. Listed records that are already reviewed or superseded make the whole request fail (409).
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  reviewClaims: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ReviewRequest"];
      };
    };
    responses: {
      /** @description Reviewed */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["ReviewOutcome"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One claim with its correction history
   * @description The record and its correction history: every record it supersedes or is superseded by, oldest first.
   *
   * **Access:** outcome payer, operator, evaluator, validator, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getClaim: {
    parameters: {
      path: {
        id: string;
        recordId: string;
      };
    };
    responses: {
      /** @description One claim with its correction history */
      200: {
        content: {
          "application/json": {
            record: components["schemas"]["Claim"];
            history: components["schemas"]["Claim"][];
          };
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * List aggregate results
   * @description Current records by default (`includeSuperseded=true` adds corrected ones); filters by status, metric, cohort, period, measurement date and submission; cursor pagination.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listResults: {
    parameters: {
      query?: {
        /** @description `validated` includes records whose rejection was disputed and upheld; `rejected` excludes records under an open dispute (`disputed`) */
        status?: "submitted" | "validated" | "rejected" | "disputed";
        cohort?: string;
        submissionId?: string;
        /** @description Include records replaced by a correction (default: only current records) */
        includeSuperseded?: "true" | "false";
        metric?: string;
        period?: string;
        /** @description A calendar date, YYYY-MM-DD */
        measuredFrom?: string;
        /** @description A calendar date, YYYY-MM-DD */
        measuredTo?: string;
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description List aggregate results */
      200: {
        content: {
          "application/json": components["schemas"]["ResultPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Submit aggregate results
   * @description Uploads aggregate results per cohort or period (counterfactual, tiered, linear, savings and composite contracts) as `text/csv` (a header row, then one row per record; streamed, so files of millions of rows are fine), as an Excel workbook (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`: the first worksheet or `?sheet=`, its first non-empty row the header; streamed; row numbers in errors are the worksheet's own) or `application/json` (`ResultUpload`, up to the JSON body limit).
   *
   * CSV columns: `metric`, `cohort` or `period` (exactly one), `measured_on`, `treatment_value`, `methodology`, `methodology_version`, `measured_by` (required); `comparison_value` (comparison group or target), `treatment_sample_size`, `comparison_sample_size`, `supersedes`.
   *
   * Spreadsheets as users have them: a CSV is UTF-8 unless `charset` says otherwise (Windows-1252, ISO-8859-1/15); its separator (`,` `;` or tab) is read from Excel's `sep=` line or detected from the header, or set with `separator`; numbers with a decimal comma or thousands separators and `dd/mm/yyyy` dates are read with `locale` (e.g. `fr-FR`). The answer's `Upload-Read-As` header says how the file was read (e.g. `charset=utf-8; separator=semicolon; locale=fr-FR`). `GET …/templates/claims.csv` (or `.xlsx`, `results.*`) gives the columns with an example row.
   *
   * The upload is atomic: every row is checked against the contract version in force (metric exists and is of the right kind, cohort or period exists, dates inside the contract term and the cohort window, values are decimals, no duplicate of another row or of a stored record, corrections name a record not yet corrected). One bad row and nothing is stored: 422 lists the first 100 problems with their data row (1 = first row after the header), column and reason (`message`, in English; a problem of a row also has its stable `code` and the `params` of its message, to say it in another language), and `totalErrors` counts them all. A 201 is sent only once the data is committed.
   *
   * Send an `Idempotency-Key` header to retry safely: the same key with the same body answers the original 201 again (header `Idempotent-Replayed: true`) and stores nothing; the same key with another body answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`.
   *
   * Only an active contract accepts data (409 otherwise).
   *
   * **Access:** operator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  submitResults: {
    parameters: {
      query?: {
        /** @description Encoding of a CSV body: `utf-8` (default), `windows-1252` (what Excel writes as "CSV (separator…)" on a Western-European Windows), `iso-8859-1` (read as windows-1252, its superset), `iso-8859-15`. The same as the `charset` parameter of `Content-Type: text/csv; charset=…` (which it must not contradict). Without either, the file must be UTF-8 (a byte order mark is fine, and a UTF-16 one is honoured): any other byte refuses the file (415) naming its line, and a U+FFFD replacement character, the trace of an earlier lossy conversion, refuses it too (422). Nothing is ever stored with a replacement character. */
        charset?: string;
        /** @description Field separator of a CSV body. Default: the one named by Excel's first line `sep=;` if present, else the one of `,` `;` or tab that splits the header into known columns. A header joined by another separator than the one used is refused with a message naming both. */
        separator?: "comma" | "semicolon" | "tab";
        /** @description How numbers and dates are written (CSV and XLSX text cells), as a BCP 47 tag: with `fr-FR` (or `fr-BE`, `de-DE`…) decimals use a comma and thousands a space or a dot (`1 000,50`, `1.000,50`) and dates are `dd/mm/yyyy`; with `en-GB` `1,000.50` and `dd/mm/yyyy`; with `en-US` `mm/dd/yyyy`. ISO dates (`yyyy-mm-dd`) are always accepted. The values are turned into canonical text (`1000.50`, `2024-03-05`) before the row checks; the body digest stays that of the bytes received. Without it, numbers use `.` with no thousands separator and dates are `yyyy-mm-dd`. */
        locale?: string;
        /** @description XLSX only: the worksheet to read, by name (case-insensitive). Default: the first worksheet. */
        sheet?: string;
      };
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "text/csv": string;
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        "application/json": components["schemas"]["ResultUpload"];
      };
    };
    responses: {
      /** @description Stored (or, for a replayed Idempotency-Key, stored earlier) */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
          /** @description CSV and XLSX uploads: how the file was read, e.g. `charset=windows-1252; separator=semicolon; locale=fr-FR; sep-line=true` or `sheet="Claims"` */
          "Upload-Read-As"?: string;
        };
        content: {
          "application/json": components["schemas"]["Submission"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Export aggregate results as CSV
   * @description Every matching record as CSV or XLSX (streamed), with status and review columns. `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  exportResults: {
    parameters: {
      query?: {
        /** @description `validated` includes records whose rejection was disputed and upheld; `rejected` excludes records under an open dispute (`disputed`) */
        status?: "submitted" | "validated" | "rejected" | "disputed";
        cohort?: string;
        submissionId?: string;
        /** @description Include records replaced by a correction (default: only current records) */
        includeSuperseded?: "true" | "false";
        metric?: string;
        period?: string;
        /** @description A calendar date, YYYY-MM-DD */
        measuredFrom?: string;
        /** @description A calendar date, YYYY-MM-DD */
        measuredTo?: string;
        /** @description `csv` (default) or `xlsx` (an Excel workbook, streamed: numbers as numbers with amounts in the currency's minor unit, dates as dates). */
        format?: "csv" | "xlsx";
        /** @description CSV field separator (default comma; `semicolon` for a French or Belgian Excel). */
        separator?: "comma" | "semicolon" | "tab";
        /** @description CSV decimal mark of numbers and amounts (default point). */
        decimal?: "point" | "comma";
        /** @description CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false). */
        bom?: "true" | "false";
        /** @description Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as `fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads. */
        locale?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description The records as CSV (`?format=csv`, the default) or as an XLSX workbook (`?format=xlsx`), streamed */
      200: {
        content: {
          "text/csv": string;
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Validate or reject aggregate results
   * @description Marks records `validated` or `rejected` (a reason is required to reject), either the records listed in `ids` or, with `filter`, every current record not yet reviewed that matches it (filters: metric, cohort, period, submissionId, measuredFrom, measuredTo). Only validated records count towards payments. A review is final: to change a record, the operator submits a correction, which is reviewed in turn. Listed records that are already reviewed or superseded make the whole request fail (409).
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  reviewResults: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ReviewRequest"];
      };
    };
    responses: {
      /** @description Reviewed */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["ReviewOutcome"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One result with its correction history
   * @description The record and its correction history: every record it supersedes or is superseded by, oldest first.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getResult: {
    parameters: {
      path: {
        id: string;
        recordId: string;
      };
    };
    responses: {
      /** @description One result with its correction history */
      200: {
        content: {
          "application/json": {
            record: components["schemas"]["Result"];
            history: components["schemas"]["Result"][];
          };
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * List submissions (uploads), newest first
   * @description Each upload: who, when, how many rows and corrections, the contract version checked against and the digest of the bytes received.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listSubmissions: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description List submissions (uploads), newest first */
      200: {
        content: {
          "application/json": components["schemas"]["SubmissionPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * An upload template for this contract (CSV or XLSX)
   * @description The exact columns of a claims or results upload with one example row that this contract accepts as it is (its first outcome of the right level, first cohort or period, a date inside the term and the cohort window, a participant reference matching its pattern). The XLSX has a second sheet explaining each column with the contract's own outcome keys, cohorts, periods and allowed values, in English or French (`lang`). The CSV takes the export dialect options (`locale=fr-FR` gives `;`, a decimal comma and a BOM: upload it back with `?locale=fr-FR`). The terms in force are used, else the latest proposed version. 404 when the contract has no outcome of that level (claims: participant-level; results: aggregate). Any party may download it: it shows nothing beyond the contract terms every party reads.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getUploadTemplate: {
    parameters: {
      query?: {
        /** @description CSV field separator (default comma; `semicolon` for a French or Belgian Excel). */
        separator?: "comma" | "semicolon" | "tab";
        /** @description CSV decimal mark of numbers and amounts (default point). */
        decimal?: "point" | "comma";
        /** @description CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false). */
        bom?: "true" | "false";
        /** @description Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as `fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads. */
        locale?: string;
        /** @description Language of the XLSX explanation sheet; default from Accept-Language (French if preferred, else English). */
        lang?: "en" | "fr";
      };
      path: {
        /** @description Contract id */
        id: string;
        /** @description claims.csv, claims.xlsx, results.csv or results.xlsx */
        file: "claims.csv" | "claims.xlsx" | "results.csv" | "results.xlsx";
      };
    };
    responses: {
      /** @description The template */
      200: {
        content: {
          "text/csv": string;
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A contract's disputes, newest first
   * @description Filter by `state` (`open`: awaiting an evaluator), `kind` and `recordId`; cursor pagination.
   *
   * **Access:** outcome payer, operator, evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listDisputes: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        /** @description `open` for the disputes awaiting an evaluator */
        state?: "open" | "upheld" | "dismissed";
        /** @description What the record is: a participant claim or an aggregate result */
        kind?: "participant_claims" | "aggregate_results";
        /** @description The disputes of one record */
        recordId?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description Disputes */
      200: {
        content: {
          "application/json": components["schemas"]["DisputePage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Dispute an evaluator's rejection of a record
   * @description The operator that submitted a rejected record contests the rejection, with a reason and a reference to its evidence. While the dispute is open the record is listed as `disputed` and counts in no evaluation. A record is disputed once: after a dismissal, submit a correction (a new record, reviewed afresh). Refused with 409 for a record that is not rejected, is superseded, or was disputed already; with 403 for a record another organisation submitted; with 422 for a blank reason or evidence reference (the problem names the field). The outcome payers and evaluators are told (`dispute.opened`).
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** operator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  openDispute: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["OpenDisputeRequest"];
      };
    };
    responses: {
      /** @description Opened */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["Dispute"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One dispute with its thread
   * @description The dispute, and its thread oldest first: the rejection it contests, the dispute, its resolution; each step with its audit entry.
   *
   * **Access:** outcome payer, operator, evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getDispute: {
    parameters: {
      path: {
        /** @description Contract id */
        id: string;
        disputeId: string;
      };
    };
    responses: {
      /** @description The dispute */
      200: {
        content: {
          "application/json": components["schemas"]["DisputeWithThread"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Uphold or dismiss a dispute
   * @description `upheld`: the record becomes validated and counts from the next evaluation on (earlier evaluations are unchanged and reproducible); `dismissed`: it stays rejected, for good. A reason is required either way. Only an open dispute is resolved (409 otherwise), once. The operators, outcome payers and evaluators are told (`dispute.resolved`).
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** evaluator, validator. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  resolveDispute: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
        disputeId: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ResolveDisputeRequest"];
      };
    };
    responses: {
      /** @description Resolved */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["Dispute"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Evaluations of the contract, newest first
   * @description **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listEvaluations: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description A page of evaluations */
      200: {
        content: {
          "application/json": components["schemas"]["EvaluationPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Evaluate the contract now
   * @description Runs the payment engine on the validated, current data as known now, up to the cut-off date, under the terms in force, and stores the evaluation with the obligations it creates (only the difference from what earlier obligations already cover; downward changes become negative adjustments referencing what they correct). With the same terms, cut-off and data as an earlier evaluation, nothing is created and that evaluation is returned (`unchanged`). `dryRun: true` returns the full result and stores nothing; with `scenario` it forecasts from one of the definition's scenarios instead of the data.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** outcome payer. The platform administrator may also call it. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  evaluateContract: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RunEvaluation"];
      };
    };
    responses: {
      /** @description Unchanged (identical inputs) or a dry run */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["EvaluationRun"];
        };
      };
      /** @description A new evaluation was stored */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["EvaluationRun"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * One evaluation with its explanation and obligations
   * @description **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getEvaluation: {
    parameters: {
      path: {
        id: string;
        evaluationId: string;
      };
    };
    responses: {
      /** @description The evaluation */
      200: {
        content: {
          "application/json": components["schemas"]["Evaluation"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Payment obligations of the contract, oldest first
   * @description Every obligation ever created (never changed afterwards).
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listObligations: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description A page of obligations */
      200: {
        content: {
          "application/json": components["schemas"]["ObligationPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Payment statement of an obligation
   * @description How the obligation's amount is made, as of the evaluation that created it. Each line's chain: the scope's items (what is paid for, quantity, unit price after indexation, amount before caps, each cap's cut, amount), then the rule's own caps on the scope, the other payers' shares, the caps across lines on this line, rounding to the currency's minor unit and what earlier obligations on the line already cover — adding up exactly to the obligation. Amounts before rounding are exact decimals; entitled, previously obligated and the obligation are in the minor unit. No participant-level data. For an adjustment, the line's current entitlement chain and the earlier obligations it corrects. As CSV or XLSX: `…/statement/export`.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getObligationStatement: {
    parameters: {
      path: {
        id: string;
        obligationId: string;
      };
    };
    responses: {
      /** @description The statement */
      200: {
        content: {
          "application/json": components["schemas"]["PaymentStatement"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Payment statement of an obligation as CSV or XLSX
   * @description The statement of `…/obligations/{obligationId}/statement`, a row per item, cap and step. Columns: evaluation_id, obligation_id, line_key, rule, scope, payer, kind (item, item_cap, rule_cap, payer_share, line_cap, rounding, previously_obligated), item, unit, quantity, unit_price, label, limit, amount, running_total, currency. An item row carries its gross, a cap row minus its cut: the amounts of a line's rows add up to its obligation, the last running_total is the obligation. Like every export: `?format=xlsx` for a workbook, `?locale=fr-FR` (or `separator`, `decimal`, `bom`) for the CSV dialect.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  exportObligationStatement: {
    parameters: {
      query?: {
        /** @description `csv` (default) or `xlsx` (an Excel workbook, streamed: numbers as numbers with amounts in the currency's minor unit, dates as dates). */
        format?: "csv" | "xlsx";
        /** @description CSV field separator (default comma; `semicolon` for a French or Belgian Excel). */
        separator?: "comma" | "semicolon" | "tab";
        /** @description CSV decimal mark of numbers and amounts (default point). */
        decimal?: "point" | "comma";
        /** @description CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false). */
        bom?: "true" | "false";
        /** @description Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as `fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads. */
        locale?: string;
      };
      path: {
        id: string;
        obligationId: string;
      };
    };
    responses: {
      /** @description The records as CSV (`?format=csv`, the default) or as an XLSX workbook (`?format=xlsx`), streamed */
      200: {
        content: {
          "text/csv": string;
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Payment statement of an evaluation
   * @description The statement of every line of the evaluation, with the obligation it created on the line, if any. Each line's chain: the scope's items (what is paid for, quantity, unit price after indexation, amount before caps, each cap's cut, amount), then the rule's own caps on the scope, the other payers' shares, the caps across lines on this line, rounding to the currency's minor unit and what earlier obligations on the line already cover — adding up exactly to the obligation. Amounts before rounding are exact decimals; entitled, previously obligated and the obligation are in the minor unit. No participant-level data. As CSV or XLSX: `…/statement/export`.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getEvaluationStatement: {
    parameters: {
      path: {
        id: string;
        evaluationId: string;
      };
    };
    responses: {
      /** @description The statement */
      200: {
        content: {
          "application/json": components["schemas"]["EvaluationStatement"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Payment statement of an evaluation as CSV or XLSX
   * @description The statement of `…/evaluations/{evaluationId}/statement`, every line, a row per item, cap and step. Columns: evaluation_id, obligation_id, line_key, rule, scope, payer, kind (item, item_cap, rule_cap, payer_share, line_cap, rounding, previously_obligated), item, unit, quantity, unit_price, label, limit, amount, running_total, currency. An item row carries its gross, a cap row minus its cut: the amounts of a line's rows add up to its obligation, the last running_total is the obligation. Like every export: `?format=xlsx` for a workbook, `?locale=fr-FR` (or `separator`, `decimal`, `bom`) for the CSV dialect.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  exportEvaluationStatement: {
    parameters: {
      query?: {
        /** @description `csv` (default) or `xlsx` (an Excel workbook, streamed: numbers as numbers with amounts in the currency's minor unit, dates as dates). */
        format?: "csv" | "xlsx";
        /** @description CSV field separator (default comma; `semicolon` for a French or Belgian Excel). */
        separator?: "comma" | "semicolon" | "tab";
        /** @description CSV decimal mark of numbers and amounts (default point). */
        decimal?: "point" | "comma";
        /** @description CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false). */
        bom?: "true" | "false";
        /** @description Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as `fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads. */
        locale?: string;
      };
      path: {
        id: string;
        evaluationId: string;
      };
    };
    responses: {
      /** @description The records as CSV (`?format=csv`, the default) or as an XLSX workbook (`?format=xlsx`), streamed */
      200: {
        content: {
          "text/csv": string;
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Drawdowns, oldest first
   * @description Investors see their own drawdowns only.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listDrawdowns: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description Drawdowns, oldest first */
      200: {
        content: {
          "application/json": components["schemas"]["DrawdownPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Record capital drawn from an investor
   * @description A drawdown (date, amount) against an investor, optionally against one of its tranches. Investors record their own; an intermediary records any investor's. The amount is in the contract currency and drawdowns may not exceed the investor's commitment.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** investor, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  recordDrawdown: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RecordDrawdown"];
      };
    };
    responses: {
      /** @description Recorded */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["Drawdown"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Settlements, oldest first
   * @description **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listSettlements: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description Settlements, oldest first */
      200: {
        content: {
          "application/json": components["schemas"]["SettlementPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Record a payment settling an obligation
   * @description The payer of an obligation records what it paid (amount, date, reference); partial settlements are allowed. An over-settlement, another currency or a non-positive amount is refused (422). Two settlements racing on one obligation are serialised, so it can never be over-settled. Settlements of a contract are recorded in date order. Each settlement is distributed at once through the capital stack (senior before subordinate, pro rata within a class, up to each investor's return cap; the rest to the payer or the operator as the contract says) and every distribution line is stored.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   *
   * **Access:** outcome payer. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  recordSettlement: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RecordSettlement"];
      };
    };
    responses: {
      /** @description Recorded and distributed */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["RecordedSettlement"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Distribution lines, oldest first
   * @description Investors see the lines paid to them and the surplus lines, not other investors'.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listDistributions: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description Distribution lines, oldest first */
      200: {
        content: {
          "application/json": components["schemas"]["DistributionPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Export obligations as CSV
   * @description Every record as CSV or XLSX (streamed), the same visibility as the JSON listing. Amounts carry the currency's minor unit (`1200.00`). `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook with amounts as numbers.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  exportObligations: {
    parameters: {
      query?: {
        /** @description `csv` (default) or `xlsx` (an Excel workbook, streamed: numbers as numbers with amounts in the currency's minor unit, dates as dates). */
        format?: "csv" | "xlsx";
        /** @description CSV field separator (default comma; `semicolon` for a French or Belgian Excel). */
        separator?: "comma" | "semicolon" | "tab";
        /** @description CSV decimal mark of numbers and amounts (default point). */
        decimal?: "point" | "comma";
        /** @description CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false). */
        bom?: "true" | "false";
        /** @description Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as `fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads. */
        locale?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description The records as CSV (`?format=csv`, the default) or as an XLSX workbook (`?format=xlsx`), streamed */
      200: {
        content: {
          "text/csv": string;
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Export settlements as CSV
   * @description Every record as CSV or XLSX (streamed), the same visibility as the JSON listing. Amounts carry the currency's minor unit (`1200.00`). `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook with amounts as numbers.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  exportSettlements: {
    parameters: {
      query?: {
        /** @description `csv` (default) or `xlsx` (an Excel workbook, streamed: numbers as numbers with amounts in the currency's minor unit, dates as dates). */
        format?: "csv" | "xlsx";
        /** @description CSV field separator (default comma; `semicolon` for a French or Belgian Excel). */
        separator?: "comma" | "semicolon" | "tab";
        /** @description CSV decimal mark of numbers and amounts (default point). */
        decimal?: "point" | "comma";
        /** @description CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false). */
        bom?: "true" | "false";
        /** @description Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as `fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads. */
        locale?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description The records as CSV (`?format=csv`, the default) or as an XLSX workbook (`?format=xlsx`), streamed */
      200: {
        content: {
          "text/csv": string;
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Export distribution lines as CSV
   * @description Every record as CSV or XLSX (streamed), the same visibility as the JSON listing. Amounts carry the currency's minor unit (`1200.00`). `?locale=fr-FR` (or `separator=semicolon&decimal=comma&bom=true`) gives a CSV that opens cleanly in a French Excel; `?format=xlsx` a workbook with amounts as numbers.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  exportDistributions: {
    parameters: {
      query?: {
        /** @description `csv` (default) or `xlsx` (an Excel workbook, streamed: numbers as numbers with amounts in the currency's minor unit, dates as dates). */
        format?: "csv" | "xlsx";
        /** @description CSV field separator (default comma; `semicolon` for a French or Belgian Excel). */
        separator?: "comma" | "semicolon" | "tab";
        /** @description CSV decimal mark of numbers and amounts (default point). */
        decimal?: "point" | "comma";
        /** @description CSV: start with a UTF-8 byte order mark, so that Excel reads accents right (default false). */
        bom?: "true" | "false";
        /** @description Sets the three CSV options as a spreadsheet of that locale expects (explicit ones win): a decimal-comma locale such as `fr-FR` gives `;`, decimal comma and a BOM; `en-GB` gives `,`, decimal point and a BOM. Dates stay `yyyy-mm-dd`, which every Excel reads. */
        locale?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description The records as CSV (`?format=csv`, the default) or as an XLSX workbook (`?format=xlsx`), streamed */
      200: {
        content: {
          "text/csv": string;
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Repayment status of a contract
   * @description Capital committed and drawn; outcomes achieved against the scenarios, per metric and cohort or period; obligations triggered, settled, outstanding and overdue (settlements and downward adjustments applied first due, first paid); headroom under every cap (contract, payers, cohorts and periods, rules; participant and outcome caps are applied in each evaluation and shown in its explanation); for each investor: repaid to date, money multiple, IRR to date (XIRR over dated drawdowns and repayments), return-cap headroom and projections under each scenario; the latest and the next scheduled evaluation. Investors see their own line only.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  getContractStatus: {
    parameters: {
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description The status */
      200: {
        content: {
          "application/json": components["schemas"]["ContractStatus"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * An investor's contracts side by side
   * @description Every contract where your organisation is an investor (terms in force), with its figures and totals per currency.
   *
   * **Access:** any key (empty for organisations that invest in nothing).
   */
  getPortfolio: {
    responses: {
      /** @description Portfolio */
      200: {
        content: {
          "application/json": components["schemas"]["Portfolio"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A payer's triggered-but-unpaid amounts and maximum remaining exposure
   * @description Every contract where your organisation is an outcome payer (terms in force), with totals per currency.
   *
   * **Access:** any key (empty for organisations that pay for nothing).
   */
  getLiabilities: {
    responses: {
      /** @description Liabilities */
      200: {
        content: {
          "application/json": components["schemas"]["Liabilities"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The contract as INDIGO impact-bond data standard records (project and organisations)
   * @description The contract in the Government Outcomes Lab's INDIGO data standard, release 4.1.0: the project record (organisations and their roles, outcome metrics and pricings, investments, transactions — drawdowns, outcome payments, repayments —, results, and outcome payments planned (obligations) and actual (settlements)) and the organisation record of every organisation it names, ready for a public agency to publish. Both validate against the standard's schemas and codelists. Organisations are named by the identifier they declared when registered (org-id.guide form, e.g. `GB-COH-09506232`), else by the local identifier `XI-OUTCOMELEDGER-<organisation id>`. The signature dates are when the last required party approved the first version of the terms. Amounts are JSON numbers, as the standard has them; the exact decimal figures are in the rest of this API.
   *
   * **Access:** outcome payer, intermediary. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  exportIndigoProject: {
    parameters: {
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description INDIGO project and organisation records */
      200: {
        content: {
          "application/json": components["schemas"]["IndigoExport"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Draft a contract from an INDIGO project record
   * @description Maps an INDIGO project record (standard release 4.1.0; refused with 422 naming every problem if it does not validate against the standard) to the draft of a contract: parties and their roles, payers' commitments, investors' commitments and IRR caps, outcome metrics, prices per unit as a rate card and their caps, term, currency, policy area, jurisdiction, sources. Terms the standard cannot carry (reference, cohorts, periods, pricing rules beyond a price per unit, units and directions of metrics, seniority, indexation, evaluation schedule, distribution…) are listed in `missing`, with anything else the record lacks. Send them in `complete` (and organisation ids in `parties`) to register the draft: when the resulting definition is valid and every party is bound, the draft is registered as with `POST /v1/contracts` (201, `stored: true`); otherwise nothing is stored and the answer is 200 with `stored: false`, the draft and what is missing.
   *
   * **Access:** an organisation that is an outcome payer of the draft (to register it); any organisation to read the mapping.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  importIndigoProject: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ImportIndigo"];
      };
    };
    responses: {
      /** @description Not stored: the draft and what it lacks */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["ImportIndigoResult"];
        };
      };
      /** @description Registered as a draft contract */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["ImportIndigoResult"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * The contract's audit trail, oldest first
   * @description Every write concerning the contract — versions, approvals, data, reviews, evaluations, obligations, drawdowns, settlements, distributions — with who (organisation, key), what, which entity, the digest of its new state, when and the request id. Entries form a hash chain: each entry hash covers the previous one.
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  listAuditEntries: {
    parameters: {
      query?: {
        /** @description Entries after this sequence number */
        afterSeq?: number | null;
        limit?: number;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description Entries */
      200: {
        content: {
          "application/json": components["schemas"]["AuditPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Verify the contract's audit trail
   * @description Recomputes the hash chain and names the first broken link (`links`); re-reads every entity the chain speaks of (the contract, its versions and their party bindings, approvals, data submissions, review batches, evaluations, obligations, drawdowns, settlements, distributions) and checks its rows against the state digest of the latest entry about it (`states`: mismatches in entry order; entries from before states were recorded this way count as `unverifiable`); with `deep=true`, re-reads each evaluation's data at its ledger sequence number and checks its digest (`evaluations`). With `receipt` — the `Audit-Receipt` header of an earlier write, `<contract id>:<seq>:<entryHash>`, or `<seq>:<entryHash>` — also proves that write is still recorded: `receipt.inChain` is true only when entry `seq` of this chain carries exactly that hash and the chain links from it up to its head. A chain cut short still links, but the receipts of its removed entries are no longer in it: keep receipts to detect that. `ok` is false when anything fails (a receipt not in the chain included); `firstProblem` names the first discrepancy in a sentence (null when `ok`).
   *
   * **Access:** any party to the contract. Callers that are not party to the contract get 404, as if it did not exist; parties without the role get 403.
   */
  verifyAuditTrail: {
    parameters: {
      query?: {
        deep?: "true" | "false";
        /** @description An audit receipt to prove still in the chain: the `Audit-Receipt` header of a write (`<chain>:<seq>:<entryHash>`), or `<seq>:<entryHash>` */
        receipt?: string;
      };
      path: {
        /** @description Contract id */
        id: string;
      };
    };
    responses: {
      /** @description The verification (ok false names what is broken) */
      200: {
        content: {
          "application/json": components["schemas"]["AuditVerification"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Your organisation's webhook endpoints (without their secrets)
   * @description Enabled and disabled, oldest first.
   *
   * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
   */
  listWebhookEndpoints: {
    responses: {
      /** @description Endpoints */
      200: {
        content: {
          "application/json": components["schemas"]["WebhookEndpointList"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Register a webhook endpoint
   * @description Your organisation receives the chosen events (see `webhooks` in this document) about the contracts it is party to, as the API would show them to it: a POST of the event as JSON, signed Standard Webhooks style with the `secret` of the answer — shown only in this answer. Retried with back-off for a day until a 2xx answer.
   *
   * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  registerWebhookEndpoint: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RegisterWebhookEndpoint"];
      };
    };
    responses: {
      /** @description Registered; the secret is in this answer only */
      201: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["CreatedWebhookEndpoint"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Request body too large */
      413: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unsupported content type */
      415: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The body is well-formed but not valid; `errors` lists every problem with its path */
      422: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Disable a webhook endpoint
   * @description Nothing more is delivered to it, from now on; its delivery log stays readable. Disabling it again changes nothing.
   *
   * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  disableWebhookEndpoint: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        endpointId: string;
      };
    };
    responses: {
      /** @description Disabled */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["WebhookEndpoint"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * An endpoint's delivery log, newest first
   * @description One delivery per event sent to the endpoint: its state, attempts, the last answer or error and when it is tried next.
   *
   * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
   */
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description Items per page (1-500, default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        state?: "pending" | "delivered" | "failed";
      };
      path: {
        endpointId: string;
      };
    };
    responses: {
      /** @description A page of deliveries */
      200: {
        content: {
          "application/json": components["schemas"]["WebhookDeliveryPage"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Deliver an event again
   * @description Schedules the delivery now, whatever its state (failed after a day of retries, or delivered and lost on your side), with a new day of retries. The event keeps its id (`webhook-id`).
   *
   * **Access:** any key of the organisation reads its endpoints and their deliveries; an `admin` key registers, disables and redelivers.
   *
   * **Safe to retry:** send an `Idempotency-Key` header (1-200 visible ASCII characters, unique per organisation): the same key with the same request answers the first response again (status and body, with `Idempotent-Replayed: true`) and writes nothing; the same key with a different request answers 422 `idempotency_key_reused`. The answer carries `Audit-Receipt: <chain>:<seq>:<entryHash>`, the audit entry the write appended: keep it to prove later, with `GET /v1/contracts/{id}/audit/verify?receipt=…`, that the entry is still in the chain.
   */
  redeliverWebhook: {
    parameters: {
      header?: {
        /** @description Makes retries safe: the same key and request answer the first response again, with no second write */
        "idempotency-key"?: string;
      };
      path: {
        endpointId: string;
        deliveryId: string;
      };
    };
    responses: {
      /** @description Scheduled */
      200: {
        headers: {
          /** @description The audit entry this write appended: `<chain>:<seq>:<entryHash>` */
          "Audit-Receipt"?: string;
          /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
          "Idempotent-Replayed"?: string;
        };
        content: {
          "application/json": components["schemas"]["WebhookDelivery"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid API key */
      401: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The caller's role in this contract does not allow this action */
      403: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Conflicts with the current state */
      409: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit exceeded; see Retry-After */
      429: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * This API, described in OpenAPI 3.1
   * @description Generated once from the route definitions; every route, request and response schema. No authentication.
   */
  getOpenApiDocument: {
    responses: {
      /** @description The OpenAPI document */
      200: {
        content: {
          "application/json": components["schemas"]["OpenAPIDocument"];
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * Interactive API reference (Scalar)
   * @description An HTML page rendering /openapi.json with the Scalar API reference, served by this service (nothing is loaded from another origin), and underneath it every operation as a plain list for readers without JavaScript. No authentication.
   */
  getApiReference: {
    responses: {
      /** @description HTML page */
      200: {
        content: {
          "text/html": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A file of the API reference page (the Scalar script)
   * @description The script /docs loads, named by its version (`scalar-1.76.0.js`): cached for a year, gzip-compressed when the client accepts it. Any other name is 404. No authentication.
   */
  getApiReferenceAsset: {
    parameters: {
      path: {
        /** @description The file name, as /docs refers to it */
        file: string;
      };
    };
    responses: {
      /** @description The script */
      200: {
        content: {
          "text/javascript": string;
        };
      };
      /** @description Malformed request: bad JSON, or an invalid path, query or header parameter (any URL holding a NUL or an unpaired surrogate included) */
      400: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not found, or not visible to the caller */
      404: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Unexpected error (no internals are disclosed) */
      500: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Database unavailable; retry later */
      503: {
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  /**
   * A version of a contract (original or amendment) awaits your approval
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`contract.approve`), and only to those whose approval the version needs. Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  contractVersionProposedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ContractVersionProposedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * A version came into force (every required party approved it)
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`contract.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  contractVersionInForceWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ContractVersionInForceEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * The operator submitted outcome data (counts only)
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`measurement.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  dataSubmittedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["DataSubmittedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * An evaluator validated or rejected outcome records (counts only)
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`measurement.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  dataReviewedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["DataReviewedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * An evaluation was stored (manual or scheduled)
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`evaluation.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  evaluationCompletedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["EvaluationCompletedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * An evaluation created a payment obligation or an adjustment
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`evaluation.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  obligationCreatedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ObligationCreatedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * An obligation passed its due date with something still unpaid (once per obligation)
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`status.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  obligationOverdueWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ObligationOverdueEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * The payer recorded a settlement of an obligation
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`status.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  settlementRecordedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["SettlementRecordedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * A verification of a contract's audit trail found a problem
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`audit.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  auditVerificationFailedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["AuditVerificationFailedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * The operator disputed an evaluator's rejection of a record (sent to the outcome payers and evaluators)
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`dispute.read`), and only to the outcome payers, evaluators and validators (the operator opened it). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  disputeOpenedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["DisputeOpenedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
  /**
   * An evaluator upheld (the record is now validated) or dismissed a dispute
   * @description Sent to the subscribed endpoints of the parties whose role lets them see it through the API (`dispute.read`). Verify `webhook-signature` before trusting the body; dedupe by `webhook-id` (delivery is at least once).
   */
  disputeResolvedWebhook: {
    parameters: {
      header: {
        /** @description The event id; the same on every retry */
        "webhook-id": string;
        /** @description Seconds since the epoch, when this attempt was signed */
        "webhook-timestamp": string;
        /** @description `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
        "webhook-signature": string;
      };
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["DisputeResolvedEvent"];
      };
    };
    responses: {
      /** @description Any 2xx answer acknowledges the event */
      200: {
        content: never;
      };
      /** @description Not acknowledged: retried with back-off (5 s, 30 s, 2 min, … for a day), like any answer other than 2xx or no answer within 10 s */
      "4XX": {
        content: never;
      };
    };
  };
}
