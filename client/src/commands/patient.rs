//! `healthchain patient`: a patient's wallet over its pseudonyms, one per counter-party, all
//! derived from one root secret (`--suri`).

use super::App;
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::keys::{self, Counterparty};
use serde_json::json;

#[derive(Subcommand)]
pub(crate) enum PatientCommand {
	/// The pseudonym (account) your wallet gives a counter-party: what to hand a hospital that
	/// will issue you a record or sponsor you.
	Pseudonym {
		/// `org:<id>` or an account.
		counterparty: Counterparty,
	},
	/// Everything the chain holds of you, across your pseudonyms: for every registered
	/// organisation (and every account given with --account), the pseudonym your wallet gives
	/// it, and its tokens, consents, attestations, audit entries, break-glass grants, representatives and sponsor. After a
	/// recovery from the mnemonic alone, this finds them again: eight queries per organisation.
	Overview {
		/// Also the pseudonyms given to these accounts (practitioners, people you granted to).
		#[arg(long = "account")]
		accounts: Vec<String>,
	},
}

impl App {
	pub(crate) async fn patient(&self, command: &PatientCommand) -> Result<()> {
		let root = self.root_suri()?;
		match command {
			PatientCommand::Pseudonym { counterparty } => {
				let account = keys::pseudonym_account(&root, counterparty)?;
				self.print(
					json!({
						"counterparty": counterparty.to_string(),
						"path": keys::pseudonym_path(counterparty),
						"account": account.to_string(),
					}),
					|| account.to_string(),
				);
			},
			PatientCommand::Overview { accounts } => {
				let chain = self.chain().await?;
				let organisations = chain.organisation_count().await?;
				let mut counterparties: Vec<Counterparty> =
					(0..organisations).map(Counterparty::Organisation).collect();
				for account in accounts {
					counterparties.push(Counterparty::Account(keys::parse_account(account)?));
				}
				let mut found = Vec::new();
				for counterparty in counterparties {
					let account = keys::pseudonym_account(&root, &counterparty)?;
					let holdings = chain.holdings(&account).await?;
					let sponsor = chain.sponsorship_of(&account).await?.map(|view| view.sponsor);
					let tokens = chain.tokens_of(&account, None, 100, false).await?;
					let consents = chain.consents_of(&account).await?;
					let attestations =
						chain.attestations_of(&account, None, 100).await?.into_value();
					let audit = chain.audit_log(&account, 0, 100).await?;
					let emergency = chain.emergency_access_of(&account).await?;
					let representatives = chain.representatives_of(&account).await?;
					let used = holdings.exists
						|| !emergency.is_empty()
						|| !representatives.is_empty()
						|| sponsor.is_some()
						|| !tokens.is_empty()
						|| !consents.is_empty()
						|| !attestations.attestations.is_empty()
						|| !audit.is_empty();
					if used {
						found.push(json!({
							"counterparty": counterparty.to_string(),
							"account": account.to_string(),
							"transactions": holdings.nonce,
							"sponsored_by": sponsor,
							"tokens": tokens,
							"consents": consents.json()?,
							"attestations": attestations
								.attestations
								.iter()
								.map(|(id, _)| *id)
								.collect::<Vec<_>>(),
							"audit_entries": audit.len(),
							"emergency_access": emergency.json()?,
							"representatives": representatives.json()?,
						}));
					}
				}
				self.print(json!({ "pseudonyms": found }), || {
					let mut text = format!("{} pseudonym(s) in use", found.len());
					for entry in &found {
						text.push_str(&format!(
							"\n  {} for {}: {} token(s), {} consent(s), {} attestation(s), {} \
							 audit entr(ies){}",
							entry["account"].as_str().unwrap_or_default(),
							entry["counterparty"].as_str().unwrap_or_default(),
							entry["tokens"].as_array().map_or(0, Vec::len),
							entry["consents"].as_array().map_or(0, Vec::len),
							entry["attestations"].as_array().map_or(0, Vec::len),
							entry["audit_entries"],
							entry["sponsored_by"]
								.as_u64()
								.map(|org| format!(", sponsored by organisation {org}"))
								.unwrap_or_default()
						));
					}
					text
				});
			},
		}
		Ok(())
	}
}
