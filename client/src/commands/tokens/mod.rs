//! `healthchain token`: health tokens (records, certificates, licences) and verification.

use super::{parse_time, App, ConsortiumArgs, DocumentArgs};
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{
	call::TokensCall,
	cli,
	documents::BundleIssuer,
	keys,
	tokens::{Profession, RevocationReason, Role, TokenId, VersionReason},
};
use serde_json::json;
use std::path::PathBuf;
use verify::parse_issuer;

mod verify;

#[derive(Subcommand)]
pub(crate) enum TokenCommand {
	/// Issue a medical record to a patient (agent of an accredited provider or laboratory;
	/// the signer pays the deposit).
	IssueRecord {
		/// The patient's address.
		patient: String,
		/// The role the issuer acts in.
		#[arg(long, value_parser = cli::primitive::<Role>(), default_value = "provider")]
		role: Role,
		#[command(flatten)]
		document: DocumentArgs,
	},
	/// Issue a certificate or test result (agent of an accredited laboratory or provider).
	IssueCertificate {
		/// The subject's address.
		subject: String,
		/// The role the issuer acts in.
		#[arg(long, value_parser = cli::primitive::<Role>(), default_value = "laboratory")]
		role: Role,
		/// Until when it is valid: Unix milliseconds or +<n><s|m|h|d>; default: no expiry.
		#[arg(long)]
		valid_until: Option<String>,
		#[command(flatten)]
		document: DocumentArgs,
	},
	/// License a practitioner (agent of an accredited licensing board).
	IssueLicence {
		/// The practitioner's address.
		practitioner: String,
		/// The profession licensed.
		#[arg(value_parser = cli::primitive::<Profession>())]
		profession: Profession,
		/// Until when: Unix milliseconds or +<n><s|m|h|d>.
		#[arg(long)]
		valid_until: String,
		#[command(flatten)]
		document: DocumentArgs,
	},
	/// Write a new version (correction, amendment, addendum, renewal) as the issuer.
	Update {
		/// The token.
		token: TokenId,
		/// Why.
		#[arg(long, value_parser = cli::primitive_except(&VersionReason::CHAIN_WRITTEN))]
		reason: VersionReason,
		/// A new valid-until time, for renewals.
		#[arg(long)]
		valid_until: Option<String>,
		#[command(flatten)]
		document: DocumentArgs,
	},
	/// Revoke a certificate or licence as its issuer.
	Revoke {
		/// The token.
		token: TokenId,
		/// Why.
		#[arg(long, value_enum)]
		reason: RevocationReason,
	},
	/// Suspend a licence as its issuer.
	Suspend {
		/// The token.
		token: TokenId,
	},
	/// Lift a licence's suspension as its issuer.
	Reinstate {
		/// The token.
		token: TokenId,
	},
	/// Archive a record or certificate you own.
	Archive {
		/// The token.
		token: TokenId,
	},
	/// Refuse a token issued to you, whatever its status: it leaves your list and names no
	/// owner any more (what its issuer anchored stays verifiable, as refused, or revoked); a
	/// pending session or licence is removed. An accepted licence cannot be refused.
	Refuse {
		/// The token.
		token: TokenId,
	},
	/// Accept a licence a board issued to you: it licenses from now on (until then it licenses
	/// nothing, and you can refuse it).
	AcceptLicence {
		/// The licence token.
		token: TokenId,
	},
	/// Take over the deposit of a version of a token your organisation issued, e.g. one an
	/// agent who has left wrote (admin of the issuing organisation; the signer pays the
	/// deposit, its former depositor gets theirs back).
	ChangeDepositOwner {
		/// The token.
		token: TokenId,
		/// The version (`token show` lists them, from 0).
		version: u32,
	},
	/// Revoke any certificate or licence (consortium), e.g. one whose board is gone.
	ForceRevoke {
		/// The token.
		token: TokenId,
		/// Why.
		#[arg(long, value_enum)]
		reason: RevocationReason,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Transfer a token you own (refused for non-transferable classes).
	Transfer {
		/// The token.
		token: TokenId,
		/// The new owner's address.
		to: String,
	},
	/// Show a token, its status now and its version history.
	Show {
		/// The token.
		token: TokenId,
	},
	/// List the ids of an account's tokens.
	List {
		/// The owner's address.
		owner: String,
		/// Continue after this id (the last of the previous page).
		#[arg(long)]
		after: Option<TokenId>,
		/// The most ids to return (the chain caps a page at 100).
		#[arg(long, default_value_t = 100)]
		limit: u32,
		/// Follow the pages to the end.
		#[arg(long, conflicts_with = "after")]
		all: bool,
	},
	/// Is this document an authentic token in force? Recomputes its commitment locally — with
	/// the salt of its verification bundle (`<file>.healthchain.json`, or --bundle), or
	/// unsalted (SHA-256 and BLAKE2-256) for a document anchored without one — and asks the
	/// chain; exits 0 only if it is in force.
	Verify {
		/// The document.
		#[arg(required_unless_present = "hash")]
		file: Option<PathBuf>,
		/// The document's verification bundle; default `<file>.healthchain.json` if it exists.
		#[arg(long, requires = "file")]
		bundle: Option<PathBuf>,
		/// The document's hash instead of the file.
		#[arg(long, conflicts_with = "file")]
		hash: Option<String>,
		/// Who issued the document, when the bundle does not say (an earlier client's, or
		/// none): `org:<id>`, or `practitioner:<address>` for a session.
		#[arg(long)]
		issuer: Option<String>,
	},
	/// Is this practitioner licensed for this profession now?
	LicenceCheck {
		/// The practitioner's address.
		practitioner: String,
		/// The profession.
		#[arg(value_parser = cli::primitive::<Profession>())]
		profession: Profession,
	},
}

impl App {
	pub(crate) async fn token(&self, command: &TokenCommand) -> Result<()> {
		use TokenCommand::*;
		let call = match command {
			IssueRecord { patient, role, document } => {
				let issuer = self.organisation_issuer().await?;
				TokensCall::issue_record {
					patient: keys::parse_account(patient)?,
					role: *role,
					document: document.document(issuer)?.reference(),
				}
			},
			IssueCertificate { subject, role, valid_until, document } => {
				let until = valid_until.as_deref().map(parse_time).transpose()?;
				let issuer = self.organisation_issuer().await?;
				TokensCall::issue_certificate {
					subject: keys::parse_account(subject)?,
					role: *role,
					document: document.document(issuer)?.reference(),
					valid_until: until,
				}
			},
			IssueLicence { practitioner, profession, valid_until, document } => {
				let issuer = self.organisation_issuer().await?;
				TokensCall::issue_licence {
					practitioner: keys::parse_account(practitioner)?,
					profession: *profession,
					document: document.document(issuer)?.reference(),
					valid_until: parse_time(valid_until)?,
				}
			},
			Update { token, reason, valid_until, document } => {
				let until = valid_until.as_deref().map(parse_time).transpose()?;
				let issuer = self.organisation_issuer().await?;
				TokensCall::update {
					token: *token,
					document: document.document(issuer)?.reference(),
					reason: *reason,
					valid_until: until,
				}
			},
			Revoke { token, reason } => TokensCall::revoke { token: *token, reason: *reason },
			Suspend { token } => TokensCall::suspend { token: *token },
			Reinstate { token } => TokensCall::reinstate { token: *token },
			Archive { token } => {
				self.towards_token_issuer(*token).await?;
				TokensCall::archive { token: *token }
			},
			Refuse { token } => {
				self.towards_token_issuer(*token).await?;
				TokensCall::refuse { token: *token }
			},
			AcceptLicence { token } => TokensCall::accept_licence { token: *token },
			ChangeDepositOwner { token, version } => {
				TokensCall::change_deposit_owner { token: *token, version: *version }
			},
			ForceRevoke { token, reason, consortium } => {
				return self
					.consortium(
						TokensCall::force_revoke { token: *token, reason: *reason },
						consortium.via,
					)
					.await;
			},
			Transfer { token, to } => {
				TokensCall::transfer { token: *token, to: keys::parse_account(to)? }
			},
			Show { token } => {
				let chain = self.chain().await?;
				let report = chain.token(*token, false).await?;
				let Some(view) = report.token.value() else {
					return Err(healthchain_client::invalid(format!("unknown token {token}")));
				};
				let json = report.json()?;
				self.print(json.clone(), || {
					let owner = view.token.owner.as_ref().map(ToString::to_string);
					format!(
						"token {token}: {:?} {:?} owned by {}, issued by {}\n{}",
						view.effective,
						view.class,
						owner.as_deref().unwrap_or("?"),
						view.token.issuer,
						serde_json::to_string_pretty(&json).unwrap_or_default()
					)
				});
				return Ok(());
			},
			List { owner, after, limit, all } => {
				let owner = keys::parse_account(owner)?;
				let chain = self.chain().await?;
				let mut ids = Vec::new();
				let mut cursor = *after;
				loop {
					let page = chain.tokens_of(&owner, cursor, *limit, false).await?;
					let done = page.is_empty() || !*all;
					cursor = page.last().copied().or(cursor);
					ids.extend(page);
					if done {
						break;
					}
				}
				self.print(json!({ "owner": owner.to_string(), "tokens": ids }), || {
					if ids.is_empty() {
						format!("{owner} holds no tokens")
					} else {
						ids.iter().map(|id| id.to_string()).collect::<Vec<_>>().join("\n")
					}
				});
				return Ok(());
			},
			Verify { file, bundle, hash, issuer } => {
				let issuer = issuer.as_deref().map(parse_issuer).transpose()?;
				return self
					.verify(file.as_deref(), bundle.as_deref(), hash.as_deref(), issuer)
					.await;
			},
			LicenceCheck { practitioner, profession } => {
				let account = keys::parse_account(practitioner)?;
				let chain = self.chain().await?;
				let check = chain.licence_check(&account, *profession, false).await?;
				let rendered = check.json()?;
				let value = json!({
					"practitioner": account.to_string(),
					"profession": profession,
					"licensed": check.result.is_ok(),
					"licence": rendered["licence"],
					"reason": rendered["result"].get("err"),
				});
				self.print(value, || match &check.result {
					Ok(licence) => {
						format!("{account} is licensed as {profession:?} (licence {licence})")
					},
					Err(reason) => {
						format!("{account} is not licensed as {profession:?}: {reason:?}")
					},
				});
				return Ok(());
			},
		};
		let chain = self.chain().await?;
		self.submit(chain, call).await?;
		Ok(())
	}

