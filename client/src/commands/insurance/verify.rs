//! `healthchain insurance verify`: a provider's check of a patient's presentation (the
//! library's [`healthchain_client::Chain::check_presentation`]), printed.

use super::super::{App, Reported};
use anyhow::Result;
use healthchain_client::{
	hash::Hash32,
	insurance::{self, Presentation, PresentationVerdict},
};
use serde_json::json;
use std::path::Path;

impl App {
	pub(super) async fn verify_presentation(
		&self,
		path: &Path,
		challenge: &str,
		require: &[String],
	) -> Result<()> {
		let presentation = Presentation::read(path)?;
		let challenge: Hash32 = challenge.parse()?;
		let chain = self.chain().await?;
		let verdict = chain.check_presentation(&presentation, challenge, require).await?;
		let message = verdict.to_string();
		let disclosed: Vec<String> =
			presentation.disclosed.iter().map(|d| d.claim.describe()).collect();
		let in_force = matches!(verdict, PresentationVerdict::InForce(_));
		let value = json!({
			"ok": in_force,
			"in_force": in_force,
			"attestation": presentation.attestation,
			"patient": presentation.patient,
			"disclosed": presentation.disclosed.iter().map(|d| &d.claim).collect::<Vec<_>>(),
			"reason": verdict.code(),
			"message": message,
		});
		self.print(value, || match &verdict {
			PresentationVerdict::InForce(_) => format!(
				"IN FORCE: attestation {} of {}: {}; {message}",
				presentation.attestation,
				insurance::printable(&presentation.patient),
				disclosed.join("; ")
			),
			PresentationVerdict::Refused(failure) if failure.proves_nothing() => {
				format!("NOT IN FORCE: the presentation proves nothing: {message}")
			},
			PresentationVerdict::Refused(_) => {
				format!("NOT IN FORCE: attestation {}: {message}", presentation.attestation)
			},
		});
		if in_force {
			Ok(())
		} else {
			Err(Reported.into())
		}
	}
}
