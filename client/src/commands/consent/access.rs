//! The access question's arguments (`consent check`, `log-access`), and `healthchain consent
//! log-access` and `verify-access`: the audit trail's salted commitments
//! and the receipts that let a patient check them.

use super::*;
use anyhow::Result;

/// An access question: which record, which action, which purpose.
#[derive(Args)]
pub struct AccessArgs {
	/// The record's categories (sensitivity labels), comma-separated; omit if unknown (every
	/// category-scoped deny then applies, and no category-scoped permit does).
	#[arg(long, value_parser = healthchain_client::cli::primitive::<DataCategory>(), value_delimiter = ',')]
	pub(super) category: Vec<DataCategory>,
	/// The record's health token, if it has one.
	#[arg(long)]
	pub(super) token: Option<u64>,
	/// When the record was made (Unix ms or -<n><s|m|h|d>).
	#[arg(long)]
	pub(super) recorded_at: Option<String>,
	/// The action.
	#[arg(long, value_parser = healthchain_client::cli::primitive::<Action>(), default_value = "read")]
	pub(super) action: Action,
	/// The purpose of use.
	#[arg(long, value_parser = healthchain_client::cli::primitive::<Purpose>())]
	pub(super) purpose: Purpose,
	/// Openings files of the patient's committed scopes (`consent grant --openings-out`):
	/// without them, a committed deny covers every record and a committed permit none.
	#[arg(long)]
	pub(super) openings: Vec<PathBuf>,
}

impl AccessArgs {
	pub(super) fn question(&self, accessor: &str, patient: &str) -> Result<AccessQuestion> {
		let patient = keys::parse_account(patient)?;
		let mut held = Vec::new();
		for path in &self.openings {
			held.extend(healthchain_client::consent::openings::Openings::read(path)?);
		}
		// Only this patient's openings: the receipt carries them, and another patient's would
		// tell this one their categories.
		let openings = KnownOpenings::new(held)?.for_question(&patient)?;
		Ok(AccessQuestion {
			accessor: keys::parse_account(accessor)?,
			patient,
			scope: RecordScope {
				labels: self.category.clone(),
				token: self.token,
				recorded_at: self.recorded_at.as_deref().map(parse_time).transpose()?,
				openings,
			},
			action: self.action,
			purpose: self.purpose,
		})
	}
}

impl App {
	/// Record `question` in the patient's audit trail as a commitment, with the decision
	/// `check_access` gives for it now; write the receipt to `path`.
	pub(super) async fn log_access(
		&self,
		question: &AccessQuestion,
		path: &std::path::Path,
	) -> Result<()> {
		if path.exists() {
			return Err(invalid(format!(
				"{} exists; refusing to overwrite a receipt",
				path.display()
			)));
		}
		let chain = self.chain().await?;
		let decision = chain.check_access(question, None).await?.into_value();
		let salt = random_salt()?;
		let commitment = chain.access_commitment(question, decision, &salt).await?;
		let call = ConsentCall::record_access {
			patient: question.patient,
			accessor: question.accessor,
			commitment: commitment.h256(),
		};
		let outcome = self.submit(chain, call).await?;
		let recorded = outcome
			.expect::<healthchain_client::runtime::api::consent::events::AccessRecorded>(
				"Consent.AccessRecorded: the chain recorded no access",
			)?;
		let receipt = AccessReceipt {
			format: RECEIPT_FORMAT.into(),
			patient: question.patient.to_string(),
			accessor: question.accessor.to_string(),
			scope: question.scope.clone(),
			action: question.action,
			purpose: question.purpose,
			decision,
			salt: Hash32(salt),
			commitment,
			index: recorded.index,
			block: outcome.block_number.ok_or_else(|| {
				anyhow::anyhow!(
					"the access was not included in a block (use --wait in-block or finalized)"
				)
			})?,
		};
		std::fs::write(path, serde_json::to_string_pretty(&receipt)? + "\n")
			.map_err(|e| invalid(format!("cannot write the receipt {}: {e}", path.display())))?;
		Ok(())
	}

	/// Check `path`'s receipt against the audit trail; exit 0 only if the entry commits to the
	/// receipt's question and decision, and that decision is what `check_access` answered at
	/// the entry's block (the state of that block: a node that keeps it, an archive node for an
	/// old entry).
	pub(super) async fn verify_access(&self, path: &std::path::Path) -> Result<()> {
		let text =
			String::from_utf8(read_file(path)?).map_err(|_| invalid("the receipt is not text"))?;
		let receipt: AccessReceipt = serde_json::from_str(&text)
			.map_err(|e| invalid(format!("bad receipt {}: {e}", path.display())))?;
		if receipt.format != RECEIPT_FORMAT {
			return Err(invalid(format!("{} is not a {RECEIPT_FORMAT} receipt", path.display())));
		}
		let question = receipt.question()?;
		let chain = self.chain().await?;
		let decision = receipt.decision;
		let commitment = chain.access_commitment(&question, decision, &receipt.salt.0).await?;
		let matches = commitment == receipt.commitment
			&& chain
				.audit_entry_matches(receipt.index, &question, decision, &receipt.salt.0)
				.await?;
		let recorded = serde_json::to_value(decision)?;
		let answer = chain.check_access(&question, Some(receipt.block)).await?;
		let decided = matches && *answer.value() == decision;
		let then = answer.json()?;
		self.print(
			json!({
				"verified": decided,
				"commitment_matches": matches,
				"recorded_decision": recorded,
				"check_access_at_block": then,
				"index": receipt.index,
				"block": receipt.block,
			}),
			|| {
				if decided {
					format!(
						"VERIFIED: entry {} of {}'s audit trail commits to this access, and {} is \
						 what check_access answered at block #{}",
						receipt.index, receipt.patient, recorded, receipt.block
					)
				} else if !matches {
					format!(
						"NOT VERIFIED: entry {} does not commit to this question, decision and salt",
						receipt.index
					)
				} else {
					format!(
						"NOT VERIFIED: the entry commits to {recorded}, but check_access \
						 answered {then} at block #{}",
						receipt.block
					)
				}
			},
		);
		if decided {
			Ok(())
		} else {
			Err(anyhow::Error::new(Reported))
		}
	}
}