	/// The organisation the signer acts for, as a bundle names its issuer (`None` if it acts
	/// for none: the chain refuses the issuance anyway).
	async fn organisation_issuer(&self) -> Result<Option<BundleIssuer>> {
		let signer = self.signer()?.public_key().to_account_id();
		let chain = self.chain().await?;
		Ok(chain.organisation_of(&signer, true).await?.map(BundleIssuer::Organisation))
	}
}

impl App {
	/// With `--as-patient`: the counter-party of an action on token `token` is its issuer,
	/// an organisation (a record, a certificate) or a practitioner (a session), whose
	/// pseudonym the token was issued to.
	pub(crate) async fn towards_token_issuer(&self, token: TokenId) -> Result<()> {
		use healthchain_client::runtime::api::{
			self, runtime_types::pallet_health_tokens::types::Authority,
		};
		if !self.cli.as_patient {
			return Ok(());
		}
		let payload = api::runtime_apis().health_tokens_api().token(token);
		let view = self
			.chain()
			.await?
			.runtime_api(payload, false)
			.await?
			.ok_or_else(|| healthchain_client::invalid(format!("unknown token {token}")))?;
		self.towards(match view.token.authority {
			Authority::Accreditation { organisation, .. } => {
				keys::Counterparty::Organisation(organisation)
			},
			Authority::Licensed => keys::Counterparty::Account(view.token.issuer),
		});
		Ok(())
	}
}
