//! `healthchain insurance`: insurers attest coverage, patients present it, providers verify it.

use super::App;
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{
	call::{Call, InsuranceCall},
	hash::Hash32,
	insurance::{self, not_in_force, not_in_force_code, ClaimsFile, Credential, Presentation},
	invalid, keys, Wait,
};
use serde_json::json;
use std::path::{Path, PathBuf};

mod verify;

#[derive(Subcommand)]
pub(crate) enum InsuranceCommand {
	/// As an insurer's agent: attest a patient's coverage from a claims file (JSON, or TOML by
	/// its .toml name). Fresh random salts; only the claim tree's root goes on chain. Writes the
	/// patient's credential (the only copy of the claims in clear): give it to the patient.
	Attest {
		/// The patient (SS58 address, 0x public key, or a development name).
		patient: String,
		/// The claims file: plan, member, coverage, network_tier, copay_class, period.
		#[arg(long)]
		claims: PathBuf,
		/// Where to write the credential; default `<claims file>.credential.json`.
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// As an insurer's agent: renew or amend an attestation from a new claims file; the old one
	/// reads as superseded. Writes the patient's new credential.
	Renew {
		/// The attestation it replaces.
		attestation: u64,
		/// The claims file of the renewed coverage.
		#[arg(long)]
		claims: PathBuf,
		/// Where to write the credential; default `<claims file>.credential.json`.
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// As an insurer's agent: suspend an active attestation.
	Suspend {
		/// The attestation.
		attestation: u64,
	},
	/// As an insurer's agent: reinstate a suspended attestation.
	Reinstate {
		/// The attestation.
		attestation: u64,
	},
	/// As an insurer's agent: revoke an attestation for good.
	Revoke {
		/// The attestation.
		attestation: u64,
	},
	/// Remove an attestation and return its deposit to whoever paid it: its patient at any time;
	/// its depositor or the insurer's agents once it is revoked, superseded or expired, or once
	/// the insurer has left the registry.
	Remove {
		/// The attestation.
		attestation: u64,
	},
	/// As a patient: refuse an insurer, which may then not attest you (nor renew your
	/// attestations) until you allow it again; you pay a small deposit, returned when you do.
	/// Your attestations by it stay until you remove them.
	Refuse {
		/// The insurer organisation.
		insurer: u32,
	},
	/// As a patient: allow an insurer you refused to attest you again.
	Allow {
		/// The insurer organisation.
		insurer: u32,
	},
	/// An attestation and whether it is in force now.
	Show {
		/// The attestation.
		attestation: u64,
	},
	/// A patient's attestations, a page at a time.
	List {
		/// The patient.
		patient: String,
		/// Start after this attestation (the `next` of the previous page).
		#[arg(long)]
		after: Option<u64>,
		/// How many (at most 100).
		#[arg(long, default_value_t = 100)]
		limit: u32,
	},
	/// Write its attestation id into a credential whose attestation was submitted but not seen
	/// to finish (the patient's attestation whose commitment is the credential's).
	Find {
		/// The credential.
		#[arg(long)]
		credential: PathBuf,
	},
	/// As a verifier: print a fresh random challenge for the patient to sign.
	Challenge,
	/// As the patient: present the claims you choose from your credential, signed over the
	/// verifier's challenge (offline: nothing is sent to the chain).
	Present {
		/// Your credential (from `insurance attest`).
		#[arg(long)]
		credential: PathBuf,
		/// The claims to disclose, comma-separated: plan, member, network_tier, copay_class,
		/// period, or a class of care (telemedicine, inpatient, …).
		#[arg(long, value_delimiter = ',', required = true)]
		disclose: Vec<String>,
		/// The verifier's challenge (from `insurance challenge`).
		#[arg(long)]
		challenge: String,
		/// Where to write the presentation; default: print it.
		#[arg(long)]
		out: Option<PathBuf>,
	},
	/// As a verifier: check a presentation (your challenge, this chain, every disclosed claim
	/// against the commitment, the patient's signature, the claims you require) and whether the
	/// attestation is in force now. Exits 0 only when it is.
	Verify {
		/// The presentation.
		presentation: PathBuf,
		/// The challenge you gave the patient.
		#[arg(long)]
		challenge: String,
		/// The claims that must be disclosed, comma-separated (e.g. `telemedicine`): without
		/// them the presentation does not show what you need, even if it is in force.
		#[arg(long, value_delimiter = ',')]
		require: Vec<String>,
	},
}

impl App {
	pub(crate) async fn insurance(&self, command: &InsuranceCommand) -> Result<()> {
		use InsuranceCommand::*;
		let call = match command {
			Attest { patient, claims, out } => {
				let patient = keys::parse_account(patient)?;
				return self.attest(&patient, None, claims, out.as_deref()).await;
			},
			Renew { attestation, claims, out } => {
				let chain = self.chain().await?;
				let Some(info) = chain.attestation(*attestation).await?.into_value() else {
					return Err(invalid(format!("no attestation {attestation} on this chain")));
				};
				return self
					.attest(&info.patient, Some(*attestation), claims, out.as_deref())
					.await;
			},
			Suspend { attestation } => InsuranceCall::suspend { attestation: *attestation },
			Reinstate { attestation } => InsuranceCall::reinstate { attestation: *attestation },
			Revoke { attestation } => InsuranceCall::revoke { attestation: *attestation },
			Remove { attestation } => {
				InsuranceCall::remove_attestation { attestation: *attestation }
			},
			Refuse { insurer } => {
				self.towards(keys::Counterparty::Organisation(*insurer));
				InsuranceCall::refuse_insurer { insurer: *insurer }
			},
			Allow { insurer } => {
				self.towards(keys::Counterparty::Organisation(*insurer));
				InsuranceCall::allow_insurer { insurer: *insurer }
			},
			Show { attestation } => {
				let chain = self.chain().await?;
				let info = chain.attestation(*attestation).await?;
				let json = info.json()?;
				if info.is_none() {
					return Err(invalid(format!("no attestation {attestation} on this chain")));
				}
				let status = chain.coverage_status(*attestation).await?;
				let (in_force, why) = match &status {
					Ok(_) => (true, None),
					Err(reason) => (false, Some(not_in_force_code(reason))),
				};
				let value = json!({
					"attestation": attestation,
					"info": json,
					"in_force": in_force,
					"reason": why,
				});
				self.print(value.clone(), || {
					let verdict = match &status {
						Ok(_) => "in force".to_string(),
						Err(reason) => format!("not in force: {}", not_in_force(reason)),
					};
					format!(
						"attestation {attestation}: {verdict}\n{}",
						serde_json::to_string_pretty(&json).unwrap_or_default()
					)
				});
				return Ok(());
			},
			List { patient, after, limit } => {
				let patient = keys::parse_account(patient)?;
				let chain = self.chain().await?;
				let page = chain.attestations_of(&patient, *after, *limit).await?.json()?;
				self.print(page.clone(), || {
					serde_json::to_string_pretty(&page).unwrap_or_default()
				});
				return Ok(());
			},
			Find { credential } => {
				let mut held = Credential::read(credential)?;
				let patient = keys::parse_account(&held.patient)?;
				let chain = self.chain().await?;
				let Some(id) = chain.find_attestation(&patient, held.commitment).await? else {
					return Err(invalid(format!(
						"no attestation of {} commits to {}: it was not stored (attest again)",
						held.patient, held.commitment
					)));
				};
				held.attestation = Some(id);
				held.write(credential)?;
				self.print(json!({ "ok": true, "attestation": id }), || {
					format!("{}: attestation {id}", credential.display())
				});
				return Ok(());
			},
			Challenge => {
				let challenge = insurance::challenge()?;
				self.print(json!({ "challenge": challenge }), || challenge.to_string());
				return Ok(());
			},
			Present { credential, disclose, challenge, out } => {
				return self.present(credential, disclose, challenge, out.as_deref()).await;
			},
			Verify { presentation, challenge, require } => {
				return self.verify_presentation(presentation, challenge, require).await;
			},
		};
		let chain = self.chain().await?;
		self.submit(chain, call).await?;
		Ok(())
	}

	/// Attest (or, with `replaces`, renew) from a claims file and write the credential. The
	/// credential is written before the transaction is submitted, so that a client stopped after
	/// the chain stored the commitment still has the claims and salts; it is removed only if
	/// the chain refused the transaction.
	async fn attest(
		&self,
		patient: &subxt::utils::AccountId32,
		replaces: Option<u64>,
		claims_path: &Path,
		out: Option<&Path>,
	) -> Result<()> {
		let claims = ClaimsFile::read(claims_path)?;
		let (starts, ends) = claims.period()?;
		let claims = claims.claims()?;
		let out = match out {
			Some(out) => out.to_path_buf(),
			None => {
				let mut name = claims_path.as_os_str().to_owned();
				name.push(".credential.json");
				PathBuf::from(name)
			},
		};
		if out.exists() {
			return Err(invalid(format!(
				"{} exists; refusing to overwrite a credential (give --out <path>)",
				out.display()
			)));
		}
		let chain = self.chain().await?;
		let genesis = Hash32(chain.genesis_hash().await?);
		let mut credential = Credential::new(genesis, patient, claims)?;
		let commitment = credential.commitment.0;
		let call: Call = match replaces {
			Some(attestation) => InsuranceCall::renew { attestation, commitment, starts, ends },
			None => InsuranceCall::attest { patient: *patient, commitment, starts, ends },
		}
		.into();
		credential.write(&out)?;
		let signer = self.signer()?;
		let outcome = match chain.submit(&call, &signer, Wait::Finalized).await {
			Ok(outcome) => outcome,
			Err(error)
				if error
					.downcast_ref::<healthchain_client::Failure>()
					.is_some_and(healthchain_client::Failure::is_definite) =>
			{
				if let Err(removing) = std::fs::remove_file(&out) {
					eprintln!("warning: cannot remove {}: {removing}", out.display());
				}
				return Err(error);
			},
			Err(error) => {
				return Err(error.context(format!(
					"the attestation may or may not be on chain: {} keeps its claims and salts; \
					 `healthchain insurance find --credential {}` writes its attestation id into \
					 it once it is",
					out.display(),
					out.display()
				)))
			},
		};
		use healthchain_client::runtime::api::insurance::events::{Attested, Renewed};
		let id = match replaces {
			Some(_) => outcome.expect::<Renewed>("Insurance.Renewed")?.attestation,
			None => outcome.expect::<Attested>("Insurance.Attested")?.attestation,
		};
		credential.attestation = Some(id);
		credential.write(&out)?;
		let value = json!({
			"ok": true,
			"attestation": id,
			"replaces": replaces,
			"patient": patient.to_string(),
			"commitment": credential.commitment,
			"starts": starts,
			"ends": ends,
			"credential": out.display().to_string(),
			"block_number": outcome.block_number,
			"finalized": outcome.finalized,
		});
		self.print(value, || {
			format!(
				"attestation {id}{} for {patient} ({} to {}) in {} block #{}; the patient's \
				 credential: {} (the only copy of the claims: give it to the patient, privately)",
				replaces.map(|old| format!(" replaces {old}")).unwrap_or_default(),
				insurance::date(starts),
				insurance::date(ends.saturating_sub(1)),
				if outcome.finalized { "finalized" } else { "best" },
				outcome.block_number.unwrap_or_default(),
				out.display()
			)
		});
		Ok(())
	}

	async fn present(
		&self,
		credential: &Path,
		disclose: &[String],
		challenge: &str,
		out: Option<&Path>,
	) -> Result<()> {
		let credential = Credential::read(credential)?;
		let challenge: Hash32 = challenge.parse()?;
		// A patient's wallet signs with the pseudonym the insurer attested.
		self.towards_patient(&keys::parse_account(&credential.patient)?).await?;
		let Some(attestation) = credential.attestation else {
			return Err(invalid(
				"the credential names no attestation (its submission was not seen to finish): \
				 ask the insurer",
			));
		};
		let signer = self.signer()?;
		let account = signer.public_key().to_account_id();
		if account.to_string() != credential.patient {
			return Err(invalid(format!(
				"the credential is bound to {}; you sign as {account}: only its patient can \
				 present it",
				credential.patient
			)));
		}
		let disclosed = credential.disclose(disclose)?;
		let presentation =
			Presentation::sign(&signer, credential.genesis_hash, attestation, challenge, disclosed);
		let text = serde_json::to_string_pretty(&presentation)? + "\n";
		match out {
			Some(path) => {
				std::fs::write(path, &text)
					.map_err(|e| invalid(format!("cannot write {}: {e}", path.display())))?;
				let names: Vec<&str> =
					presentation.disclosed.iter().map(|d| d.claim.name()).collect();
				self.print(
					json!({ "ok": true, "presentation": path.display().to_string(), "disclosed": names }),
					|| {
						format!(
							"presentation of attestation {attestation} disclosing {} written to {}",
							names.join(", "),
							path.display()
						)
					},
				);
			},
			None => {
				let value = serde_json::to_value(&presentation)?;
				self.print(value, || text.trim_end().to_string());
			},
		}
		Ok(())
	}
}
